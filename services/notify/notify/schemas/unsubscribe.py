"""The shape of the unsubscribe link: its signed token, in the query."""

from __future__ import annotations

from marshmallow import Schema, fields


class TokenQuerySchema(Schema):
    token = fields.String(required=True)
