"""What anyone may read: the nominee lists once the worker published them, and the results:
every finalist a "champion" until the winners are announced at the ceremony, then the winners.

Before the announcement the winners table is not even read on this path: nothing here can
tell the winner apart, however it is called."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.domain.edition import Edition
from review.domain.results import in_title_order, public_finalists
from review.models import Finalist, Nominee, Submission
from review.service.editions import edition_of
from review.service.nomination import published
from review.service.publishing import NOMINEES, WINNERS, nominee_entry, winners_by_category
from wsis_common.context import ServiceContext
from wsis_common.problems import Problem

Arrange = Callable[[list[dict[str, Any]], str], list[dict[str, Any]]]


def nominees(ctx: ServiceContext, year: int) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        edition = edition_of(session, year)
        publication = published(session, year, NOMINEES)
        if publication is None:
            when = edition.at("nominees_published_at")
            raise Problem(404, f"The {year} nominee list is published on {when}.", title="Not published yet",
                          published_at=when)
        subs = session.scalars(select(Submission).join(Nominee, Nominee.submission_id == Submission.id)
                               .where(Nominee.year == year)).all()
        return {"year": year, "published_at": publication.published_at.isoformat(),
                "categories": _grouped(edition, subs, lambda entries, _cat: in_title_order(entries),
                                       "nominees")}


def results(ctx: ServiceContext, year: int) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        edition = edition_of(session, year)
        subs = session.scalars(select(Submission).join(Finalist, Finalist.submission_id == Submission.id)
                               .where(Finalist.year == year)).all()
        if not subs:
            raise Problem(404, f"The {year} finalists are known when the vote closes "
                          f"({edition.at('voting_closes')}).", title="No finalists yet")
        announced = published(session, year, WINNERS) is not None
        winners = winners_by_category(session, year) if announced else {}
        categories = _grouped(edition, subs, lambda entries, cat: public_finalists(
            entries, winners.get(cat), announced=announced), "finalists")
        if announced:  # from the ceremony on, also as `winner` and `champions`
            for category in categories:
                category["winner"], *category["champions"] = category["finalists"]
        return {"year": year, "announced": announced, "ceremony_at": edition.at("ceremony_at"),
                "categories": categories}


def _grouped(edition: Edition, subs: Sequence[Submission], arrange: Arrange,
             key: str) -> list[dict[str, Any]]:
    names = {s.category: s.category_name for s in subs if s.category_name}
    by_category: dict[str, list[dict[str, Any]]] = {}
    for sub in subs:
        by_category.setdefault(sub.category, []).append(dict(nominee_entry(sub)))
    return [{"category": cat, "category_name": names.get(cat, ""), key: arrange(by_category[cat], cat)}
            for cat in edition.in_order(by_category)]


def is_announced(session: Session, year: int) -> bool:
    return published(session, year, WINNERS) is not None
