"""Use cases of the edition schedule. Each commits once and publishes through the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from submission.domain import phase_order_errors
from submission.models import Edition
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.messaging import publish
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
        "updated_at": edition.updated_at.isoformat(),
    }


def _iso(phases: dict[str, datetime]) -> dict[str, str]:
    return {key: value.isoformat() for key, value in phases.items()}


def _check_order(phases: dict[str, datetime]) -> None:
    errors = phase_order_errors(phases)
    if errors:
        raise Problem(
            422,
            "The phase dates are not in the contest's order.",
            title="Invalid phase dates",
            errors={f"phases.{key}": reasons for key, reasons in errors.items()},
        )


def list_editions(ctx: ServiceContext) -> list[dict[str, Any]]:
    with ctx.db.sessions() as session:
        editions = session.scalars(select(Edition).order_by(Edition.year)).all()
        return [edition_document(e) for e in editions]


def get_edition(ctx: ServiceContext, year: int) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        edition = session.get(Edition, year)
        if edition is None:
            raise Problem(404, f"There is no {year} edition.")
        return edition_document(edition)


def create_edition(ctx: ServiceContext, data: dict[str, Any]) -> dict[str, Any]:
    _check_order(data["phases"])
    with ctx.db.transaction() as session:
        if session.get(Edition, data["year"]) is not None:
            raise Problem(409, f"The {data['year']} edition exists already; change it with PATCH.")
        edition = Edition(
            year=data["year"],
            ordinal=data["ordinal"],
            revision=1,
            phases=_iso(data["phases"]),
            parameters=data["parameters"],
            updated_at=clock.now(),
        )
        session.add(edition)
        session.flush()
        document = edition_document(edition)
        _publish_update(session, ctx, document)
    return document


def update_edition(ctx: ServiceContext, year: int, changes: dict[str, Any]) -> dict[str, Any]:
    with ctx.db.transaction() as session:
        edition = session.get(Edition, year, with_for_update=True)
        if edition is None:
            raise Problem(404, f"There is no {year} edition.")
        phases = {k: datetime.fromisoformat(v) for k, v in edition.phases.items()}
        phases.update(changes.get("phases", {}))
        _check_order(phases)
        edition.phases = _iso(phases)
        edition.parameters = {**edition.parameters, **changes.get("parameters", {})}
        edition.revision += 1
        edition.updated_at = clock.now()
        session.flush()
        document = edition_document(edition)
        _publish_update(session, ctx, document)
    return document


def _publish_update(session, ctx: ServiceContext, document: dict[str, Any]) -> None:
    publish(session, ctx.tables, type="edition.updated", producer=PRODUCER,
            payload={"edition": document}, edition=document["year"])
