"""A voter's choices as stored: what `GET .../votes/mine` answers (voting.service.votes)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from voting import models


def choices_of(session: Session, year: int, voter: str) -> Sequence[Row]:
    """(category, nominee, cast_at) of each of the voter's votes in the edition, oldest first."""
    table = models.votes
    return session.execute(
        select(table.c.category, table.c.nominee, table.c.cast_at)
        .where(table.c.edition == year, table.c.voter == voter)
        .order_by(table.c.cast_at, table.c.category)).all()
