"""Marshmallow schemas of the edition API (they also produce the OpenAPI document)."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from submission.domain.past_dates import REASON_MAX_LENGTH
from submission.domain.schedule import PHASE_KEYS
from wsis_common.contract_fields import ContractText
from wsis_common.limits import TextLimit


def _phase_fields(required: bool) -> dict[str, fields.Field]:
    return {key: fields.AwareDateTime(required=required) for key in PHASE_KEYS}


PhasesSchema = Schema.from_dict(_phase_fields(True), name="Phases")
PhasesPatchSchema = Schema.from_dict(_phase_fields(False), name="PhasesPatch")


class ScaleSchema(Schema):
    min = fields.Integer(required=True)
    max = fields.Integer(required=True)

    @validates_schema
    def _ordered(self, data: dict, **_kwargs: object) -> None:
        if data.get("min") is not None and data.get("max") is not None and data["min"] >= data["max"]:
            raise ValidationError("min must be below max.", field_name="max")


class ParametersSchema(Schema):
    nominees_per_category = fields.Integer(
        allow_none=True, validate=validate.Range(min=1),
        metadata={"description": "null: not fixed (as in 2018)"},
    )
    finalists_per_category = fields.Integer(required=True, validate=validate.Range(min=1))
    winners_per_category = fields.Integer(load_default=1, validate=validate.Range(min=1))
    reviewers_per_submission = fields.Integer(load_default=2, validate=validate.Range(min=1))
    review_scale = fields.Nested(ScaleSchema, metadata={
        "description": "the experts' score scale (the review service uses 1 to 5 when absent)"})


class ParametersPatchSchema(Schema):
    nominees_per_category = fields.Integer(allow_none=True, validate=validate.Range(min=1))
    finalists_per_category = fields.Integer(validate=validate.Range(min=1))
    winners_per_category = fields.Integer(validate=validate.Range(min=1))
    reviewers_per_submission = fields.Integer(validate=validate.Range(min=1))
    review_scale = fields.Nested(ScaleSchema)


FORM_DESCRIPTION = ("The questionnaire: voter_text (the box voters read), boxes [{name, label, "
                    "min_words, max_words, min_words_from, max_words_from}], sdg_links "
                    "{min_words, min_words_from} or null, photo {required, max_bytes} or null. "
                    "The *_from texts say where each number comes from (the call, or the WSIS "
                    "team's floor).")


class EditionCreateSchema(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=2003, max=2100))
    ordinal = fields.Integer(required=True, validate=validate.Range(min=1))
    phases = fields.Nested(PhasesSchema, required=True)
    parameters = fields.Nested(ParametersSchema, required=True)
    form = fields.Dict(required=True, metadata={"description": FORM_DESCRIPTION})


class EditionPatchSchema(Schema):
    phases = fields.Nested(PhasesPatchSchema)
    parameters = fields.Nested(ParametersPatchSchema)
    form = fields.Dict(metadata={"description": FORM_DESCRIPTION})
    reason = ContractText(TextLimit(REASON_MAX_LENGTH, multiline=True), metadata={
        "description": "why dates that have passed, or would have, are moved: required for such a "
                       "move (422 naming `reason` without it) and kept in the history. A move that "
                       "would rewrite what happened is refused even with one."})


class EditionSchema(Schema):
    year = fields.Integer()
    ordinal = fields.Integer()
    revision = fields.Integer()
    phases = fields.Dict(keys=fields.String(), values=fields.String())
    parameters = fields.Dict()
    form = fields.Dict()
    categories = fields.List(fields.String())
    updated_at = fields.String()


class EditionChangeSchema(Schema):
    actor = fields.String()
    action = fields.String()
    at = fields.String()
    reason = fields.String(allow_none=True, metadata={"description": "why dates in the past were moved"})
    before = fields.Dict(allow_none=True)
    after = fields.Dict()
