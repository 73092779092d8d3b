"""Marshmallow schemas of the voting API (they also produce the OpenAPI document), one module
per resource as in voting.api: ballot, votes, reports (the WSIS team's)."""
