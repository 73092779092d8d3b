"""The ballot as voters read it."""

from __future__ import annotations

from marshmallow import Schema, fields


class NomineeSchema(Schema):
    nominee = fields.String(metadata={"description": "the submission id; send it to vote"})
    title = fields.String()
    short_description = fields.String(metadata={"description": "the text voters read"})
    organisation = fields.String(allow_none=True, metadata={
        "description": "the organisation that carries the project; null when not published"})
    country = fields.String(allow_none=True, metadata={
        "description": "the organisation's country, ISO 3166-1 alpha-2; null when not published",
        "example": "KE"})


class BallotCategorySchema(Schema):
    category = fields.String(metadata={"example": "C7-HLT"})
    nominees = fields.List(fields.Nested(NomineeSchema))


class BallotSchema(Schema):
    year = fields.Integer()
    voting_opens = fields.String()
    voting_closes = fields.String(metadata={"description": "a vote at this instant is too late"})
    is_open = fields.Boolean()
    categories = fields.List(fields.Nested(BallotCategorySchema))
