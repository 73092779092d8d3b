"""Marshmallow schemas of the mail API (they also produce the OpenAPI document), one module
per resource: the mail log, the unsubscribe link."""
