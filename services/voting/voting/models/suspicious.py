"""The votes the report of suspicious voting reads (voting.service.suspicious): streamed in
batches (yield_per), in the order the rules (voting.domain.suspicious) walk them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from voting import models

_votes = models.votes

# Each trait of domain.suspicious.TRAITS, as the column (or expression) that holds it.
COLUMNS: dict[str, Any] = {
    "address": _votes.c.address,
    "email_domain": _votes.c.email_domain,
    "organisation": func.lower(_votes.c.org_name),
    "country": _votes.c.org_country,
}


def account_ages(session: Session, year: int, since: datetime | None
                 ) -> Iterator[tuple[str, str, datetime, datetime | None]]:
    """Every vote of the edition (since `since`) as (category, nominee, cast_at, the account's
    creation or None), in no order. Rows, compared in Python with each vote's own instant, so
    that the comparison needs no date arithmetic of one database (SQLite runs locally)."""
    query = select(_votes.c.category, _votes.c.nominee, _votes.c.cast_at,
                   _votes.c.account_created_at).where(_votes.c.edition == year)
    return _streamed(session, query, since)


def sharing(session: Session, year: int, trait: str, since: datetime | None
            ) -> Iterator[tuple[str, str, str, datetime]]:
    """The votes that carry `trait`, as (category, nominee, its value, cast_at), ordered by the
    first three, then by time: the order domain.suspicious.bursts reads."""
    column = COLUMNS[trait]
    query = (select(_votes.c.category, _votes.c.nominee, column, _votes.c.cast_at)
             .where(_votes.c.edition == year, column.is_not(None))
             .order_by(_votes.c.category, _votes.c.nominee, column, _votes.c.cast_at))
    return _streamed(session, query, since)


def _streamed(session: Session, query: Select, since: datetime | None) -> Iterator[Any]:
    if since is not None:
        query = query.where(_votes.c.cast_at >= since)
    rows = session.execute(query.execution_options(yield_per=5000))
    return ((r[0], r[1], r[2], r[3]) for r in rows)
