"""Schemas of the questionnaire. Input is lenient on presence on purpose: a draft may be
partial, and on submission the rules report every missing field together with every other
reason, rather than stopping at the first missing one."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from wsis_common import limits
from wsis_common.contract_fields import ContractAnswers, ContractText


class EntitySchema(Schema):
    name = ContractText(limits.ENTITY_NAME)
    type = ContractText(limits.ENTITY_TYPE)
    country = ContractText(limits.COUNTRY, validate=validate.Length(equal=2),
                           metadata={"description": "ISO 3166-1 alpha-2"})


class PersonSchema(Schema):
    name = ContractText(limits.PERSON_NAME)
    email = ContractText(limits.EMAIL)


class SubmissionInSchema(Schema):
    """Every text is held to its event contract (wsis_common.limits) as it is loaded."""

    category = ContractText(limits.CATEGORY, metadata={"example": "C7-HLT"})
    title = ContractText(limits.TITLE)
    entity = fields.Nested(EntitySchema)
    coordinator = fields.Nested(PersonSchema)
    project_status = fields.String(metadata={"description": "completed | key_phase_concluded"})
    # strict: 1.5 is refused, not stored as 1 (the range 1-17 is checked with the answers' shape)
    sdgs = fields.List(fields.Integer(strict=True))
    answers = ContractAnswers(metadata={
        "description": "one text per box of the edition's form; sdg_links: {SDG number: text}"})


class SubmissionCreateSchema(SubmissionInSchema):
    draft = fields.Boolean(load_default=False, metadata={"description": "true: save, do not submit yet"})


class SubmissionSchema(Schema):
    id = fields.String()
    edition = fields.Integer()
    status = fields.String(metadata={"description": "draft | accepted | withdrawn"})
    category = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    entity = fields.Dict()
    coordinator = fields.Dict()
    project_status = fields.String(allow_none=True)
    sdgs = fields.List(fields.Integer())
    answers = fields.Dict()
    has_photo = fields.Boolean()
    nominated = fields.Boolean()
    created_at = fields.String()
    updated_at = fields.String()
    submitted_at = fields.String(allow_none=True)


class MineQuerySchema(Schema):
    mine = fields.Boolean(load_default=True)


class PhotoSchema(Schema):
    content_type = fields.String()
    width = fields.Integer()
    height = fields.Integer()
    bytes = fields.Integer()


class PastWinnerSchema(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=2012, max=2100))
    category = fields.String(required=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=300))
    entity_name = fields.String(load_default="")
    description = fields.String(load_default="")
    source = fields.String(dump_only=True)


class WinnersImportSchema(Schema):
    winners = fields.List(fields.Nested(PastWinnerSchema), required=True)


class ReportQuerySchema(Schema):
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv", "html"]))
