"""Winners of earlier editions are not eligible again (rule 11): a new submission is refused
when its title is a past winner's, or when its text reads the same as a winner's. These are
the rules on the text: which text a past winner is compared by, and how a refusal names one.

A winner of this platform is compared by its project's text (domain/eligibility.py's
`project_text`); one it never held, by what was announced or imported of it."""

from __future__ import annotations


def announced_text(title: str, short_description: str) -> str:
    """A winner announced without a submission stored here: its title and short description."""
    return f"{title}\n{short_description}"


def imported_text(title: str, description: str | None) -> str:
    """A winner an admin imported: its title and description; without a description, no text
    (it is then compared by its title only)."""
    return f"{title}\n{description}" if description else ""


def may_match(title: str) -> bool:
    """A blank title is no past winner's."""
    return bool(title.strip())


def named(title: str, year: int) -> str:
    """How a refusal names a past winner."""
    return f"{title}, {year}"
