"""An expert's queue, reviews and analyses."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from review.domain.criteria import SCORED_CRITERIA, SELECTION_CRITERIA

_SCORES = ("Integer scores on the edition's scale (parameters.review_scale, 1-5 when it sets none), "
           "one per criterion: ")


class ScaleSchema(Schema):
    min = fields.Integer()
    max = fields.Integer()


class ReviewInSchema(Schema):
    complies = fields.Boolean(required=True, metadata={
        "description": "Compliance with the submission rules: false puts the submission out."})
    compliance_note = fields.String(load_default="", metadata={
        "description": "Required when `complies` is false: which rule the project fails."})
    scores = fields.Dict(keys=fields.String(), values=fields.Integer(strict=True), required=True,
                         metadata={"description": _SCORES + ", ".join(SCORED_CRITERIA)})
    comment = fields.String(required=True)


class ReviewSchema(Schema):
    submission_id = fields.String()
    expert_id = fields.String()
    complies = fields.Boolean()
    compliance_note = fields.String()
    scores = fields.Dict(keys=fields.String(), values=fields.Integer())
    comment = fields.String()
    mean = fields.Float(metadata={"description": "This expert's mean of the scored criteria"})
    scale = fields.Nested(ScaleSchema)
    revision = fields.Integer()
    created_at = fields.String()
    updated_at = fields.String()


class SubmissionViewSchema(Schema):
    submission_id = fields.String()
    edition = fields.Integer()
    category = fields.String()
    category_name = fields.String()
    title = fields.String()
    entity = fields.Dict()
    short_description = fields.String()
    texts = fields.List(fields.Dict(), metadata={
        "description": "Every long text of the form: name, label, text"})
    sdgs = fields.List(fields.Integer())
    sdg_links = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "Each claimed SDG's box: how the project advances it (SDG number -> text)"})
    project_status = fields.String(allow_none=True, metadata={
        "description": "completed or key_phase_concluded (null: a submission from before it was sent)"})


class QueueItemSchema(SubmissionViewSchema):
    closed = fields.Boolean(metadata={"description": "The chair closed the category: scores are final"})
    reviewed = fields.Boolean(metadata={"description": "I have reviewed it"})
    my_review = fields.Nested(ReviewSchema, allow_none=True)


class QueueQuerySchema(Schema):
    edition = fields.Integer(metadata={"description": "Only this edition's assignments"})
    submission_id = fields.String(validate=validate.Length(min=1), metadata={
        "description": "Only this submission (no item when it is not assigned to me)"})


class QueueSchema(Schema):
    expert_id = fields.String()
    criteria = fields.Dict(keys=fields.String(), values=fields.String())
    scored_criteria = fields.List(fields.String())
    editions = fields.Dict(keys=fields.String(), values=fields.Dict())
    items = fields.List(fields.Nested(QueueItemSchema))
    to_do = fields.Integer()


class SubmissionReviewsSchema(SubmissionViewSchema):
    reviews = fields.List(fields.Nested(ReviewSchema))


class AnalysisInSchema(Schema):
    scores = fields.Dict(keys=fields.String(), values=fields.Integer(strict=True), required=True,
                         metadata={"description": _SCORES + ", ".join(SELECTION_CRITERIA)})
    note = fields.String(required=True)


class AnalysisSchema(Schema):
    expert_id = fields.String()
    scores = fields.Dict(keys=fields.String(), values=fields.Integer())
    note = fields.String()
    updated_at = fields.String()
