"""The ballot as stored: written from `nominees.published` (replacing any earlier one of the
edition), read with the service's copy of the edition."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from voting import models
from voting.domain.ballot import Ballot, Entry, Window
from wsis_common.contracts import Nominee, NomineesPublished
from wsis_common.envelope import Envelope


def store(session: Session, envelope: Envelope) -> None:
    """Handler of `nominees.published`: the edition's ballot, replacing any earlier one."""
    year = int(envelope.edition or envelope.payload["edition"])
    payload: NomineesPublished = envelope.payload  # type: ignore[assignment]
    rows = [
        {"edition": year, "category": group["category"], "nominee": str(n["submission_id"]),
         "position": position, "title": n["title"], "short_description": n["short_description"],
         **_entity(n)}
        for group in payload["categories"]
        for position, n in enumerate(group["nominees"])
    ]
    table = models.ballot_entries
    session.execute(delete(table).where(table.c.edition == year))
    if rows:
        session.execute(insert(table), rows)


def _entity(nominee: Nominee) -> dict[str, str | None]:
    """The organisation's name and country, when the event carries them (`entity` is optional)."""
    entity = nominee.get("entity") or {}
    country = str(entity.get("country") or "").strip().upper()[:8]
    return {"organisation": str(entity.get("name") or "").strip() or None, "country": country or None}


def load(session: Session, year: int) -> Ballot | None:
    """The edition's ballot (empty until the nominees are published); None: no such edition."""
    edition = models.editions.get(session, year)
    if edition is None:
        return None
    table = models.ballot_entries
    categories: dict[str, dict[str, Entry]] = {}
    for row in session.execute(
        select(table.c.category, table.c.nominee, table.c.title, table.c.short_description,
               table.c.organisation, table.c.country)
        .where(table.c.edition == year)
        .order_by(table.c.category, table.c.position)
    ):
        categories.setdefault(row.category, {})[row.nominee] = Entry(
            row.nominee, row.title, row.short_description, row.organisation, row.country)
    return Ballot(year, edition, Window.of(edition), categories)
