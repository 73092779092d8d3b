"""What anyone may read: nominees, results, the Success Stories."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class EntitySchema(Schema):
    name = fields.String()
    type = fields.String()
    country = fields.String()


class EntrySchema(Schema):
    submission_id = fields.String()
    title = fields.String()
    short_description = fields.String()
    entity = fields.Nested(EntitySchema)


class NomineeCategorySchema(Schema):
    category = fields.String()
    category_name = fields.String()
    nominees = fields.List(fields.Nested(EntrySchema))


class NomineesSchema(Schema):
    year = fields.Integer()
    published_at = fields.String()
    categories = fields.List(fields.Nested(NomineeCategorySchema))


class FinalistEntrySchema(EntrySchema):
    distinction = fields.String(metadata={
        "description": "\"champion\" for every finalist until the ceremony; then the category's one "
                       "winning project is marked as such"})


class ResultCategorySchema(Schema):
    category = fields.String()
    category_name = fields.String()
    finalists = fields.List(fields.Nested(FinalistEntrySchema))
    # Present only from the ceremony on:
    winner = fields.Nested(FinalistEntrySchema)
    champions = fields.List(fields.Nested(FinalistEntrySchema))


class ResultsSchema(Schema):
    year = fields.Integer()
    announced = fields.Boolean()
    ceremony_at = fields.String()
    categories = fields.List(fields.Nested(ResultCategorySchema))


class StoriesQuerySchema(Schema):
    format = fields.String(load_default="html", validate=validate.OneOf(["html", "pdf", "json"]))
