"""The chair's ranking, decisions, status and the audit trail."""

from __future__ import annotations

from marshmallow import Schema, fields


class RankingSchema(Schema):
    edition = fields.Integer()
    category = fields.String()
    aggregation = fields.String()
    scale = fields.Dict()
    criteria = fields.List(fields.String())
    per_submission = fields.Integer()
    nominees_per_category = fields.Integer(allow_none=True)
    closed = fields.Boolean()
    nominees_confirmed = fields.Boolean()
    nominees = fields.List(fields.String())
    standings = fields.List(fields.Dict())


class CategoryStateSchema(Schema):
    category = fields.String()
    closed_at = fields.String(allow_none=True)


class NomineesInSchema(Schema):
    submission_ids = fields.List(fields.String(), load_default=None, allow_none=True, metadata={
        "description": "The list to confirm; omitted: the top N of the ranking (N from the edition)"})


class ConfirmedSchema(Schema):
    category = fields.String()
    nominees = fields.List(fields.String())
    confirmed_at = fields.String()
    publication_at = fields.String()


class FinalistsSchema(Schema):
    edition = fields.Integer()
    category = fields.String()
    criteria = fields.Dict()
    scale = fields.Dict()
    finalists = fields.List(fields.Dict())
    chosen = fields.String(allow_none=True)


class PickInSchema(Schema):
    submission_id = fields.String(required=True)


class PickSchema(Schema):
    category = fields.String()
    submission_id = fields.String()
    chosen_by = fields.String()
    chosen_at = fields.String()


class StatusSchema(Schema):
    edition = fields.Integer()
    phases = fields.Dict()
    published = fields.Dict()
    nominee_publication_waits_for = fields.List(fields.String())
    announcement_waits_for = fields.List(fields.String())
    categories = fields.List(fields.Dict())


class AuditEntrySchema(Schema):
    id = fields.Integer()
    at = fields.String()
    actor = fields.String()
    action = fields.String()
    subject = fields.String()
    details = fields.Dict()
