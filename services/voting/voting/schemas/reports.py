"""The WSIS team's reports: the live counts, suspicious voting, votes over time."""

from __future__ import annotations

from datetime import timedelta

from marshmallow import Schema, fields, validate

from voting.domain.suspicious import NEW_ACCOUNT_WINDOW, TRAITS
from voting.domain.timeline import BUCKETS


class CountsSchema(Schema):
    year = fields.Integer()
    as_of = fields.String()
    votes = fields.Integer()
    categories = fields.List(fields.Dict(), metadata={"description": "per category: votes, and per "
                                                      "nominee its votes and rank"})


class ReportQuerySchema(Schema):
    window_minutes = fields.Integer(load_default=10, validate=validate.Range(min=1, max=24 * 60))
    threshold = fields.Integer(load_default=20, validate=validate.Range(min=2))
    traits = fields.List(fields.String(validate=validate.OneOf(sorted(TRAITS))),
                         load_default=lambda: sorted(TRAITS))
    since = fields.AwareDateTime(load_default=None)
    new_account_hours = fields.Integer(
        load_default=NEW_ACCOUNT_WINDOW // timedelta(hours=1), validate=validate.Range(min=1, max=30 * 24),
        metadata={"description": "a vote is from a new account when the account was created at most "
                                 "this many hours before it (1 to 720)"})


_SHARE = {"description": "new / known, from 0 to 1; null when no vote's account age is known"}


class NewAccountNomineeSchema(Schema):
    nominee = fields.String()
    title = fields.String(allow_none=True)
    votes = fields.Integer()
    known = fields.Integer(metadata={"description": "votes whose account age is known (the token said)"})
    new = fields.Integer(metadata={"description": "votes from accounts created at most "
                                                  "`window_hours` before they voted"})
    share = fields.Float(allow_none=True, metadata=_SHARE)
    rest_share = fields.Float(allow_none=True, metadata={
        "description": "the share among the other nominees of the category together; null when "
                       "none of their votes has a known account age"})
    flagged = fields.Boolean(metadata={"description": "at least `least_votes` new-account votes and "
                                                      "`share` >= `ratio` x `rest_share`"})


class NewAccountCategorySchema(Schema):
    category = fields.String()
    votes = fields.Integer()
    known = fields.Integer()
    new = fields.Integer()
    share = fields.Float(allow_none=True, metadata=_SHARE)
    nominees = fields.List(fields.Nested(NewAccountNomineeSchema),
                           metadata={"description": "the nominees with votes, most new-account votes first"})


class NewAccountsSchema(Schema):
    window_hours = fields.Integer()
    ratio = fields.Float(metadata={"description": "how many times the rest of the category's share flags"})
    least_votes = fields.Integer(metadata={"description": "fewer new-account votes are never flagged"})
    categories = fields.List(fields.Nested(NewAccountCategorySchema),
                             metadata={"description": "the categories with votes"})


class ReportSchema(Schema):
    year = fields.Integer()
    window_seconds = fields.Integer()
    threshold = fields.Integer()
    traits = fields.List(fields.String())
    bursts = fields.List(fields.Dict(), metadata={"description": "category, nominee, title, trait, "
                                                  "value, votes, first, last; largest first"})
    new_accounts = fields.Nested(NewAccountsSchema, metadata={
        "description": "votes from accounts created shortly before they voted, per category and nominee"})


class TimelineQuerySchema(Schema):
    bucket = fields.String(load_default="hour", validate=validate.OneOf(BUCKETS),
                           metadata={"description": "count per hour or per day, in Geneva time"})


class TimelineBucketSchema(Schema):
    start = fields.String(metadata={"description": "the bucket's first instant, in Geneva time",
                                    "example": "2023-01-10T14:00:00+01:00"})
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(),
                         metadata={"description": "votes cast in the bucket, per category (0 included)"})


class TimelineSchema(Schema):
    year = fields.Integer()
    bucket = fields.String()
    time_zone = fields.String(metadata={"example": "Europe/Zurich"})
    as_of = fields.String()
    categories = fields.List(fields.String(), metadata={"description": "every category of the ballot"})
    buckets = fields.List(fields.Nested(TimelineBucketSchema),
                          metadata={"description": "the buckets holding at least one vote, oldest first"})
