"""The service's copy of each edition: read it for the rules, keep it from `edition.updated`,
and put every moved date or changed parameter into the audit trail."""

from __future__ import annotations

from sqlalchemy.orm import Session

from review import models
from review.domain.edition import Edition, changes
from review.service import audit
from wsis_common.envelope import Envelope
from wsis_common.problems import Problem


def edition_of(session: Session, year: int) -> Edition:
    document = models.editions.get(session, year)
    if document is None:
        raise Problem(404, f"There is no {year} edition.")
    return Edition.of(document)


def edition_and_category(session: Session, year: int, category: str) -> Edition:
    """The edition, after checking that `category` is one of its categories."""
    edition = edition_of(session, year)
    if edition.categories and category not in edition.categories:
        raise Problem(404, f"{category} is not a category of the {year} edition.")
    return edition


def on_edition_updated(session: Session, envelope: Envelope) -> None:
    """Handler of `edition.updated`: keep the newest revision; audit what changed in it."""
    year = int(envelope.payload["edition"]["year"])
    before = models.editions.get(session, year)
    models.editions.store(session, envelope)
    after = models.editions.get(session, year)
    if after is None or (before is not None and before.get("revision") == after.get("revision")):
        return  # an older or repeated revision: nothing changed here
    changed = changes(before or {}, after)
    if before is None or changed:
        # The edition document does not say who changed it: the submission service's
        # edition history (GET /api/v1/editions/{year}/history) keeps the admin's id.
        actor = str(after.get("updated_by") or "an admin, through the submission service")
        audit.record(session, year=year, actor=actor,
                     action="edition.received" if before is None else "edition.changed",
                     subject=f"revision {after.get('revision')}", details=changed)
