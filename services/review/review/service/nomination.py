"""The chair's part of phase 2: the ranking of a category, closing it (scores become final),
and confirming its nominee list. Only the reviews of experts who currently may review a
submission count: one unassigned, or found in conflict of interest later, no longer does."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from review.domain import ranking
from review.domain.criteria import SCORED_CRITERIA, expert_mean
from review.domain.edition import Edition
from review.domain.nominees import NomineeListError, choose
from review.models import CategoryDecision, Expert, Nominee, Publication, Review, Submission
from review.service import audit
from review.service.assignments import coverage
from review.service.editions import edition_and_category
from wsis_common.auth import Principal
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.problems import Problem


@dataclass(frozen=True)
class CategoryRanking:
    edition: Edition
    standings: list[ranking.Standing]
    submissions: dict[str, Submission]
    reviews: dict[str, list[Review]]


def decision_of(session: Session, year: int, category: str, *, lock: bool = False) -> CategoryDecision:
    """The category's decision row, created if missing. Concurrent first requests (six admins
    closing at once) each insert it: ON CONFLICT DO NOTHING lets the first insert win and the
    others wait for it, then take their turn on its row lock, instead of a duplicate-key 500."""
    session.execute(pg_insert(CategoryDecision).values(year=year, category=category)
                    .on_conflict_do_nothing(index_elements=["year", "category"]))
    decision = session.get(CategoryDecision, (year, category), with_for_update=lock,
                           populate_existing=True)
    assert decision is not None  # inserted above, or by a committed concurrent request
    return decision


def published(session: Session, year: int, kind: str) -> Publication | None:
    return session.get(Publication, (year, kind))


def category_ranking(session: Session, edition: Edition, category: str) -> CategoryRanking:
    cov = coverage(session, edition.year)
    subs = {sid: s for sid, s in cov.submissions.items() if s.category == category}
    counted: dict[str, list[Review]] = defaultdict(list)
    for review in session.scalars(select(Review).where(Review.submission_id.in_(list(subs)))):
        if review.expert_id in cov.reviewers[review.submission_id]:
            counted[review.submission_id].append(review)
    candidates = [ranking.Candidate(sid, s.title, [
        ranking.Sheet(r.expert_id, r.complies, r.compliance_note, r.scores) for r in counted[sid]])
        for sid, s in subs.items()]
    standings = ranking.rank(candidates, required=edition.reviewers_per_submission, scale=edition.scale)
    return CategoryRanking(edition, standings, subs, counted)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _standing_document(s: ranking.Standing, cr: CategoryRanking, names: dict[str, str]) -> dict[str, Any]:
    sub = cr.submissions[s.submission_id]
    return {
        "rank": s.rank, "submission_id": s.submission_id, "title": s.title,
        "entity": sub.entity.get("name", ""), "score": _round(s.score),
        "criteria": {c: _round(v) for c, v in s.criteria.items()},
        "reviews": s.reviews, "required": s.required, "complete": s.complete, "eligible": s.eligible,
        "stdev": _round(s.stdev), "range": _round(s.range), "large_disagreement": s.large_disagreement,
        "out": s.out, "out_reasons": s.out_reasons,
        # Each expert's own sheet, so that the chair sees where a disagreement comes from.
        "experts": [{"expert_id": r.expert_id, "name": names.get(r.expert_id) or r.expert_id,
                     "mean": _round(expert_mean(r.scores)), "complies": r.complies,
                     "compliance_note": r.compliance_note, "scores": dict(r.scores)}
                    for r in cr.reviews[s.submission_id]],
    }


def ranking_of(ctx: ServiceContext, year: int, category: str) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        edition = edition_and_category(session, year, category)
        cr = category_ranking(session, edition, category)
        decision = session.get(CategoryDecision, (year, category))
        nominees = nominee_ids(session, year, category)
        names = {row.account_id: row.name for row in session.execute(select(Expert.account_id, Expert.name))}
        return {
            "edition": year, "category": category, "aggregation": ranking.AGGREGATION,
            "scale": {"min": edition.scale.low, "max": edition.scale.high},
            "criteria": list(SCORED_CRITERIA), "per_submission": edition.reviewers_per_submission,
            "nominees_per_category": edition.nominees_per_category,
            "closed": bool(decision and decision.closed_at),
            "nominees_confirmed": bool(decision and decision.nominees_confirmed_at),
            "nominees": list(nominees),
            "standings": [_standing_document(s, cr, names) for s in cr.standings],
        }


def _refuse_after_publication(session: Session, year: int) -> None:
    if published(session, year, "nominees") is not None:
        raise Problem(409, f"The {year} nominee lists are published: they are final.")


def close_category(ctx: ServiceContext, year: int, category: str, admin: Principal) -> dict[str, Any]:
    """Scores become final. Every submission must have its reviews first."""
    with ctx.db.transaction() as session:
        edition = edition_and_category(session, year, category)
        _refuse_after_publication(session, year)
        decision = decision_of(session, year, category, lock=True)
        if decision.closed_at is None:
            incomplete = [{"submission_id": s.submission_id, "title": s.title, "reviews": s.reviews,
                           "required": s.required}
                          for s in category_ranking(session, edition, category).standings if not s.complete]
            if incomplete:
                raise Problem(409, f"{len(incomplete)} submission(s) of {category} lack reviews: see "
                              "`incomplete`.", title="Reviews missing", incomplete=incomplete)
            decision.closed_at, decision.closed_by = clock.now(), admin.account_id
            audit.record(session, year=year, actor=audit.actor_of(admin), action="category.closed",
                         subject=category)
        return {"category": category, "closed_at": decision.closed_at.isoformat()}


def reopen_category(ctx: ServiceContext, year: int, category: str, admin: Principal) -> dict[str, Any]:
    """Scores can change again; a confirmed nominee list must then be confirmed again."""
    with ctx.db.transaction() as session:
        edition_and_category(session, year, category)
        _refuse_after_publication(session, year)
        decision = decision_of(session, year, category, lock=True)
        if decision.closed_at is not None:
            dropped = _drop_nominees(session, year, category)
            decision.closed_at = decision.closed_by = None
            decision.nominees_confirmed_at = decision.nominees_confirmed_by = None
            audit.record(session, year=year, actor=audit.actor_of(admin), action="category.reopened",
                         subject=category, details={"nominee_list_withdrawn": dropped})
        return {"category": category, "closed_at": None}


def nominee_ids(session: Session, year: int, category: str) -> list[str]:
    """The confirmed list, best score first."""
    return list(session.scalars(select(Nominee.submission_id).where(
        Nominee.year == year, Nominee.category == category)
        .order_by(Nominee.score.desc().nulls_last(), Nominee.submission_id)))


def _drop_nominees(session: Session, year: int, category: str) -> list[str]:
    ids = nominee_ids(session, year, category)
    session.execute(delete(Nominee).where(Nominee.year == year, Nominee.category == category))
    return ids


def confirm_nominees(ctx: ServiceContext, year: int, category: str, chosen: list[str] | None,
                     admin: Principal) -> dict[str, Any]:
    """The chair confirms the list: `chosen`, or (None) the top N of the ranking."""
    with ctx.db.transaction() as session:
        edition = edition_and_category(session, year, category)
        _refuse_after_publication(session, year)
        decision = decision_of(session, year, category, lock=True)
        if decision.closed_at is None:
            raise Problem(409, f"Close {category} first: the list is confirmed on final scores.")
        cr = category_ranking(session, edition, category)
        try:
            ids = choose(cr.standings, edition.nominees_per_category, chosen)
        except NomineeListError as exc:
            raise Problem(422, "The nominee list cannot be confirmed: see `errors`.",
                          title="Invalid nominee list", errors={"submission_ids": exc.reasons}) from exc
        before = _drop_nominees(session, year, category)
        scores = {s.submission_id: s.score for s in cr.standings}
        session.add_all(Nominee(year=year, category=category, submission_id=sid, score=scores[sid])
                        for sid in ids)
        decision.nominees_confirmed_at, decision.nominees_confirmed_by = clock.now(), admin.account_id
        top = [s.submission_id for s in cr.standings if s.eligible][:len(ids)]
        audit.record(session, year=year, actor=audit.actor_of(admin), action="nominees.confirmed",
                     subject=category, details={
                         "before": before, "after": ids,
                         "titles": {sid: cr.submissions[sid].title for sid in ids},
                         "outside_the_ranking_top": [sid for sid in ids if sid not in top]})
        return {"category": category, "nominees": ids,
                "confirmed_at": decision.nominees_confirmed_at.isoformat(),
                "publication_at": edition.at("nominees_published_at")}


def nominee_blockers(session: Session, edition: Edition) -> list[str]:
    """What keeps the edition's nominee lists from being published (empty: ready)."""
    categories = sorted(set(session.scalars(select(Submission.category).where(
        Submission.year == edition.year, Submission.withdrawn.is_(False)))))
    blockers = []
    for category in categories:
        decision = session.get(CategoryDecision, (edition.year, category))
        if decision is None or decision.nominees_confirmed_at is None:
            blockers.append(f"{category}: the nominee list is not confirmed")
            continue
        confirmed = nominee_ids(session, edition.year, category)
        try:  # the edition's N may have changed, or a nominee been withdrawn, since
            choose(category_ranking(session, edition, category).standings, edition.nominees_per_category,
                   confirmed)
        except NomineeListError as exc:
            blockers.append(f"{category}: confirm the list again ({'; '.join(exc.reasons)})")
    return blockers
