"""The six UN languages the platform speaks (pages and mails), in one place: the gateway
records a person's choice and notify writes to them in it. Unknown or absent means English."""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")
DEFAULT = "en"
RIGHT_TO_LEFT = frozenset({"ar"})


def known(code: str | None) -> str:
    """The language `code` names, or English when it names none of the six."""
    code = (code or "").strip().lower()
    return code if code in LANGUAGES else DEFAULT


def direction(code: str) -> str:
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"
