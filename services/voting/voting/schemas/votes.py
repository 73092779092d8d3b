"""A vote cast, and a voter's own choices. A vote's body is read by read_vote, CastVoteSchema's
rules applied by hand: on the hot path webargs and marshmallow cost more than the vote."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from wsis_common.problems import Problem


class CastVoteSchema(Schema):
    category = fields.String(required=True, validate=validate.Length(min=1, max=20),
                             metadata={"example": "C7-HLT"})
    nominee = fields.String(required=True, validate=validate.Length(min=1, max=64),
                            metadata={"description": "the submission id of a nominee of that category"})


_VOTE_FIELDS = {name: field.validators[0].max for name, field in CastVoteSchema._declared_fields.items()}


def read_vote(body: Any) -> tuple[str, str]:
    """CastVoteSchema's rules and messages, applied by hand: on the vote's hot path webargs and
    marshmallow cost more Python than the rest of the request. Every field, every reason."""
    if not isinstance(body, dict):
        raise Problem(422, "The request is not valid: send a JSON object.", title="Invalid request",
                      errors={"_request": ["Invalid input type."]})
    errors: dict[str, list[str]] = {key: ["Unknown field."] for key in body if key not in _VOTE_FIELDS}
    for name, longest in _VOTE_FIELDS.items():
        value = body.get(name)
        if value is None:
            errors[name] = ["Missing data for required field."]
        elif not isinstance(value, str):
            errors[name] = ["Not a valid string."]
        elif not 1 <= len(value) <= longest:
            errors[name] = [f"Length must be between 1 and {longest}."]
    if errors:
        raise Problem(422, "The request is not valid: see `errors` for every field and reason.",
                      title="Invalid request", errors=errors)
    return body["category"], body["nominee"]


class ChoiceSchema(Schema):
    category = fields.String()
    nominee = fields.String()
    title = fields.String(allow_none=True)
    cast_at = fields.String()


class MyVotesSchema(Schema):
    year = fields.Integer()
    votes = fields.List(fields.Nested(ChoiceSchema))
    categories_left = fields.List(fields.String(), metadata={"description": "voting there is optional"})
