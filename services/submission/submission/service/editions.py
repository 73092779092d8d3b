"""Use cases of the edition schedule. Each commits once, keeps an audit record and publishes
`edition.updated` through the outbox, so every service honours a change without a restart."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from submission.domain.form import template_errors
from submission.domain.schedule import phase_order_errors
from submission.models import Edition, EditionChange
from submission.service.reference import categories
from wsis_common import contracts
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.messaging import publish
from wsis_common.phases import Schedule
from wsis_common.problems import Problem

PRODUCER = "submission"


def edition_document(edition: Edition) -> dict[str, Any]:
    """The whole edition as every service receives it in `edition.updated`."""
    return {
        "year": edition.year,
        "ordinal": edition.ordinal,
        "revision": edition.revision,
        "phases": dict(edition.phases),
        "parameters": dict(edition.parameters),
        "form": dict(edition.form),
        "categories": [c["code"] for c in categories()],
        "updated_at": edition.updated_at.isoformat(),
    }


def schedule_of(edition: Edition) -> Schedule:
    return Schedule.of(edition.phases)


def _iso(phases: dict[str, datetime]) -> dict[str, str]:
    return {key: value.isoformat() for key, value in phases.items()}


def _check(phases: dict[str, datetime], form: Any) -> None:
    errors = {f"phases.{key}": reasons for key, reasons in phase_order_errors(phases).items()}
    if form is not None and (problems := template_errors(form)):
        errors["form"] = problems
    if errors:
        raise Problem(422, "The edition is not consistent: see `errors`.", title="Invalid edition",
                      errors=errors)


def list_editions(ctx: ServiceContext) -> list[dict[str, Any]]:
    with ctx.db.sessions() as session:
        return [edition_document(e) for e in session.scalars(select(Edition).order_by(Edition.year))]


def get_edition(session: Session, year: int, *, lock: bool = False) -> Edition:
    edition = session.get(Edition, year, with_for_update=lock)
    if edition is None:
        raise Problem(404, f"There is no {year} edition.")
    return edition


def read_edition(ctx: ServiceContext, year: int) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        return edition_document(get_edition(session, year))


def create_edition(ctx: ServiceContext, data: dict[str, Any], *, actor: str) -> dict[str, Any]:
    _check(data["phases"], data["form"])
    with ctx.db.transaction() as session:
        if session.get(Edition, data["year"]) is not None:
            raise Problem(409, f"The {data['year']} edition exists already; change it with PATCH.")
        edition = Edition(year=data["year"], ordinal=data["ordinal"], revision=1,
                          phases=_iso(data["phases"]), parameters=data["parameters"],
                          form=data["form"], updated_at=clock.now())
        session.add(edition)
        session.flush()
        return _record(session, ctx, edition, actor=actor, action="created", before=None)


def update_edition(ctx: ServiceContext, year: int, changes: dict[str, Any], *, actor: str) -> dict[str, Any]:
    with ctx.db.transaction() as session:
        edition = get_edition(session, year, lock=True)
        before = edition_document(edition)
        phases = {**schedule_of(edition).instants, **changes.get("phases", {})}
        _check(phases, changes.get("form"))
        edition.phases = _iso(phases)
        edition.parameters = {**edition.parameters, **changes.get("parameters", {})}
        if "form" in changes:
            edition.form = changes["form"]
        edition.revision += 1
        edition.updated_at = clock.now()
        session.flush()
        return _record(session, ctx, edition, actor=actor, action="updated", before=before)


def edition_history(ctx: ServiceContext, year: int) -> list[dict[str, Any]]:
    with ctx.db.sessions() as session:
        get_edition(session, year)
        changes = session.scalars(
            select(EditionChange).where(EditionChange.year == year).order_by(EditionChange.id)
        )
        return [{"actor": c.actor, "action": c.action, "at": c.at.isoformat(),
                 "before": c.before, "after": c.after} for c in changes]


def _record(session: Session, ctx: ServiceContext, edition: Edition, *, actor: str, action: str,
            before: dict[str, Any] | None) -> dict[str, Any]:
    document = edition_document(edition)
    session.add(EditionChange(year=edition.year, actor=actor, action=action, at=clock.now(),
                              before=before, after=document))
    publish(session, ctx.tables, type=contracts.EDITION_UPDATED, producer=PRODUCER,
            payload={"edition": document}, edition=edition.year)
    return document
