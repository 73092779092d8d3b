"""Reading the ballot: cached per process for the vote's hot path (an admin's date change
reaches every process within `ttl` seconds), and rendered once per cached ballot for voters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from voting.domain.ballot import Ballot
from voting.models.ballot import load
from wsis_common.outage import LastGood
from wsis_common.problems import Problem
from wsis_common.refreshing import Refreshing


def ballot_of(session: Session, year: int) -> Ballot:
    """The edition's ballot as stored; a 404 problem when there is no such edition."""
    ballot = load(session, year)
    if ballot is None:
        raise no_such_edition(year)
    return ballot


def no_such_edition(year: int) -> Problem:
    return Problem(404, f"There is no {year} edition.")


class BallotCache:
    """Each process keeps every ballot it served for `ttl` seconds, so that a vote reads
    nothing from the database but writes its row. Each edition's entry is reloaded by one
    request while the others keep using it if it has only just expired (less than `ttl` past);
    an older one (the process was idle: before the vote opens, say) is not served while it is
    reloaded, since the ballot may have changed since (its nominees published, its dates
    moved): every request waits for the one reload, a second at most (a reload that hangs
    leaves them the old one; `wsis_common.refreshing`). While the database cannot be reached, a
    reload keeps the ballot it has (logged once; tried again after `ttl`): voters still read
    it, and a vote fails only at its write, as a 503."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._entries: dict[int, Refreshing[Ballot | None]] = {}
        self._last_good: LastGood[Ballot | None] = LastGood("ballot")

    def entry(self, year: int) -> Refreshing[Ballot | None]:
        """The edition's entry (made on first use; setdefault keeps one per edition)."""
        found = self._entries.get(year)
        return found if found is not None else self._entries.setdefault(year, Refreshing(self.ttl))

    def get(self, session_factory, year: int) -> Ballot | None:
        return self.entry(year).get(
            lambda: self._last_good.read(year, lambda: _read(session_factory, year)))


def _read(session_factory, year: int) -> Ballot | None:
    with session_factory() as session:
        return load(session, year)


def document(ballot: Ballot, *, is_open: bool) -> dict[str, Any]:
    """What voters read: the window and, per category, the nominees in the published order."""
    return {
        "year": ballot.year,
        "voting_opens": ballot.edition["phases"]["voting_opens"],
        "voting_closes": ballot.edition["phases"]["voting_closes"],
        "is_open": is_open,
        "categories": [{"category": category, "nominees": list(entries.values())}
                       for category, entries in ballot.categories.items()],
    }


class RenderedBallots:
    """Every voter loads the ballot (18 x 20 descriptions, ~0.5 MB): render it once per cached
    ballot and state, not once per request."""

    def __init__(self, render: Callable[[dict[str, Any]], str]) -> None:
        self._render = render
        self._last: dict[int, tuple[Ballot, bool, str]] = {}

    def __call__(self, ballot: Ballot, now: datetime) -> str:
        is_open = ballot.window.refusal(now) is None
        cached = self._last.get(ballot.year)
        if cached is None or cached[0] is not ballot or cached[1] != is_open:
            cached = (ballot, is_open, self._render(document(ballot, is_open=is_open)))
            self._last[ballot.year] = cached
        return cached[2]
