"""The expert roster and the assignments."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema


class OrganisationSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1))
    type = fields.String(load_default="")
    country = fields.String(load_default="")


class ExpertInSchema(Schema):
    name = fields.String(required=True)
    email = fields.Email(required=True)
    organisation = fields.Nested(OrganisationSchema, required=True)


class ExpertSchema(Schema):
    account_id = fields.String()
    name = fields.String()
    email = fields.String()
    organisation = fields.Dict()
    updated_at = fields.String()


class AssignmentInSchema(Schema):
    expert_id = fields.String(required=True)
    category = fields.String(metadata={"description": "Assign the whole category…"})
    submission_id = fields.String(metadata={"description": "…or one submission"})

    @validates_schema
    def _one_scope(self, data, **_kwargs) -> None:
        if bool(data.get("category")) == bool(data.get("submission_id")):
            raise ValidationError("Give either a category or a submission_id.", "category")


class AssignmentSchema(Schema):
    id = fields.Integer()
    edition = fields.Integer()
    expert_id = fields.String()
    category = fields.String(allow_none=True)
    submission_id = fields.String(allow_none=True)
    assigned_by = fields.String()
    assigned_at = fields.String()


class AssignedSchema(Schema):
    assignment = fields.Nested(AssignmentSchema, allow_none=True)
    already_assigned = fields.Boolean()
    left_out_for_conflict = fields.List(fields.String(), metadata={
        "description": "Submissions of the category the expert will not see: their own organisation's"})


class SpreadInSchema(Schema):
    expert_ids = fields.List(fields.String(), required=True, validate=validate.Length(min=1))
    categories = fields.List(fields.String(), metadata={"description": "Default: every category"})


class SpreadSchema(Schema):
    assigned = fields.List(fields.Nested(AssignmentSchema))
    per_submission = fields.Integer()
    short = fields.List(fields.Dict(), metadata={
        "description": "Submissions that could not get enough reviewers without a conflict"})
    load = fields.Dict(keys=fields.String(), values=fields.Integer())


class OverviewSchema(Schema):
    edition = fields.Integer()
    per_submission = fields.Integer()
    assignments = fields.List(fields.Nested(AssignmentSchema))
    submissions = fields.List(fields.Dict())
    load = fields.Dict(keys=fields.String(), values=fields.Integer())
