"""The audit trail: every action of the chair and the WSIS team (assignments, categories
closed, nominee lists confirmed, winners picked, dates moved), with who, when and what changed.
Written in the same transaction as the action itself."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from review.models import AuditEntry
from wsis_common.auth import Principal
from wsis_common.clock import clock
from wsis_common.context import ServiceContext

_SUBJECT_LENGTH = AuditEntry.__table__.c.subject.type.length

WORKER = "review worker (scheduled)"


def actor_of(principal: Principal) -> str:
    return f"{principal.name} ({principal.account_id})" if principal.name else principal.account_id


def record(session: Session, *, year: int | None, actor: str, action: str, subject: str = "",
           details: dict[str, Any] | None = None) -> None:
    details = dict(details or {})
    if len(subject) > _SUBJECT_LENGTH:
        # A spread over all 18 categories names them all: the column keeps its head, the
        # details the whole (an overlong subject failed the action with a 500).
        details["subject"] = subject
        subject = subject[:_SUBJECT_LENGTH - 1] + "…"
    session.add(AuditEntry(year=year, at=clock.now(), actor=actor, action=action, subject=subject,
                           details=details))


def entries(ctx: ServiceContext, year: int) -> list[dict[str, Any]]:
    with ctx.db.sessions() as session:
        # Entries without a year (the expert roster) belong to every edition's trail.
        rows = session.scalars(select(AuditEntry).where(
            or_(AuditEntry.year == year, AuditEntry.year.is_(None))).order_by(AuditEntry.id))
        return [{"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
                 "subject": e.subject, "details": e.details} for e in rows]
