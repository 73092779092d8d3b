"""Who may vote and when, and what a ballot accepts; the ballot itself, as voters read it and
a vote is checked against it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wsis_common import phases
from wsis_common.clock import in_geneva


@dataclass(frozen=True)
class Window(phases.Window):
    """The edition's vote (the shared phase window, `voting_opens` to `voting_closes`) and
    how many finalists it makes per category."""

    opens: datetime
    closes: datetime
    finalists: int  # N: the top N per category become finalists

    @classmethod
    def of(cls, edition: Mapping) -> Window:
        vote = phases.Schedule.of_edition(edition).window("voting")
        if vote.opens is None or vote.closes is None:
            raise KeyError("the edition has no voting_opens or voting_closes")
        parameters = edition.get("parameters") or {}
        return cls(vote.opens, vote.closes,
                   finalists=int(parameters.get("finalists_per_category") or 0))

    def refusal(self, now: datetime) -> str | None:
        """Why a vote at `now` is refused, or None while the vote is open."""
        if self.not_yet(now):
            return f"The vote opens on {_geneva(self.opens)}; it is not open yet."
        if self.is_over(now):
            return f"The vote closed on {_geneva(self.closes)}; no vote is taken after the deadline."
        return None


def _geneva(instant: datetime) -> str:
    return in_geneva(instant).strftime("%d %B %Y at %H:%M:%S Geneva time")


PROFILE_INCOMPLETE = (
    "Only stakeholders whose profile is complete may vote: add your organisation's name, type "
    "and country (and your user name and e-mail) to your profile, then log in again."
)


def ballot_errors(ballot: Mapping[str, Iterable[str]], category: str, nominee: str) -> dict[str, list[str]]:
    """Every reason why (category, nominee) is not a choice on this ballot, by field."""
    if category not in ballot:
        return {"category": [f"{category!r} has no nominees on this ballot."]}
    if nominee not in ballot[category]:
        return {"nominee": [f"{nominee!r} is not a nominee of category {category}."]}
    return {}


@dataclass(frozen=True)
class Entry:
    nominee: str
    title: str
    short_description: str
    organisation: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Ballot:
    year: int
    edition: dict[str, Any]  # the service's copy of the edition
    window: Window
    categories: dict[str, dict[str, Entry]]  # category -> nominee id -> entry, ballot order

    def entry(self, category: str, nominee: str) -> Entry | None:
        return self.categories.get(category, {}).get(nominee)
