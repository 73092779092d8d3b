"""The chair's overview of an edition: where each category stands, and what the worker's
publications wait for."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.domain.edition import Edition
from review.domain.results import winners_missing
from review.models import CategoryDecision, Nominee, Submission
from review.service.editions import edition_of
from review.service.nomination import category_ranking, nominee_blockers
from review.service.publishing import finalists_by_category, publication_state, winners_by_category
from wsis_common.context import ServiceContext


def edition_status(ctx: ServiceContext, year: int) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        edition = edition_of(session, year)
        decisions = {d.category: d for d in session.scalars(
            select(CategoryDecision).where(CategoryDecision.year == year))}
        nominee_counts: dict[str, int] = {}
        for category in session.scalars(select(Nominee.category).where(Nominee.year == year)):
            nominee_counts[category] = nominee_counts.get(category, 0) + 1
        finalists, winners = finalists_by_category(session, year), winners_by_category(session, year)
        categories = []
        for category in sorted({*decisions, *finalists, *_categories_with_submissions(session, edition)}):
            standings = category_ranking(session, edition, category).standings
            decision = decisions.get(category)
            categories.append({
                "category": category, "submissions": len(standings),
                "fully_reviewed": sum(s.complete for s in standings),
                "eligible": sum(s.eligible for s in standings), "out": sum(s.out for s in standings),
                "closed": bool(decision and decision.closed_at),
                "nominees": nominee_counts.get(category, 0),
                "nominees_confirmed": bool(decision and decision.nominees_confirmed_at),
                "finalists": len(finalists.get(category, [])), "winner_picked": category in winners,
            })
        return {"edition": year, "phases": {k: v.isoformat() for k, v in edition.phases.items()},
                "published": publication_state(session, year),
                "nominee_publication_waits_for": nominee_blockers(session, edition),
                "announcement_waits_for": winners_missing(finalists, winners),
                "categories": categories}


def _categories_with_submissions(session: Session, edition: Edition) -> set[str]:
    return set(session.scalars(select(Submission.category).where(
        Submission.year == edition.year, Submission.withdrawn.is_(False))))
