"""What the publication says, independent of how it is rendered."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """A submission's text as paragraphs (blank lines separate them; single newlines join)."""
    return [" ".join(p.split()) for p in _BLANK_LINES.split(text or "") if p.strip()]


def ordinal(n: int) -> str:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Story:
    """One project: the winner's with its fuller texts, a champion's with its description."""

    submission_id: str
    title: str
    entity: str
    country: str
    distinction: str  # "winner" or "champion"
    lead: str  # the short description
    sections: tuple[tuple[str, str], ...] = ()  # (heading, text) of the fuller texts
    sdgs: tuple[int, ...] = ()


@dataclass(frozen=True)
class Chapter:
    code: str
    name: str
    winner: Story
    champions: tuple[Story, ...]

    @property
    def heading(self) -> str:
        return f"{self.code} · {self.name}" if self.name else self.code

    @property
    def anchor(self) -> str:
        return f"category-{self.code.lower()}"


@dataclass(frozen=True)
class SuccessStories:
    year: int
    ordinal: int | None
    ceremony_at: datetime | None
    chapters: tuple[Chapter, ...]
    embargoed: bool  # a confidential preview for the WSIS team, before the ceremony

    @property
    def title(self) -> str:
        return "WSIS Stocktaking: Success Stories"

    @property
    def edition_line(self) -> str:
        name = f"WSIS Prizes {self.year}"
        return f"{name} · {ordinal(self.ordinal)} edition" if self.ordinal else name

    @property
    def champions_count(self) -> int:
        return sum(len(c.champions) for c in self.chapters)

    @property
    def embargo_notice(self) -> str:
        when = self.ceremony_at.strftime("%d %B %Y") if self.ceremony_at else "the ceremony"
        return f"Confidential draft for the WSIS team: embargoed until the ceremony ({when})."

    @property
    def foreword(self) -> list[str]:
        return [
            f"The WSIS Prizes {self.year} recognised projects that put information and communication "
            "technologies to work for development. Stakeholders from governments, the private sector, "
            "civil society, academia and international organisations submitted their projects; an "
            "expert group nominated the strongest in each category, the public chose the finalists "
            "by vote, and the expert group selected one winner per category.",
            f"This publication presents the {len(self.chapters)} winners and {self.champions_count} "
            "champions, category by category, in their own words: the winning project of each WSIS "
            "action line in full, followed by the champions of the same category.",
        ]
