"""Counting: the end of each voting week, the ranking, and the finalists at the close with the
tie rule (README "Voting")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from voting.domain.ballot import Window
from wsis_common.clock import in_geneva


def week_end(opens: datetime, week: int) -> datetime:
    """The end of voting week `week` (1 = the first): the opening's Geneva wall-clock time,
    7 * week days later (so a week spanning a DST change is 167 or 169 hours long)."""
    return (in_geneva(opens) + timedelta(days=7 * week)).astimezone(UTC)


def weeks_due(window: Window, now: datetime) -> list[tuple[int, datetime]]:
    """The weeks that have ended by `now`, each with its end; a week ending after the close
    is not a voting week (the close reports the final figures)."""
    due, week = [], 1
    while True:
        end = week_end(window.opens, week)
        if end > window.closes or end > now:
            return due
        due.append((week, end))
        week += 1


# -- ranking and finalists -------------------------------------------------------------------

@dataclass(frozen=True)
class Tally:
    """One nominee's count; `reached_at` is when its last counted vote was cast (None: no
    votes), `position` its place on the published ballot."""

    nominee: str
    votes: int
    reached_at: datetime | None
    position: int


def ranked(tallies: Iterable[Tally]) -> list[tuple[Tally, int]]:
    """Most votes first, each with its rank; equal votes share a rank (1, 2, 2, 4)."""
    ordered = sorted(tallies, key=_tie_order)
    result, rank = [], 0
    for index, tally in enumerate(ordered):
        if index == 0 or tally.votes != ordered[index - 1].votes:
            rank = index + 1
        result.append((tally, rank))
    return result


def _tie_order(tally: Tally) -> tuple:
    # More votes first; among equals, whoever reached that count first; nominees without a
    # vote (or reaching it at the very same instant) keep the ballot's order.
    reached = tally.reached_at.timestamp() if tally.reached_at else float("inf")
    return (-tally.votes, reached, tally.position)


@dataclass(frozen=True)
class Finalists:
    chosen: list[tuple[Tally, int]]
    tie_at_cut: bool
    tie_break: str | None


def finalists(tallies: Sequence[Tally], n: int) -> Finalists:
    """The top `n` by votes. A tie at the cut (the n-th and the (n+1)-th have equal votes) is
    decided for whoever reached that count first; the event says so in words."""
    standings = ranked(tallies)
    chosen = standings[:n]
    if len(standings) <= n or n == 0 or standings[n - 1][0].votes != standings[n][0].votes:
        return Finalists(chosen, False, None)
    votes = standings[n - 1][0].votes
    tied = [t for t, _ in standings if t.votes == votes]
    kept = [t.nominee for t, _ in chosen if t.votes == votes]
    left = [t.nominee for t in tied if t.nominee not in kept]
    if votes == 0:
        how = "nobody voted for them, so the published ballot's order decided"
    else:
        how = f"those who reached {votes} votes first are finalists (the earliest last vote wins)"
    detail = (f"{len(tied)} nominees had {votes} votes at place {n}: {how}; "
              f"kept {', '.join(kept)}; not kept {', '.join(left)}.")
    return Finalists(chosen, True, detail)
