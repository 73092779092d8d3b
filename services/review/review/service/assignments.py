"""The WSIS team assigns experts to categories or to submissions, by hand or spread evenly in
one action. An expert never reviews a submission of their own organisation: such a submission
is left out of a category assignment and refused as a single assignment."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.domain.assignment import (
    Need,
    Reviewer,
    conflicted,
    keys_of,
    reviewers_by_submission,
    spread,
)
from review.models import Assignment, CategoryDecision, Expert, Review, Submission
from review.service import audit
from review.service.editions import edition_and_category, edition_of
from review.service.experts import get_recorded
from wsis_common.auth import Principal
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.problems import Problem


@dataclass(frozen=True)
class Coverage:
    """Who reviews which submission of an edition, conflicts of interest taken out."""

    submissions: dict[str, Submission]
    experts: dict[str, Expert]
    reviewers: dict[str, set[str]]  # submission id -> expert ids

    def load(self, expert_id: str) -> int:
        return sum(expert_id in ids for ids in self.reviewers.values())


def coverage(session: Session, year: int) -> Coverage:
    subs = {s.id: s for s in session.scalars(
        select(Submission).where(Submission.year == year, Submission.withdrawn.is_(False)))}
    rows = session.scalars(select(Assignment).where(Assignment.year == year)).all()
    experts = {e.account_id: e for e in session.scalars(
        select(Expert).where(Expert.account_id.in_({a.expert_id for a in rows})))}
    keys = {expert_id: keys_of(e) for expert_id, e in experts.items()}
    return Coverage(subs, experts, reviewers_by_submission(subs.values(), rows, keys))


def may_review(session: Session, expert: Expert, sub: Submission) -> bool:
    """Assigned (to the submission or its category) and without a conflict of interest."""
    if conflicted(keys_of(expert), sub.organisation_key):
        return False
    scopes = {f"category:{sub.category}", f"submission:{sub.id}"}
    return session.scalar(select(Assignment.id).where(
        Assignment.year == sub.year, Assignment.expert_id == expert.account_id,
        Assignment.scope.in_(scopes)).limit(1)) is not None


def assignment_document(a: Assignment) -> dict[str, Any]:
    return {"id": a.id, "edition": a.year, "expert_id": a.expert_id, "category": a.category,
            "submission_id": a.submission_id, "assigned_by": a.assigned_by,
            "assigned_at": a.assigned_at.isoformat()}


def _refuse_if_closed(session: Session, year: int, category: str) -> None:
    decision = session.get(CategoryDecision, (year, category))
    if decision is not None and decision.closed_at is not None:
        raise Problem(409, f"The chair closed {category}: reopen it to change its assignments.")


def _add(session: Session, *, year: int, expert_id: str, admin: Principal, category: str | None = None,
         submission_id: str | None = None) -> Assignment | None:
    scope = f"category:{category}" if category else f"submission:{submission_id}"
    exists = session.scalar(select(Assignment).where(
        Assignment.year == year, Assignment.expert_id == expert_id, Assignment.scope == scope))
    if exists is not None:
        return None
    row = Assignment(year=year, expert_id=expert_id, category=category, submission_id=submission_id,
                     scope=scope, assigned_by=admin.account_id, assigned_at=clock.now())
    session.add(row)
    session.flush()
    return row


def assign(ctx: ServiceContext, year: int, data: dict[str, Any], admin: Principal) -> dict[str, Any]:
    """By hand: one expert to one category, or to one submission."""
    with ctx.db.transaction() as session:
        edition_of(session, year)
        expert = get_recorded(session, data["expert_id"])
        if data.get("submission_id"):
            sub = session.get(Submission, data["submission_id"])
            if sub is None or sub.year != year or sub.withdrawn:
                raise Problem(404, "There is no such submission in the review queue of this edition.")
            if conflicted(keys_of(expert), sub.organisation_key):
                raise Problem(409, f"Conflict of interest: {expert.name or expert.account_id} belongs to "
                              f"{sub.entity.get('name')!r}, which submitted this project.",
                              title="Conflict of interest")
            _refuse_if_closed(session, year, sub.category)
            excluded: list[str] = []
            row = _add(session, year=year, expert_id=expert.account_id, admin=admin, submission_id=sub.id)
        else:
            category = data["category"]
            edition_and_category(session, year, category)
            _refuse_if_closed(session, year, category)
            row = _add(session, year=year, expert_id=expert.account_id, admin=admin, category=category)
            excluded = [s.id for s in session.scalars(select(Submission).where(
                Submission.year == year, Submission.category == category, Submission.withdrawn.is_(False)))
                if conflicted(keys_of(expert), s.organisation_key)]
        document = assignment_document(row) if row else None
        if row is not None:
            audit.record(session, year=year, actor=audit.actor_of(admin), action="expert.assigned",
                         subject=row.scope, details={"assignment": document,
                                                     "left_out_for_conflict": excluded})
        return {"assignment": document, "already_assigned": row is None,
                "left_out_for_conflict": excluded}


def unassign(ctx: ServiceContext, year: int, assignment_id: int, admin: Principal) -> None:
    with ctx.db.transaction() as session:
        row = session.get(Assignment, assignment_id)
        if row is None or row.year != year:
            raise Problem(404, "There is no such assignment.")
        category = row.category or session.get(Submission, row.submission_id).category
        _refuse_if_closed(session, year, category)
        # Reviews the expert already made stay stored but stop counting (see ranking).
        audit.record(session, year=year, actor=audit.actor_of(admin), action="expert.unassigned",
                     subject=row.scope, details={"assignment": assignment_document(row)})
        session.delete(row)


def spread_evenly(ctx: ServiceContext, year: int, data: dict[str, Any], admin: Principal) -> dict[str, Any]:
    """One action: every submission of the chosen categories (all by default) gets the edition's
    number of reviewers, each time the least loaded expert without a conflict."""
    with ctx.db.transaction() as session:
        edition = edition_of(session, year)
        experts = [get_recorded(session, e) for e in dict.fromkeys(data["expert_ids"])]
        current = coverage(session, year)
        categories = set(data.get("categories") or {s.category for s in current.submissions.values()})
        for category in categories:
            edition_and_category(session, year, category)
        closed = {d.category for d in session.scalars(select(CategoryDecision).where(
            CategoryDecision.year == year, CategoryDecision.closed_at.is_not(None)))}
        if categories & closed:
            raise Problem(409, f"The chair closed {', '.join(sorted(categories & closed))}: reopen first.")
        needs = [Need(s.id, s.organisation_key, frozenset(current.reviewers[s.id]))
                 for s in current.submissions.values() if s.category in categories]
        reviewers = [Reviewer(e.account_id, keys_of(e), current.load(e.account_id)) for e in experts]
        result = spread(needs, reviewers, edition.reviewers_per_submission)
        rows = [_add(session, year=year, expert_id=e, admin=admin, submission_id=sid)
                for sid, e in result.pairs]
        created = [assignment_document(r) for r in rows if r is not None]
        audit.record(session, year=year, actor=audit.actor_of(admin), action="experts.spread",
                     subject=", ".join(sorted(categories)),
                     details={"experts": [e.account_id for e in experts], "assigned": len(created),
                              "per_submission": edition.reviewers_per_submission,
                              "short": dict(result.short)})
        after = coverage(session, year)
        return {"assigned": created, "per_submission": edition.reviewers_per_submission,
                "short": [{"submission_id": sid, "missing": n} for sid, n in sorted(result.short.items())],
                "load": {e.account_id: after.load(e.account_id) for e in experts}}


def overview(ctx: ServiceContext, year: int) -> dict[str, Any]:
    """Per submission: its reviewers, the reviews done, and whether it has enough reviewers."""
    with ctx.db.sessions() as session:
        edition = edition_of(session, year)
        cov = coverage(session, year)
        done: dict[str, set[str]] = defaultdict(set)
        for sid, eid in session.execute(select(Review.submission_id, Review.expert_id).where(
                Review.submission_id.in_(list(cov.submissions)))):
            done[sid].add(eid)
        rows = session.scalars(select(Assignment).where(Assignment.year == year).order_by(Assignment.id))
        need = edition.reviewers_per_submission
        submissions = [{
            "submission_id": s.id, "category": s.category, "title": s.title,
            "entity": s.entity.get("name", ""), "reviewers": sorted(cov.reviewers[s.id]),
            "reviews_done": sorted(done[s.id]), "enough_reviewers": len(cov.reviewers[s.id]) >= need,
        } for s in sorted(cov.submissions.values(), key=lambda s: (s.category, s.title))]
        return {"edition": year, "per_submission": need,
                "assignments": [assignment_document(a) for a in rows], "submissions": submissions,
                "load": {e: cov.load(e) for e in sorted(cov.experts)}}
