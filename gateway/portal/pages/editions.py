"""The editions as the pages see them: the gateway's own copies (kept from `edition.updated`),
so that every page can say what phase an edition is in even when a service is down."""

from __future__ import annotations

from typing import Any

from flask import abort, g
from sqlalchemy import select

from portal import models
from portal.pages.phases import Phase, current_edition, phase_at
from wsis_common.clock import clock
from wsis_common.web import context


def all_editions() -> list[dict[str, Any]]:
    if "editions" not in g:
        table = models.editions.table
        with context().db.sessions() as session:
            g.editions = list(session.execute(
                select(table.c.document).order_by(table.c.year.desc())).scalars())
    return g.editions


def edition(year: int) -> dict[str, Any]:
    found = next((e for e in all_editions() if e["year"] == year), None)
    if found is None:
        abort(404)
    return found


def current() -> dict[str, Any] | None:
    return current_edition(all_editions(), clock.now())


def phase_of(document: dict[str, Any]) -> Phase:
    return phase_at(document.get("phases", {}), clock.now())
