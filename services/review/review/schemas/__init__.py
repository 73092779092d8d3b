"""Marshmallow schemas of the review API (they also produce its OpenAPI document)."""
