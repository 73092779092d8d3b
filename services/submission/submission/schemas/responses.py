"""Schemas of answers that had none in the OpenAPI document (issue 19: schemathesis found the
categories, the report and the winners' import answering with bodies their document did not
describe). Documented only: these views build their answers themselves."""

from __future__ import annotations

from marshmallow import Schema, fields


class CategorySchema(Schema):
    code = fields.String(metadata={"example": "C7-HLT"})
    name = fields.String()


class SdgSchema(Schema):
    number = fields.Integer()
    name = fields.String()


class ReferenceSchema(Schema):
    categories = fields.List(fields.Nested(CategorySchema))
    sdgs = fields.List(fields.Nested(SdgSchema))


class WinnersAddedSchema(Schema):
    added = fields.Integer(metadata={"description": "how many were new (one already known is skipped)"})


class ReportEntrySchema(Schema):
    id = fields.String()
    title = fields.String(allow_none=True)
    entity = fields.Dict()
    coordinator = fields.Dict()
    sdgs = fields.List(fields.Integer())
    nominated = fields.Boolean()
    submitted_at = fields.String(allow_none=True)
    short_description = fields.String()


class ReportCategorySchema(Schema):
    code = fields.String()
    name = fields.String()
    submissions = fields.List(fields.Nested(ReportEntrySchema))


class ReportSchema(Schema):
    edition = fields.Integer()
    total = fields.Integer()
    nominated = fields.Integer()
    categories = fields.List(fields.Nested(ReportCategorySchema))

