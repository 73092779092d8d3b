"""The limits of every text that travels in an event, defined once.

A producer may only accept what every consumer can store: so each text field of a payload
has one limit here, the producer's API enforces it (a 422 field by field, never a 500), and
every consumer's column is at least as long. A text is normalised BEFORE it is measured and
stored: single-line values (titles, names, e-mails) to NFKC, which is also what the
consumers' comparison keys start from (so 'ﬃ' is stored, sent and counted as 'ffi'); long
texts to NFC, which keeps what the author wrote ('m²', '½') while composing accents.

Allowed characters: no C0 or C1 control character in a single-line value; tab, line feed
and carriage return only in long texts; never an unpaired surrogate (PostgreSQL cannot
store it as UTF-8) nor NUL (PostgreSQL text refuses it).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

Form = Literal["NFKC", "NFC"]
_LINE_BREAKS = frozenset("\t\n\r")


@dataclass(frozen=True)
class TextLimit:
    """One field's contract: its longest length in characters after normalisation."""

    max_length: int
    multiline: bool = False
    min_length: int = 0

    @property
    def form(self) -> Form:
        return "NFC" if self.multiline else "NFKC"


# -- every text of every payload (contracts.py), by what it is --
TITLE = TextLimit(300)
CATEGORY = TextLimit(10)  # a code such as "C7-HLT"
CATEGORY_NAME = TextLimit(300)
ENTITY_NAME = TextLimit(300)
ENTITY_TYPE = TextLimit(100)
COUNTRY = TextLimit(2)  # ISO 3166-1 alpha-2
PERSON_NAME = TextLimit(200)
EMAIL = TextLimit(320)  # RFC 5321: 64 + "@" + 255
LONG_TEXT = TextLimit(20_000, multiline=True)  # a form's box, the short description, an SDG link
BOX_NAME = TextLimit(60)
BOX_LABEL = TextLimit(300)
USER_NAME = TextLimit(60)
ORGANISATION_TYPE = TextLimit(40)
ACCOUNT_ID = TextLimit(64)
SUBMISSION_ID = TextLimit(36)
URL = TextLimit(2000)


class ContractViolation(ValueError):
    """A text outside its contract: `code` and `params` say why (the problem's `reasons`)."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def normalise(text: str, limit: TextLimit) -> str:
    """The text as it is stored and sent: `limit`'s normal form."""
    return unicodedata.normalize(limit.form, text)


def _codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def forbidden_character(text: str, *, multiline: bool) -> ContractViolation | None:
    """The first character no consumer may be sent, as a violation; None when there is none."""
    for char in text:
        if "\ud800" <= char <= "\udfff":
            return ContractViolation("text.unpaired_surrogate",
                                     f"Contains an unpaired surrogate ({_codepoint(char)}).",
                                     codepoint=_codepoint(char))
        if unicodedata.category(char) == "Cc" and not (multiline and char in _LINE_BREAKS):
            return ContractViolation("text.control_character",
                                     f"Contains a control character ({_codepoint(char)}).",
                                     codepoint=_codepoint(char))
    return None


def clean(text: str, limit: TextLimit) -> str:
    """The normalised text, or ContractViolation for a character no consumer may be sent."""
    normal = normalise(text, limit)
    bad = forbidden_character(normal, multiline=limit.multiline)
    if bad is not None:
        raise bad
    return normal


def check(text: str, limit: TextLimit) -> str:
    """The normalised text, or ContractViolation: the characters first, then the length."""
    normal = clean(text, limit)
    if len(normal) > limit.max_length:
        raise ContractViolation("field.too_long", f"Longer than maximum length {limit.max_length}.",
                                max=limit.max_length)
    if len(normal) < limit.min_length:
        raise ContractViolation("field.too_short", f"Shorter than minimum length {limit.min_length}.",
                                min=limit.min_length)
    return normal


def fits(text: str, limit: TextLimit) -> bool:
    """True when `text` is already within its contract and in its normal form (a consumer's check)."""
    try:
        return check(text, limit) == text
    except ContractViolation:
        return False
