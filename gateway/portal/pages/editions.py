"""The editions as the pages see them: the gateway's own copies (kept from `edition.updated`),
so that every page can say what phase an edition is in even when a service is down."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import abort, g
from sqlalchemy import select

from portal import models
from wsis_common.clock import clock
from wsis_common.outage import LastGood
from wsis_common.phases import Phase, Schedule
from wsis_common.web import context

# While the gateway's database cannot be reached, the pages keep the editions this process
# read last (they change a few times a year), so that a page needing nothing else still shows.
_last_read: LastGood[list[dict[str, Any]]] = LastGood("editions")


def all_editions() -> list[dict[str, Any]]:
    if "editions" not in g:
        g.editions = _last_read.read(context().db.url, _read_editions)
    return g.editions


def _read_editions() -> list[dict[str, Any]]:
    table = models.editions.table
    with context().db.sessions() as session:
        return list(session.execute(select(table.c.document).order_by(table.c.year.desc())).scalars())


def edition(year: int) -> dict[str, Any]:
    found = next((e for e in all_editions() if e["year"] == year), None)
    if found is None:
        abort(404)
    return found


def current() -> dict[str, Any] | None:
    return current_edition(all_editions(), clock.now())


def current_edition(documents: list[dict[str, Any]], now: datetime) -> dict[str, Any] | None:
    """The edition a visitor most likely wants: the latest one that has started, else the next
    one to start, else the latest one."""
    if not documents:
        return None
    started = [e for e in documents if schedule_of(e).has_passed("submission_opens", now)]
    if started:
        return max(started, key=lambda e: e["year"])
    return min(documents, key=lambda e: e["year"])


def schedule_of(document: dict[str, Any]) -> Schedule:
    return Schedule.of_edition(document)


def phase_of(document: dict[str, Any]) -> Phase:
    return schedule_of(document).phase_at(clock.now())


def window_state(document: dict[str, Any], name: str) -> str:
    """Where now is against an edition's window `name` ("submission", "voting"): "before",
    "open" or "after", so that a page's words fit the moment it is read."""
    window = schedule_of(document).window(name)
    now = clock.now()
    if window.contains(now):
        return "open"
    return "after" if window.is_over(now) else "before"


def has_passed(document: dict[str, Any], key: str) -> bool:
    """True from the edition's date `key` on (e.g. "ceremony_at"); a date not set never passes."""
    return schedule_of(document).has_passed(key, clock.now())
