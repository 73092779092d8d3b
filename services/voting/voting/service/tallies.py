"""Counting: the WSIS team's live counts, `voting.progress` at the end of each voting week and
`voting.closed` at the close. Each event is published through the outbox in the same
transaction as the row (`progress_weeks`, `closings`) whose key makes it happen once, however
many workers run and however often they restart."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from voting import models
from voting.domain.ballot import Ballot, Window
from voting.domain.tallies import Tally, finalists, ranked, weeks_due
from voting.service.ballot import load
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
from wsis_common.problems import Problem

log = logging.getLogger(__name__)
PRODUCER = "voting"


def tallies(session: Session, ballot: Ballot, *, before: datetime | None = None) -> dict[str, list[Tally]]:
    """Every nominee's votes per category (votes cast before `before`, if given), with the
    instant its last counted vote was cast. Aggregated from the index, no counter rows."""
    table = models.votes
    query = (select(table.c.category, table.c.nominee, func.count(), func.max(table.c.cast_at))
             .where(table.c.edition == ballot.year)
             .group_by(table.c.category, table.c.nominee))
    if before is not None:
        query = query.where(table.c.cast_at < before)
    counted = {(r[0], r[1]): (r[2], r[3]) for r in session.execute(query)}
    result: dict[str, list[Tally]] = {}
    for category, entries in ballot.categories.items():
        result[category] = [
            Tally(nominee, *counted.get((category, nominee), (0, None)), position)
            for position, nominee in enumerate(entries)
        ]
    return result


def live_counts(ctx: ServiceContext, year: int) -> dict[str, Any]:
    """The WSIS team's view: every nominee's votes and rank, now."""
    with ctx.db.sessions() as session:
        ballot = load(session, year)
        if ballot is None:
            raise Problem(404, f"There is no {year} edition.")
        counts = tallies(session, ballot)
        total = session.scalar(select(func.count()).select_from(models.votes)
                               .where(models.votes.c.edition == year)) or 0
    categories = []
    for category, category_tallies in counts.items():
        entries = ballot.categories[category]
        categories.append({
            "category": category,
            "votes": sum(t.votes for t in category_tallies),
            "nominees": [{"nominee": t.nominee, "title": entries[t.nominee].title,
                          "votes": t.votes, "rank": rank} for t, rank in ranked(category_tallies)],
        })
    return {"year": year, "as_of": clock.now().isoformat(), "votes": total, "categories": categories}


def _standings(counts: dict[str, list[Tally]]) -> list[CategoryStanding]:
    return [{"category": category,
             "nominees": [{"submission_id": t.nominee, "votes": t.votes, "rank": rank}
                          for t, rank in ranked(category_tallies)]}
            for category, category_tallies in counts.items()]


def _claim(session: Session, ctx: ServiceContext, table, **key: Any) -> bool:
    """Insert the row that says "published"; False if another worker (or an earlier run)
    has it. A concurrent claimer waits on the key until the first commits, then gets False."""
    dialect = postgresql if ctx.db.is_postgres else sqlite
    statement = (dialect.insert(table).values(**key, published_at=clock.now())
                 .on_conflict_do_nothing().returning(table.c.edition))
    return session.execute(statement).first() is not None


def _open_editions(session: Session, now: datetime) -> list[tuple[Ballot, Window]]:
    """Editions with a ballot whose vote has opened and whose close is not published yet."""
    closed = select(models.closings.c.edition)
    years = session.scalars(select(models.ballot_entries.c.edition).distinct()
                            .where(models.ballot_entries.c.edition.not_in(closed))).all()
    found = []
    for year in years:
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
        done = set(session.execute(select(models.progress_weeks.c.edition,
                                          models.progress_weeks.c.week)).all())
    for year, week, end in due:
        if (year, week) in done:
            continue
        with ctx.db.transaction() as session:
            if not _claim(session, ctx, models.progress_weeks, edition=year, week=week, ends_at=end):
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
            if not _claim(session, ctx, models.closings, edition=year, closes_at=ballot.window.closes):
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
