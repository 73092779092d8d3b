"""The gateway app's HTTP API: accounts and tokens under /api/v1 (flask-smorest, one module per
resource: schema in, use case, schema out), and the page at /api/docs that shows every
service's OpenAPI document (apidocs.py: a plain Flask blueprint, no part of that document)."""

from __future__ import annotations

from flask_smorest import Blueprint


def blueprints() -> list[Blueprint]:
    from portal.api import accounts

    return [accounts.blp]
