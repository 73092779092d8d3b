"""An expert's work: the queue of submissions assigned to them, and their review of each
(a score per criterion on the edition's scale, a comment, the compliance verdict), which they
may change until the chair closes the category."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.domain.assignment import conflicted, keys_of
from review.domain.criteria import (
    NOMINATION_CRITERIA,
    SCORED_CRITERIA,
    Scale,
    expert_mean,
    review_errors,
)
from review.domain.edition import Edition
from review.models import Assignment, CategoryDecision, Expert, Review, Submission
from review.service.assignments import coverage, may_review
from review.service.editions import edition_of
from review.service.experts import seen
from wsis_common.auth import Principal
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.problems import Problem


def review_document(r: Review) -> dict[str, Any]:
    return {
        "submission_id": r.submission_id, "expert_id": r.expert_id, "complies": r.complies,
        "compliance_note": r.compliance_note, "scores": r.scores, "comment": r.comment,
        "mean": round(expert_mean(r.scores), 3), "scale": {"min": r.scale_min, "max": r.scale_max},
        "revision": r.revision, "created_at": r.created_at.isoformat(),
        "updated_at": r.updated_at.isoformat(),
    }


def submission_view(sub: Submission) -> dict[str, Any]:
    """What an expert reads of a submission."""
    return {"submission_id": sub.id, "edition": sub.year, "category": sub.category,
            "category_name": sub.category_name, "title": sub.title, "entity": sub.entity,
            "short_description": sub.short_description, "texts": sub.texts, "sdgs": sub.sdgs,
            "sdg_links": sub.sdg_links or {}, "project_status": sub.project_status or None}


def _closed(session: Session, year: int, category: str) -> bool:
    decision = session.get(CategoryDecision, (year, category))
    return decision is not None and decision.closed_at is not None


def _scale_doc(scale: Scale) -> dict[str, int]:
    return {"min": scale.low, "max": scale.high}


def queue(ctx: ServiceContext, principal: Principal, year: int | None,
          submission_id: str | None = None) -> dict[str, Any]:
    """The expert's queue; with `submission_id`, that one item alone (none when it is not
    theirs), with the same criteria, scale and state, for the review sheet of one project."""
    with ctx.db.transaction() as session:
        expert = seen(session, principal)
        years = set(session.scalars(select(Assignment.year).where(Assignment.expert_id == expert.account_id)))
        if year is not None:
            years &= {year}
        if submission_id is not None:
            wanted = session.get(Submission, submission_id)
            years &= {wanted.year} if wanted is not None else set()
        mine = {r.submission_id: r for r in session.scalars(
            select(Review).where(Review.expert_id == expert.account_id))}
        items = []
        editions: dict[int, dict[str, Any]] = {}
        for y in sorted(years):
            cov = coverage(session, y)
            assigned = [cov.submissions[sid] for sid, experts in cov.reviewers.items()
                        if expert.account_id in experts and submission_id in (None, sid)]
            if submission_id is not None and not assigned:
                continue  # says nothing of a submission that is not the expert's
            edition = edition_of(session, y)
            editions[y] = {"reviews_open_at": edition.at("nomination_opens"),
                           "scale": _scale_doc(edition.scale)}
            for sub in sorted(assigned, key=lambda s: (s.category, s.title)):
                sid = sub.id
                review = mine.get(sid)
                items.append({**submission_view(sub), "closed": _closed(session, y, sub.category),
                              "reviewed": review is not None,
                              "my_review": review_document(review) if review else None})
        return {"expert_id": expert.account_id, "criteria": dict(NOMINATION_CRITERIA),
                "scored_criteria": list(SCORED_CRITERIA), "editions": editions, "items": items,
                "to_do": sum(1 for i in items if i["my_review"] is None and not i["closed"])}


def _reviewable(session: Session, expert: Expert, submission_id: str) -> tuple[Submission, Edition]:
    sub = session.get(Submission, submission_id)
    if sub is None or sub.withdrawn:
        raise Problem(404, "There is no such submission in the review queue.")
    edition = edition_of(session, sub.year)
    if conflicted(keys_of(expert), sub.organisation_key):
        raise Problem(403, "Conflict of interest: you belong to the organisation that submitted this "
                      "project, so you cannot review it.", title="Conflict of interest")
    if not may_review(session, expert, sub):
        raise Problem(403, "This submission is not assigned to you.")
    now = clock.now()
    if not edition.reviews_open(now):
        raise Problem(403, f"Reviews open on {edition.at('nomination_opens')}.", title="Not open yet")
    if _closed(session, sub.year, sub.category):
        raise Problem(409, f"The chair closed {sub.category}: its scores are final.", title="Category closed")
    return sub, edition


def put_review(ctx: ServiceContext, principal: Principal, submission_id: str,
               data: dict[str, Any]) -> dict[str, Any]:
    with ctx.db.transaction() as session:
        expert = seen(session, principal)
        sub, edition = _reviewable(session, expert, submission_id)
        errors = review_errors(complies=data["complies"], compliance_note=data.get("compliance_note", ""),
                               scores=data["scores"], comment=data["comment"], scale=edition.scale)
        if errors:
            raise Problem(422, "The review is not complete: see `errors` for every field and reason.",
                          title="Invalid review", errors=errors)
        now = clock.now()
        review = session.get(Review, (sub.id, expert.account_id), with_for_update=True)
        if review is None:
            review = Review(submission_id=sub.id, expert_id=expert.account_id, revision=0, created_at=now)
            session.add(review)
        review.complies = data["complies"]
        review.compliance_note = data.get("compliance_note", "") if not data["complies"] else ""
        review.scores = {name: data["scores"][name] for name in SCORED_CRITERIA}
        review.comment = data["comment"]
        review.scale_min, review.scale_max = edition.scale.low, edition.scale.high
        review.revision += 1
        review.updated_at = now
        session.flush()
        return review_document(review)


def read_reviews(ctx: ServiceContext, principal: Principal, submission_id: str) -> dict[str, Any]:
    """An expert reads their own review; the chair (admin) reads every review of the submission."""
    with ctx.db.sessions() as session:
        sub = session.get(Submission, submission_id)
        if sub is None:
            raise Problem(404, "There is no such submission in the review queue.")
        query = select(Review).where(Review.submission_id == submission_id)
        if not principal.has("admin"):
            query = query.where(Review.expert_id == principal.account_id)
        reviews = [review_document(r) for r in session.scalars(query.order_by(Review.created_at))]
        if not reviews and not principal.has("admin"):
            raise Problem(404, "You have not reviewed this submission.")
        return {**submission_view(sub), "reviews": reviews}
