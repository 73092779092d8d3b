"""What the review rules need of an edition: its phase instants and parameters, read from the
service's copy of `edition.updated`; and what changed from one revision to the next, for the
audit trail."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from review.domain.criteria import Scale
from wsis_common.phases import Schedule

WATCHED = ("phases", "parameters")  # the parts of an edition whose changes the audit trail shows


@dataclass(frozen=True)
class Edition:
    year: int
    ordinal: int | None
    schedule: Schedule
    nominees_per_category: int | None  # None: not fixed (2018): the chair chooses how many
    reviewers_per_submission: int
    scale: Scale
    categories: tuple[str, ...] = ()  # codes in the official order (C1 … C11)

    @classmethod
    def of(cls, document: Mapping[str, Any]) -> Edition:
        parameters = document.get("parameters") or {}
        return cls(
            year=int(document["year"]),
            ordinal=document.get("ordinal"),
            schedule=Schedule.of_edition(document),
            nominees_per_category=parameters.get("nominees_per_category"),
            reviewers_per_submission=int(parameters.get("reviewers_per_submission") or 2),
            scale=Scale.of(parameters.get("review_scale")),
            categories=tuple(c["code"] if isinstance(c, Mapping) else str(c)
                             for c in document.get("categories") or ()),
        )

    def in_order(self, codes: Iterable[str]) -> list[str]:
        """Category codes in the official order (C2 before C10), unknown ones last."""
        position = {code: i for i, code in enumerate(self.categories)}
        return sorted(codes, key=lambda c: (position.get(c, len(position)), c))

    @property
    def phases(self) -> Mapping[str, datetime]:
        return self.schedule.instants

    def has_passed(self, phase: str, now: datetime) -> bool:
        """True from the phase's instant on (a missing phase never passes)."""
        return self.schedule.has_passed(phase, now)

    def reviews_open(self, now: datetime) -> bool:
        return self.has_passed("nomination_opens", now)

    def nominees_due(self, now: datetime) -> bool:
        return self.has_passed("nominees_published_at", now)

    def ceremony_passed(self, now: datetime) -> bool:
        return self.has_passed("ceremony_at", now)

    def at(self, phase: str) -> str:
        instant = self.schedule.at(phase)
        return instant.isoformat() if instant else "a date not set yet"


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """Per watched part, every key whose value differs: {"before": …, "after": …}."""
    changed: dict[str, Any] = {}
    for part in WATCHED:
        old, new = before.get(part) or {}, after.get(part) or {}
        diff = {key: {"before": old.get(key), "after": new.get(key)}
                for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)}
        if diff:
            changed[part] = diff
    return changed
