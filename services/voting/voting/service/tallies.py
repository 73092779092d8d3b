"""Counting: the WSIS team's live counts, `voting.progress` at the end of each voting week and
`voting.closed` at the close. Each event is published through the outbox in the same
transaction as the row (`progress_weeks`, `closings`) whose key makes it happen once, however
many workers run and however often they restart."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from voting.domain.ballot import Ballot, Window
from voting.domain.tallies import Tally, finalists, ranked, weeks_due
from voting.models.ballot import load
from voting.models.tallies import claim_close, claim_week, published_weeks, tallies, total, unclosed
from voting.service.ballot import ballot_of
from wsis_common.clock import clock, in_geneva
from wsis_common.context import ServiceContext
from wsis_common.contracts import (
    VOTING_CLOSED,
    VOTING_PROGRESS,
    CategoryFinalists,
    CategoryStanding,
    VotingClosed,
    VotingProgress,
)
from wsis_common.messaging import publish

log = logging.getLogger(__name__)
PRODUCER = "voting"


def live_counts(ctx: ServiceContext, year: int) -> dict[str, Any]:
    """The WSIS team's view: every nominee's votes and rank, now."""
    with ctx.db.sessions() as session:
        ballot = ballot_of(session, year)
        counts = tallies(session, ballot)
        votes = total(session, year)
    categories = []
    for category, category_tallies in counts.items():
        entries = ballot.categories[category]
        categories.append({
            "category": category,
            "votes": sum(t.votes for t in category_tallies),
            "nominees": [{"nominee": t.nominee, "title": entries[t.nominee].title,
                          "votes": t.votes, "rank": rank} for t, rank in ranked(category_tallies)],
        })
    return {"year": year, "as_of": clock.now().isoformat(), "votes": votes, "categories": categories}


def _standings(counts: dict[str, list[Tally]]) -> list[CategoryStanding]:
    return [{"category": category,
             "nominees": [{"submission_id": t.nominee, "votes": t.votes, "rank": rank}
                          for t, rank in ranked(category_tallies)]}
            for category, category_tallies in counts.items()]


def _open_editions(session: Session, now: datetime) -> list[tuple[Ballot, Window]]:
    """Editions with a ballot whose vote has opened and whose close is not published yet."""
    found = []
    for year in unclosed(session):
        ballot = load(session, year)
        if ballot is not None and ballot.window.opens <= now:
            found.append((ballot, ballot.window))
    return found


def publish_progress(ctx: ServiceContext, *, settle: timedelta) -> int:
    """PeriodicJob: `voting.progress` for every voting week that ended (at least `settle`
    ago, so that the votes cast before its end have been written). Returns how many."""
    now = clock.now()
    published = 0
    with ctx.db.sessions() as session:
        due = [(ballot.year, week, end)
               for ballot, window in _open_editions(session, now)
               for week, end in weeks_due(window, now - settle)]
        done = published_weeks(session)
    for year, week, end in due:
        if (year, week) in done:
            continue
        with ctx.db.transaction() as session:
            if not claim_week(session, is_postgres=ctx.db.is_postgres, edition=year, week=week, ends_at=end):
                continue
            ballot = load(session, year)
            assert ballot is not None
            payload: VotingProgress = {
                "week": week, "as_of": in_geneva(end).isoformat(),
                "voting_closes": ballot.window.closes.isoformat(),
                "categories": _standings(tallies(session, ballot, before=end)),
            }
            publish(session, ctx.tables, type=VOTING_PROGRESS, producer=PRODUCER,
                    payload=dict(payload), edition=year)
        log.info("published voting.progress of %d, week %d", year, week)
        published += 1
    return published


def publish_close(ctx: ServiceContext, *, settle: timedelta) -> int:
    """PeriodicJob: `voting.closed` with the finalists, once the vote has been closed for
    `settle` (votes accepted just before the deadline are written by then)."""
    now = clock.now()
    with ctx.db.sessions() as session:
        due = [ballot.year for ballot, window in _open_editions(session, now)
               if window.closes + settle <= now]
    published = 0
    for year in due:
        with ctx.db.transaction() as session:
            ballot = load(session, year)
            assert ballot is not None
            if not claim_close(session, is_postgres=ctx.db.is_postgres, edition=year,
                               closes_at=ballot.window.closes):
                continue
            payload: VotingClosed = {"categories": _finalists(session, ballot)}
            publish(session, ctx.tables, type=VOTING_CLOSED, producer=PRODUCER,
                    payload=dict(payload), edition=year)
        log.info("published voting.closed of %d", year)
        published += 1
    return published


def _finalists(session: Session, ballot: Ballot) -> list[CategoryFinalists]:
    result: list[CategoryFinalists] = []
    for category, category_tallies in tallies(session, ballot, before=ballot.window.closes).items():
        chosen = finalists(category_tallies, ballot.window.finalists)
        result.append({
            "category": category,
            "finalists": [{"submission_id": t.nominee, "votes": t.votes, "rank": rank}
                          for t, rank in chosen.chosen],
            "tie_at_cut": chosen.tie_at_cut,
            "tie_break": chosen.tie_break,
        })
    return result
