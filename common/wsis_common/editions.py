"""Each service's own copy of the editions it needs, kept from `edition.updated` events.

The submission service owns editions; every other service keeps the latest version it was
sent and enforces its dates from there (an admin's change needs no restart)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, DateTime, Integer, MetaData, Table, select
from sqlalchemy.orm import Session

from wsis_common.envelope import Envelope


class EditionCopies:
    def __init__(self, metadata: MetaData) -> None:
        self.table = Table(
            "edition_copies",
            metadata,
            Column("year", Integer, primary_key=True),
            Column("revision", Integer, nullable=False),
            Column("document", JSON, nullable=False),
            Column("received_at", DateTime(timezone=True), nullable=False),
        )

    def store(self, session: Session, envelope: Envelope) -> None:
        """Handler of `edition.updated`: keep the newest revision (events may arrive out of order)."""
        document: dict[str, Any] = envelope.payload["edition"]
        year, revision = int(document["year"]), int(document["revision"])
        current = session.execute(
            select(self.table.c.revision).where(self.table.c.year == year).with_for_update()
        ).scalar()
        row = {"revision": revision, "document": document, "received_at": envelope.occurred()}
        if current is None:
            session.execute(self.table.insert().values(year=year, **row))
        elif revision > current:
            session.execute(self.table.update().where(self.table.c.year == year).values(**row))

    def get(self, session: Session, year: int) -> dict[str, Any] | None:
        return session.execute(
            select(self.table.c.document).where(self.table.c.year == year)
        ).scalar()
