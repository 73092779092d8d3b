"""Which phase an edition is in at an instant, and when that phase ends (plain Python).

The phases follow one another without a gap, from the edition's own dates:
announced → 1 submission → 2 nomination → 3 public vote → 4 winner selection → 5 ceremony → over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wsis_common.clock import parse_instants

# (phase, the date it starts at, the date it ends at); the first phase starting after `now`
# tells where we are.
SEQUENCE = (
    ("announced", None, "submission_opens"),
    ("submission", "submission_opens", "submission_closes"),
    ("nomination", "submission_closes", "voting_opens"),
    ("voting", "voting_opens", "voting_closes"),
    ("selection", "voting_closes", "ceremony_at"),
    ("ceremony", "ceremony_at", "forum_closes"),
    ("over", "forum_closes", None),
)
NUMBERS = {"submission": 1, "nomination": 2, "voting": 3, "selection": 4, "ceremony": 5}


@dataclass(frozen=True)
class Phase:
    key: str
    starts: datetime | None
    ends: datetime | None

    @property
    def number(self) -> int | None:
        return NUMBERS.get(self.key)


def instants(phases: dict[str, Any]) -> dict[str, datetime]:
    return parse_instants(phases)


def phase_at(phases: dict[str, Any], now: datetime) -> Phase:
    dates = instants(phases)
    for key, start, end in SEQUENCE:
        ends = dates.get(end) if end else None
        if end is None or (ends is not None and now < ends):
            return Phase(key, dates.get(start) if start else None, ends)
    return Phase("over", dates.get("forum_closes"), None)  # pragma: no cover - the loop returns


def is_open(phases: dict[str, Any], opens: str, closes: str, now: datetime) -> bool:
    """True while `opens` <= now < `closes` (a deadline at 23:00:00 is already too late)."""
    dates = instants(phases)
    return opens in dates and closes in dates and dates[opens] <= now < dates[closes]


def current_edition(editions: list[dict[str, Any]], now: datetime) -> dict[str, Any] | None:
    """The edition a visitor most likely wants: the latest one that has started, else the next
    one to start, else the latest one."""
    if not editions:
        return None
    def opens(edition: dict[str, Any]) -> datetime | None:
        return instants(edition.get("phases", {})).get("submission_opens")

    started = [e for e in editions if (s := opens(e)) is not None and s <= now]
    if started:
        return max(started, key=lambda e: e["year"])
    return min(editions, key=lambda e: e["year"])
