"""Counting as stored: every nominee's votes, aggregated from the index of `votes` (no counter
rows), and the rows (`progress_weeks`, `closings`) whose keys make each publication happen
once, however many workers run and however often they restart."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from voting import models
from voting.domain.ballot import Ballot
from voting.domain.tallies import Tally
from wsis_common.clock import clock


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


def total(session: Session, year: int) -> int:
    """Every vote of the edition."""
    return session.scalar(select(func.count()).select_from(models.votes)
                          .where(models.votes.c.edition == year)) or 0


def claim_week(session: Session, *, is_postgres: bool, edition: int, week: int, ends_at: datetime) -> bool:
    """The row that says `voting.progress` of that week is published; False if it was."""
    return _claim(session, models.progress_weeks, is_postgres, edition=edition, week=week, ends_at=ends_at)


def claim_close(session: Session, *, is_postgres: bool, edition: int, closes_at: datetime) -> bool:
    """The row that says `voting.closed` of that edition is published; False if it was."""
    return _claim(session, models.closings, is_postgres, edition=edition, closes_at=closes_at)


def _claim(session: Session, table: Table, is_postgres: bool, **key: Any) -> bool:
    """Insert the row that says "published"; False if another worker (or an earlier run)
    has it. A concurrent claimer waits on the key until the first commits, then gets False."""
    dialect = postgresql if is_postgres else sqlite
    statement = (dialect.insert(table).values(**key, published_at=clock.now())
                 .on_conflict_do_nothing().returning(table.c.edition))
    return session.execute(statement).first() is not None


def unclosed(session: Session) -> list[int]:
    """The editions with a ballot whose close is not published yet."""
    closed = select(models.closings.c.edition)
    return list(session.scalars(select(models.ballot_entries.c.edition).distinct()
                                .where(models.ballot_entries.c.edition.not_in(closed))).all())


def published_weeks(session: Session) -> set[tuple[int, int]]:
    """(edition, week) of every `voting.progress` published."""
    return {(r[0], r[1]) for r in session.execute(select(models.progress_weeks.c.edition,
                                                         models.progress_weeks.c.week))}
