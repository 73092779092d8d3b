"""The shapes of the WSIS team's mail log (role admin): the filters of a page of mails, a mail
with or without its text, the counts per kind and status, the unsubscribed addresses."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from notify.domain import KINDS
from notify.models import FAILED, PENDING, SENT


class PageQuerySchema(Schema):
    limit = fields.Integer(load_default=500, validate=validate.Range(min=1, max=5000))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))


class MailQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf([PENDING, SENT, FAILED]))
    kind = fields.String(validate=validate.OneOf(KINDS))
    to = fields.String(metadata={"description": "the recipient's address (any case)"})
    submission_id = fields.String()


class MailSchema(Schema):
    id = fields.String()
    message_id = fields.String()
    edition = fields.Integer(allow_none=True)
    kind = fields.String()
    submission_id = fields.String(allow_none=True)
    to_email = fields.String()
    to_name = fields.String()
    subject = fields.String()
    status = fields.String(metadata={"description": "pending, sent or failed"})
    attempts = fields.Integer()
    created_at = fields.DateTime()
    sent_at = fields.DateTime(allow_none=True)
    next_attempt_at = fields.DateTime(allow_none=True)
    last_error = fields.String(allow_none=True)
    resend_of = fields.String(allow_none=True)
    confidential = fields.Boolean(
        metadata={"description": "a winner notice before the ceremony: recipient and text withheld"})


class MailDetailSchema(MailSchema):
    text_body = fields.String()
    html_body = fields.String()
    headers = fields.Dict(keys=fields.String(), values=fields.String())


class MailPageSchema(Schema):
    total = fields.Integer()
    mails = fields.List(fields.Nested(MailSchema))


class SummarySchema(Schema):
    edition = fields.Integer()
    kinds = fields.Dict(keys=fields.String(),
                        values=fields.Dict(keys=fields.String(), values=fields.Integer()),
                        metadata={"description": "per kind of mail: how many are pending, sent, failed"})


class UnsubscribeSchema(Schema):
    edition = fields.Integer()
    email = fields.String()
    unsubscribed_at = fields.DateTime()
