"""Marshmallow schemas of the gateway app's API (they also produce its OpenAPI document)."""
