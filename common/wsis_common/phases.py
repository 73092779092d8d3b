"""An edition's phases: which phase an instant falls in, whether a window is open and how long
is left. Every service and the pages read an edition's dates through this one type, so the
rule "opens <= t < closes; a deadline at 23:00:00 is already too late" is written once.

Plain Python (no Flask, no SQLAlchemy): a `Schedule` is built once from the edition
document's phase instants (ISO 8601 strings with an offset, or aware datetimes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

from wsis_common.clock import GENEVA

# (phase, the date it starts at, the date it ends at), without a gap:
# announced → 1 submission → 2 nomination → 3 public vote → 4 winner selection → 5 ceremony → over.
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


def parse_instant(value: str | datetime) -> datetime:
    """One instant of an edition or an event: ISO 8601 with an offset (or already a datetime)."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def parse_geneva_wall_time(local: str) -> datetime:
    """A Geneva wall time without an offset ("2023-01-25T23:00", as the shipped editions and
    the admin's form give dates) as an aware instant in Europe/Zurich."""
    return datetime.fromisoformat(local).replace(tzinfo=GENEVA)


def parse_instants(phases: Mapping[str, object] | None) -> dict[str, datetime]:
    """An edition's phase instants as aware datetimes; empty or non-date values are left out
    (a date not set yet is missing, never an error)."""
    return {key: parse_instant(value) for key, value in (phases or {}).items()
            if isinstance(value, datetime) or (isinstance(value, str) and value)}


@dataclass(frozen=True)
class Window:
    """From `opens` (inclusive) to `closes` (exclusive); a missing end is never reached, a
    missing start never comes (so a window with no dates is never open)."""

    opens: datetime | None
    closes: datetime | None

    def not_yet(self, instant: datetime) -> bool:
        return self.opens is None or _utc(instant) < _utc(self.opens)

    def is_over(self, instant: datetime) -> bool:
        """True from `closes` on: 22:59:59 still counts, 23:00:00 itself is too late."""
        return self.closes is not None and _utc(instant) >= _utc(self.closes)

    def contains(self, instant: datetime) -> bool:
        return not self.not_yet(instant) and not self.is_over(instant)

    def left(self, instant: datetime) -> timedelta | None:
        """Time left while open; None when not open (not yet, over, or no closing date)."""
        if not self.contains(instant) or self.closes is None:
            return None
        return _utc(self.closes) - _utc(instant)


def _utc(instant: datetime) -> datetime:
    # Python compares and subtracts two datetimes of the same zone by wall time, which is an
    # hour off across a change of clocks; in UTC both are real time.
    return instant.astimezone(UTC)


@dataclass(frozen=True)
class Phase:
    """Where an edition is at an instant: the phase's key, its number (1-5, None outside the
    five phases), and when it started and ends."""

    key: str
    starts: datetime | None
    ends: datetime | None

    @property
    def number(self) -> int | None:
        return NUMBERS.get(self.key)


@dataclass(frozen=True)
class Schedule:
    """An edition's phase instants, parsed once; read-only."""

    instants: Mapping[str, datetime] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "instants", MappingProxyType(dict(self.instants)))

    @classmethod
    def of(cls, phases: Mapping[str, object] | None) -> Schedule:
        """From an edition's `phases` member (strings or datetimes)."""
        return cls(parse_instants(phases))

    @classmethod
    def of_edition(cls, document: Mapping[str, Any] | None) -> Schedule:
        """From a whole edition document (`edition.updated`, the API's edition)."""
        return cls.of((document or {}).get("phases"))

    def at(self, key: str) -> datetime | None:
        return self.instants.get(key)

    def window(self, name: str) -> Window:
        """The window of `name` from `<name>_opens` to `<name>_closes` (e.g. "submission",
        "voting", "nomination", "selection", "forum")."""
        return self.between(f"{name}_opens", f"{name}_closes")

    def between(self, opens: str, closes: str) -> Window:
        return Window(self.at(opens), self.at(closes))

    def has_passed(self, key: str, instant: datetime) -> bool:
        """True from the date `key` on; a missing date never passes."""
        at = self.at(key)
        return at is not None and _utc(instant) >= _utc(at)

    def phase_at(self, instant: datetime) -> Phase:
        """The phase `instant` falls in: the first whose end is still ahead (a phase whose end
        is not set is passed over)."""
        for key, start, end in SEQUENCE:
            ends = self.at(end) if end else None
            if end is None or (ends is not None and _utc(instant) < _utc(ends)):
                return Phase(key, self.at(start) if start else None, ends)
        return Phase("over", self.at("forum_closes"), None)  # pragma: no cover - the loop returns

    def as_iso(self) -> dict[str, str]:
        return {key: value.isoformat() for key, value in self.instants.items()}
