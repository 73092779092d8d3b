"""Reading the ballot: cached per process for the vote's hot path (an admin's date change
reaches every process within `ttl` seconds), and rendered once per cached ballot for voters."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from voting.domain.ballot import Ballot
from voting.models.ballot import load
from wsis_common.outage import LastGood
from wsis_common.problems import Problem


def ballot_of(session: Session, year: int) -> Ballot:
    """The edition's ballot as stored; a 404 problem when there is no such edition."""
    ballot = load(session, year)
    if ballot is None:
        raise no_such_edition(year)
    return ballot


def no_such_edition(year: int) -> Problem:
    return Problem(404, f"There is no {year} edition.")


# How long a request waits for a reload before it serves the old entry it has anyway: a reload
# takes milliseconds, unless the database hangs.
_LONGEST_WAIT = 1.0


class BallotCache:
    """Each process keeps every ballot it served for `ttl` seconds, so that a vote reads
    nothing from the database but writes its row. An entry that has only just expired (less
    than `ttl` past) is reloaded by one thread while the others keep using it; an older one
    (the process was idle: before the vote opens, say) is not served while it is reloaded: the
    ballot may have changed since (its nominees published, its dates moved), so every request
    waits for the one reload (a second at most: a reload that hangs leaves them the old one).
    While the database cannot be reached, a reload keeps the ballot it has (logged once; tried
    again after `ttl`): voters still read it, and a vote fails only at its write, as a 503."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._entries: dict[int, tuple[float, Ballot | None]] = {}
        self._lock = threading.Lock()
        self._last_good: LastGood[Ballot | None] = LastGood("ballot")

    def get(self, session_factory, year: int) -> Ballot | None:
        cached = self._entries.get(year)
        held = False
        if cached is not None:
            age = time.monotonic() - cached[0]
            if age < self.ttl:
                return cached[1]
            if age < 2 * self.ttl:
                held = self._lock.acquire(blocking=False)
                if not held:
                    return cached[1]  # only just expired: served while another thread reloads it
        if not held:
            if cached is None:
                self._lock.acquire()  # nothing to serve yet: wait for the first read
            elif not self._lock.acquire(timeout=max(self.ttl, _LONGEST_WAIT)):
                return cached[1]  # a reload that hangs (the database out): the old one, then
        try:
            latest = self._entries.get(year)
            if latest is not None and time.monotonic() - latest[0] < self.ttl:
                return latest[1]  # reloaded by the thread this one waited for
            ballot = self._last_good.read(year, lambda: _read(session_factory, year))
            self._entries[year] = (time.monotonic(), ballot)
            return ballot
        finally:
            self._lock.release()


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
