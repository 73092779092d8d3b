"""Use cases of the edition schedule. Each commits once, keeps an audit record and publishes
`edition.updated` through the outbox, so every service honours a change without a restart."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from submission.domain import past_dates
from submission.domain.form import template_errors
from submission.domain.reasons import Reasons, documents, merge, texts
from submission.domain.schedule import phase_order_errors
from submission.models import Edition, EditionChange, PastWinner, Submission
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


def _check(phases: dict[str, datetime], form: Any, more: Reasons | None = None) -> None:
    """Refuses, with every reason at once: dates out of order, a broken form, and `more` (the
    refusals of moving dates that have passed)."""
    coded: Reasons = {f"phases.{key}": found for key, found in phase_order_errors(phases).items()}
    merge(coded, more or {})
    errors = texts(coded)
    if form is not None and (problems := template_errors(form)):
        errors["form"] = problems
    if errors:
        raise Problem(422, "The edition is not consistent: see `errors`.", title="Invalid edition",
                      errors=errors, reasons=documents(coded))


def _facts(session: Session, year: int) -> past_dates.Facts:
    """What has happened in the edition, as far as this service knows."""
    latest = session.scalar(select(func.max(Submission.submitted_at)).where(
        Submission.year == year, Submission.submitted_at.is_not(None)))
    nominated = session.scalar(select(Submission.id).where(
        Submission.year == year, Submission.nominated.is_(True)).limit(1))
    announced = session.scalar(select(PastWinner.id).where(
        PastWinner.year == year, PastWinner.source == "event").limit(1))
    return past_dates.Facts(latest_submission=latest, nominees_published=nominated is not None,
                            winners_announced=announced is not None)


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
        reason = (changes.get("reason") or "").strip() or None
        _check(phases, changes.get("form"), past_dates.refusals(
            schedule_of(edition), Schedule(phases), clock.now(), _facts(session, year), reason))
        edition.phases = _iso(phases)
        edition.parameters = {**edition.parameters, **changes.get("parameters", {})}
        if "form" in changes:
            edition.form = changes["form"]
        edition.revision += 1
        edition.updated_at = clock.now()
        session.flush()
        return _record(session, ctx, edition, actor=actor, action="updated", before=before, reason=reason)


def edition_history(ctx: ServiceContext, year: int) -> list[dict[str, Any]]:
    with ctx.db.sessions() as session:
        get_edition(session, year)
        changes = session.scalars(
            select(EditionChange).where(EditionChange.year == year).order_by(EditionChange.id)
        )
        return [{"actor": c.actor, "action": c.action, "at": c.at.isoformat(), "reason": c.reason,
                 "before": c.before, "after": c.after} for c in changes]


def _record(session: Session, ctx: ServiceContext, edition: Edition, *, actor: str, action: str,
            before: dict[str, Any] | None, reason: str | None = None) -> dict[str, Any]:
    document = edition_document(edition)
    session.add(EditionChange(year=edition.year, actor=actor, action=action, at=clock.now(),
                              reason=reason, before=before, after=document))
    publish(session, ctx.tables, type=contracts.EDITION_UPDATED, producer=PRODUCER,
            payload={"edition": document}, edition=edition.year)
    return document
