"""The worker's time-based transitions (PeriodicJobs), each idempotent: a `publications` row
per edition and kind is inserted in the same transaction as the outbox events, so a second
run, or a second worker, publishes nothing new.

- at `nominees_published_at`: `nominees.published` and one `review.outcome` per reviewed
  submission, once every category's nominee list is confirmed; never before that instant,
  whatever was confirmed;
- at `ceremony_at`: `winners.announced`, once every category with finalists has its winner.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from review import models
from review.domain.edition import Edition
from review.domain.results import winners_missing
from review.models import Finalist, Nominee, Publication, Review, Submission, Winner
from review.service import audit
from review.service.nomination import nominee_blockers
from wsis_common import contracts
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.messaging import publish

log = logging.getLogger(__name__)
PRODUCER = "review"
NOMINEES, WINNERS = "nominees", "winners"

_warned: set[tuple[int, str, tuple[str, ...]]] = set()  # say each blocker once per process


def nominee_entry(sub: Submission) -> contracts.Nominee:
    return {"submission_id": sub.id, "title": sub.title, "short_description": sub.short_description,
            "entity": {k: str(sub.entity.get(k, "")) for k in ("name", "type", "country")}}


def _editions(session: Session) -> list[Edition]:
    return [Edition.of(doc) for doc in session.scalars(select(models.editions.table.c.document))]


def _due(ctx: ServiceContext, kind: str, is_due: Callable[[Edition], bool]) -> list[int]:
    with ctx.db.sessions() as session:
        done = set(session.scalars(select(Publication.year).where(Publication.kind == kind)))
        return [e.year for e in _editions(session) if e.year not in done and is_due(e)]


def _run(ctx: ServiceContext, year: int, kind: str,
         body: Callable[[Session, Edition], list[str] | None]) -> bool:
    """One publication in one transaction; `body` returns blockers (nothing is published then)."""
    try:
        with ctx.db.transaction() as session:
            session.add(Publication(year=year, kind=kind, published_at=clock.now()))
            session.flush()  # a concurrent worker's row makes this fail: it published already
            edition = Edition.of(models.editions.get(session, year))
            blockers = body(session, edition)
            if blockers:
                key = (year, kind, tuple(blockers))
                if key not in _warned:
                    _warned.add(key)
                    log.warning("%s of %d waits: %s", kind, year, "; ".join(blockers))
                raise _Waiting
    except _Waiting:
        return False
    except IntegrityError:
        log.info("%s of %d was published by another worker", kind, year)
        return False
    log.info("published the %s of %d", kind, year)
    return True


class _Waiting(Exception):
    pass


# -- nominees --

def publish_nominees(ctx: ServiceContext) -> int:
    now = clock.now()
    due = _due(ctx, NOMINEES, lambda e: e.nominees_due(now))
    return sum(_run(ctx, year, NOMINEES, _publish_nominees) for year in due)


def _publish_nominees(session: Session, edition: Edition) -> list[str] | None:
    if blockers := nominee_blockers(session, edition):
        return blockers
    year = edition.year
    nominated = {sid: cat for cat, sid in session.execute(
        select(Nominee.category, Nominee.submission_id).where(Nominee.year == year))}
    subs = {s.id: s for s in session.scalars(select(Submission).where(
        Submission.year == year, Submission.withdrawn.is_(False)))}
    by_category: dict[str, list[contracts.Nominee]] = defaultdict(list)
    for sid in nominated:
        by_category[subs[sid].category].append(nominee_entry(subs[sid]))
    payload: contracts.NomineesPublished = {"categories": [
        {"category": cat, "nominees": sorted(entries, key=lambda n: n["title"].casefold())}
        for cat, entries in sorted(by_category.items())]}
    publish(session, models.messages, type=contracts.NOMINEES_PUBLISHED, producer=PRODUCER,
            payload=dict(payload), edition=year)
    reviewed = set(session.scalars(select(Review.submission_id).where(Review.submission_id.in_(list(subs)))))
    for sid in sorted(reviewed):
        outcome: contracts.ReviewOutcome = {"submission_id": sid, "category": subs[sid].category,
                                            "title": subs[sid].title, "nominated": sid in nominated}
        publish(session, models.messages, type=contracts.REVIEW_OUTCOME, producer=PRODUCER,
                payload=dict(outcome), edition=year)
    audit.record(session, year=year, actor=audit.WORKER, action="nominees.published",
                 details={"nominees": len(nominated), "outcomes": len(reviewed),
                          "categories": sorted(by_category)})
    return None


# -- winners --

def announce_winners(ctx: ServiceContext) -> int:
    now = clock.now()
    due = _due(ctx, WINNERS, lambda e: e.ceremony_passed(now))
    return sum(_run(ctx, year, WINNERS, _announce) for year in due)


def winners_by_category(session: Session, year: int) -> dict[str, str]:
    query = select(Winner.category, Winner.submission_id).where(Winner.year == year)
    return dict(session.execute(query).all())


def finalists_by_category(session: Session, year: int) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for cat, sid in session.execute(select(Finalist.category, Finalist.submission_id)
                                    .where(Finalist.year == year).order_by(Finalist.rank)):
        found[cat].append(sid)
    return dict(found)


def _announce(session: Session, edition: Edition) -> list[str] | None:
    year = edition.year
    finalists = finalists_by_category(session, year)
    if not finalists:
        return ["no finalists yet (voting.closed has not arrived)"]
    winners = winners_by_category(session, year)
    missing = winners_missing(finalists, winners)
    if missing:
        return missing
    subs = {s.id: s for s in session.scalars(select(Submission).where(
        Submission.id.in_([sid for ids in finalists.values() for sid in ids])))}
    results: list[contracts.CategoryResult] = [
        {"category": cat, "winner": nominee_entry(subs[winners[cat]]),
         "champions": sorted((nominee_entry(subs[sid]) for sid in ids if sid != winners[cat]),
                             key=lambda n: n["title"].casefold())}
        for cat, ids in sorted(finalists.items())]
    payload: contracts.WinnersAnnounced = {"categories": results}
    publish(session, models.messages, type=contracts.WINNERS_ANNOUNCED, producer=PRODUCER,
            payload=dict(payload), edition=year)
    audit.record(session, year=year, actor=audit.WORKER, action="winners.announced",
                 details={"categories": sorted(finalists)})
    return None


def publication_state(session: Session, year: int) -> dict[str, Any]:
    return {p.kind: p.published_at.isoformat() for p in session.scalars(
        select(Publication).where(Publication.year == year))}
