"""Winners of earlier editions, who are not eligible again (rule 11): recorded from
`winners.announced`, or imported by an admin for the editions before this platform."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from submission.domain import past_winners, similarity
from submission.domain.eligibility import project_text
from submission.domain.form import FormTemplate
from submission.models import Edition, PastWinner, Submission
from submission.service import fingerprints
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope
from wsis_common.text import title_key


def title_is_past_winner(session: Session, title: str) -> str | None:
    """'<title>, <year>' of a past winner with the same title, if any."""
    if not past_winners.may_match(title):
        return None
    winner = session.scalars(select(PastWinner).where(PastWinner.title_key == title_key(title))).first()
    return past_winners.named(winner.title, winner.year) if winner else None


def _record(session: Session, *, year: int, category: str, title: str, entity_name: str,
            description: str, source: str, submission_id: str | None, text: str) -> bool:
    known = select(PastWinner.id).where(PastWinner.submission_id == submission_id)
    if submission_id and session.scalar(known):
        return False
    session.add(PastWinner(year=year, category=category, title=title, title_key=title_key(title),
                           entity_name=entity_name, description=description, source=source,
                           submission_id=submission_id))
    if text.strip():
        # Wording only: a winner's "About us" paragraph would make its organisation's
        # next, different project look like it by anchors; no text of theirs to strip.
        sig = fingerprints.Signals(similarity.signature(text))
        fingerprints.add(session, scope=fingerprints.WINNERS, sig=sig, title=title,
                         label=f"{title}, winner {year} in {category}", submission_id=submission_id)
    return True


def on_winners_announced(session: Session, envelope: Envelope) -> None:
    """Handler of `winners.announced`: each winner becomes ineligible for later editions."""
    year = int(envelope.edition or 0)
    for result in envelope.payload.get("categories", []):
        winner = result["winner"]
        sub = session.get(Submission, winner["submission_id"])
        edition = session.get(Edition, sub.year) if sub else None
        text = (project_text(sub, FormTemplate.from_data(edition.form)) if sub and edition
                else past_winners.announced_text(winner["title"], winner.get("short_description", "")))
        _record(session, year=year, category=result["category"], title=winner["title"],
                entity_name=(winner.get("entity") or {}).get("name", ""),
                description=winner.get("short_description", ""), source="event",
                submission_id=winner["submission_id"], text=text)


def import_winners(ctx: ServiceContext, winners: list[dict[str, Any]]) -> int:
    """Admin import of earlier winners; returns how many were added."""
    added = 0
    with ctx.db.transaction() as session:
        for w in winners:
            known = session.scalar(select(PastWinner.id).where(
                PastWinner.title_key == title_key(w["title"]), PastWinner.year == w["year"]))
            if known:
                continue
            added += _record(session, year=w["year"], category=w["category"], title=w["title"],
                             entity_name=w.get("entity_name", ""), description=w.get("description", ""),
                             source="import", submission_id=None,
                             text=past_winners.imported_text(w["title"], w.get("description")))
    return added


def list_winners(ctx: ServiceContext) -> list[dict[str, Any]]:
    with ctx.db.sessions() as session:
        rows = session.scalars(select(PastWinner).order_by(PastWinner.year, PastWinner.category))
        return [{"year": w.year, "category": w.category, "title": w.title, "entity_name": w.entity_name,
                 "source": w.source} for w in rows]
