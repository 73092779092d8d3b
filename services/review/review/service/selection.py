"""Phase 4: the finalists arrive with `voting.closed`; experts analyse them in depth (scale,
impact on WSIS implementation, contribution to sustainable development); the chair picks
exactly one winner per category, final, and `winner.selected` (confidential) goes out at once.

Nothing here logs which finalist won: the pick is in the audit trail, read by admins only."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from review import models
from review.domain.assignment import conflicted, keys_of
from review.domain.criteria import SELECTION_CRITERIA, analysis_errors, criterion_means
from review.models import Analysis, Finalist, Nominee, Submission, Winner
from review.service import audit
from review.service.editions import edition_and_category, edition_of
from review.service.experts import seen
from review.service.reviews import submission_view
from wsis_common import contracts
from wsis_common.auth import Principal
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope
from wsis_common.items import apply_each
from wsis_common.messaging import publish
from wsis_common.problems import Problem

log = logging.getLogger(__name__)
PRODUCER = "review"


def on_voting_closed(session: Session, envelope: Envelope) -> None:
    """Handler of `voting.closed`: the finalists of each category (top N by votes). Each
    category is applied on its own (wsis_common.items): one that cannot be stored is logged
    and skipped, and the other categories' finalists are kept."""
    year = int(envelope.edition or 0)
    payload: contracts.VotingClosed = envelope.payload  # type: ignore[assignment]
    nominees = set(session.scalars(select(Nominee.submission_id).where(Nominee.year == year)))
    received: dict[str, list[str]] = {}

    def store(result: dict[str, Any]) -> None:
        category = result["category"]
        if session.get(Winner, (year, category)) is not None:
            log.warning("voting.closed for %s %d after its winner was picked: ignored", category, year)
            return
        session.execute(delete(Finalist).where(Finalist.year == year, Finalist.category == category))
        kept = [f for f in result["finalists"] if f["submission_id"] in nominees]
        if len(kept) < len(result["finalists"]):
            log.warning("voting.closed named %d finalist(s) of %s that are not its nominees",
                        len(result["finalists"]) - len(kept), category)
        session.add_all(Finalist(year=year, category=category, submission_id=f["submission_id"],
                                 votes=int(f["votes"]), rank=int(f["rank"])) for f in kept)
        received[category] = [f["submission_id"] for f in kept]

    apply_each(session, envelope, payload["categories"], store,
               describe=lambda result: f"category {result.get('category')!r}")
    audit.record(session, year=year, actor=f"{envelope.producer} service (voting.closed)",
                 action="finalists.received", details={
                     "finalists": received,
                     "ties": {r["category"]: r.get("tie_break")
                              for r in payload["categories"] if r.get("tie_at_cut")}})


def _finalist(session: Session, submission_id: str) -> tuple[Submission, Finalist]:
    sub = session.get(Submission, submission_id)
    finalist = session.scalar(select(Finalist).where(Finalist.submission_id == submission_id))
    if sub is None or finalist is None:
        raise Problem(404, "There is no such finalist.")
    return sub, finalist


def finalists_view(ctx: ServiceContext, principal: Principal, year: int, category: str) -> dict[str, Any]:
    """For the expert group: the finalists with their votes, texts and analyses. The chair
    (admin) also sees every expert's analysis and the pick; an expert sees their own analysis."""
    with ctx.db.sessions() as session:
        edition = edition_and_category(session, year, category)
        rows = session.scalars(select(Finalist).where(Finalist.year == year, Finalist.category == category)
                               .order_by(Finalist.rank)).all()
        if not rows:
            raise Problem(404, f"{category} has no finalists yet: they come when the vote closes "
                          f"({edition.at('voting_closes')}).")
        analyses: dict[str, list[Analysis]] = defaultdict(list)
        ids = [f.submission_id for f in rows]
        for a in session.scalars(select(Analysis).where(Analysis.submission_id.in_(ids))):
            if principal.has("admin") or a.expert_id == principal.account_id:
                analyses[a.submission_id].append(a)
        winner = session.get(Winner, (year, category)) if principal.has("admin") else None
        finalists = []
        for f in rows:
            mine = analyses[f.submission_id]
            finalists.append({
                **submission_view(session.get(Submission, f.submission_id)), "votes": f.votes, "rank": f.rank,
                "analyses": [_analysis_document(a) for a in mine],
                "criteria_means": {c: round(mean, 3) for c, mean in
                                   criterion_means([a.scores for a in mine], SELECTION_CRITERIA).items()},
            })
        view: dict[str, Any] = {"edition": year, "category": category, "criteria": dict(SELECTION_CRITERIA),
                                "scale": {"min": edition.scale.low, "max": edition.scale.high},
                                "finalists": finalists}
        if principal.has("admin"):
            view["chosen"] = winner.submission_id if winner else None
        return view


def _analysis_document(a: Analysis) -> dict[str, Any]:
    return {"expert_id": a.expert_id, "scores": a.scores, "note": a.note,
            "updated_at": a.updated_at.isoformat()}


def put_analysis(ctx: ServiceContext, principal: Principal, submission_id: str,
                 data: dict[str, Any]) -> dict[str, Any]:
    with ctx.db.transaction() as session:
        expert = seen(session, principal)
        sub, finalist = _finalist(session, submission_id)
        edition = edition_of(session, sub.year)
        if conflicted(keys_of(expert), sub.organisation_key):
            raise Problem(403, "Conflict of interest: you belong to the organisation of this finalist.",
                          title="Conflict of interest")
        if session.get(Winner, (finalist.year, finalist.category)) is not None:
            raise Problem(409, f"The chair has decided {finalist.category}: the analysis is closed.")
        errors = analysis_errors(scores=data["scores"], note=data["note"], scale=edition.scale)
        if errors:
            raise Problem(422, "The analysis is not complete: see `errors`.", title="Invalid analysis",
                          errors=errors)
        analysis = session.get(Analysis, (sub.id, expert.account_id), with_for_update=True)
        if analysis is None:
            analysis = Analysis(submission_id=sub.id, expert_id=expert.account_id)
            session.add(analysis)
        analysis.scores, analysis.note, analysis.updated_at = dict(data["scores"]), data["note"], clock.now()
        session.flush()
        return _analysis_document(analysis)


def pick_winner(ctx: ServiceContext, year: int, category: str, submission_id: str,
                admin: Principal) -> dict[str, Any]:
    """The chair's pick: exactly one winner among the finalists, final; notify tells the winner's
    contact at once through the confidential `winner.selected`."""
    with ctx.db.transaction() as session:
        edition = edition_and_category(session, year, category)
        finalists = set(session.scalars(select(Finalist.submission_id).where(
            Finalist.year == year, Finalist.category == category)))
        if not finalists:
            raise Problem(409, f"{category} has no finalists yet: they come when the vote closes.")
        if submission_id not in finalists:
            raise Problem(422, "Only a finalist of the category can win.", title="Not a finalist",
                          errors={"submission_id": [f"Not a finalist of {category}."]})
        current = session.get(Winner, (year, category), with_for_update=True)
        if current is not None:
            if current.submission_id == submission_id:
                return _winner_document(current)
            raise Problem(409, f"The winner of {category} was picked on {current.chosen_at.isoformat()}; "
                          "the expert group's decision is final.", title="Already decided")
        if edition.ceremony_passed(clock.now()):
            raise Problem(409, "The ceremony has taken place: the winners are announced.")
        sub = session.get(Submission, submission_id)
        winner = Winner(year=year, category=category, submission_id=submission_id,
                        chosen_by=admin.account_id, chosen_at=clock.now())
        session.add(winner)
        selected: contracts.WinnerSelected = {"category": category, "submission_id": submission_id,
                                              "title": sub.title}
        publish(session, models.messages, type=contracts.WINNER_SELECTED, producer=PRODUCER,
                payload=dict(selected), edition=year)
        audit.record(session, year=year, actor=audit.actor_of(admin), action="winner.picked",
                     subject=category, details={"submission_id": submission_id, "title": sub.title,
                              "finalists": sorted(finalists)})
        return _winner_document(winner)


def _winner_document(w: Winner) -> dict[str, Any]:
    return {"category": w.category, "submission_id": w.submission_id, "chosen_by": w.chosen_by,
            "chosen_at": w.chosen_at.isoformat()}
