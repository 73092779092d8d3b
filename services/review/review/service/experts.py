"""The expert group's roster: who each expert is and which organisation they belong to, as the
WSIS team records it and as the expert's own token says (a conflict with either counts)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.models import Expert
from review.service import audit
from wsis_common.auth import Principal
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.problems import Problem
from wsis_common.text import organisation_key


def expert_document(expert: Expert) -> dict[str, Any]:
    return {"account_id": expert.account_id, "name": expert.name, "email": expert.email,
            "organisation": expert.organisation, "updated_at": expert.updated_at.isoformat()}


def record_expert(ctx: ServiceContext, account_id: str, data: dict[str, Any],
                  admin: Principal) -> dict[str, Any]:
    """The WSIS team records (or corrects) an expert and their organisation."""
    with ctx.db.transaction() as session:
        expert = session.get(Expert, account_id, with_for_update=True)
        before = expert_document(expert) if expert else None
        if expert is None:
            expert = Expert(account_id=account_id, token_organisation_key="")
            session.add(expert)
        organisation = {k: str(data["organisation"].get(k, "")) for k in ("name", "type", "country")}
        expert.name, expert.email = data.get("name", expert.name or ""), data.get("email", expert.email or "")
        expert.organisation = organisation
        expert.organisation_key = organisation_key(organisation["name"])
        expert.updated_at = clock.now()
        session.flush()
        after = expert_document(expert)
        audit.record(session, year=None, actor=audit.actor_of(admin), action="expert.recorded",
                     subject=account_id, details={"before": before, "after": after})
        return after


def list_experts(ctx: ServiceContext) -> list[dict[str, Any]]:
    with ctx.db.sessions() as session:
        return [expert_document(e) for e in session.scalars(select(Expert).order_by(Expert.name))]


def get_recorded(session: Session, account_id: str) -> Expert:
    expert = session.get(Expert, account_id)
    if expert is None:
        reason = f"No expert {account_id} is recorded: PUT /api/v1/reviews/experts/{account_id}."
        raise Problem(422, "Record the expert first, with their organisation, so that conflicts of "
                      "interest can be checked.", errors={"expert_id": [reason]})
    return expert


def seen(session: Session, principal: Principal) -> Expert:
    """The calling expert, with the organisation of their token remembered."""
    expert = session.get(Expert, principal.account_id, with_for_update=True)
    token_key = organisation_key(str(principal.organisation.get("name") or ""))
    if expert is None:
        expert = Expert(account_id=principal.account_id, name=principal.name, email=principal.email,
                        organisation={}, organisation_key="", token_organisation_key=token_key,
                        updated_at=clock.now())
        session.add(expert)
        session.flush()
    elif token_key and expert.token_organisation_key != token_key:
        expert.token_organisation_key = token_key
    return expert
