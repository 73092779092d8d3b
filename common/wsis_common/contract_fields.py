"""marshmallow fields that hold a text to its event contract (limits.py) at a producer's API.

A value is normalised as it is loaded, so what the service stores and later sends is already
what every consumer stores; a value outside its contract is a 422 naming the field, with a
code the problem's `reasons` carries (problems.py), never a 500 from a column too short.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import ValidationError, fields, validate

from wsis_common import limits
from wsis_common.limits import TextLimit


class ContractText(fields.String):
    """A string field normalised and held to `limit`: its characters as it is loaded, its
    length (once normal) by a validator, unless the field brings a length rule of its own
    (a country's exactly two letters), which then speaks alone."""

    def __init__(self, limit: TextLimit, **kwargs: Any) -> None:
        metadata = {"maxLength": limit.max_length, **kwargs.pop("metadata", {})}
        kwargs.setdefault("validate", validate.Length(min=limit.min_length or None, max=limit.max_length))
        super().__init__(metadata=metadata, **kwargs)
        self.limit = limit

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None,
                     **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return limits.clean(text, self.limit)
        except limits.ContractViolation as exc:
            raise ValidationError(str(exc)) from exc


def checked(text: str, limit: TextLimit) -> str:
    """`text` normalised, or a ValidationError whose message problems.py maps to its code."""
    try:
        return limits.check(text, limit)
    except limits.ContractViolation as exc:
        raise ValidationError(str(exc)) from exc


class ContractAnswers(fields.Dict):
    """A form's answers: {box name: long text}, where one answer may itself be {key: long text}
    (the SDG links). Every text is held to LONG_TEXT, every error keyed by its box."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(keys=ContractText(limits.BOX_NAME), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None,
                     **kwargs: Any) -> Any:
        answers = super()._deserialize(value, attr, data, **kwargs)
        errors: dict[str, Any] = {}
        for name, answer in answers.items():
            try:
                answers[name] = _answer(answer)
            except ValidationError as exc:
                errors[name] = exc.messages
        if errors:
            raise ValidationError(errors)
        return answers


def _answer(answer: Any) -> Any:
    if isinstance(answer, str):
        return checked(answer, limits.LONG_TEXT)
    if isinstance(answer, dict):
        errors: dict[str, Any] = {}
        out: dict[str, Any] = {}
        for key, text in answer.items():
            try:
                out[checked(str(key), limits.BOX_NAME)] = checked(text, limits.LONG_TEXT) \
                    if isinstance(text, str) else text
            except ValidationError as exc:
                errors[str(key)] = exc.messages
        if errors:
            raise ValidationError(errors)
        return out
    return answer
