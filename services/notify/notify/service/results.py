"""The mails of the results: each finalist's coordinator when the vote closes; the expert
group's decision, confidential, to the winner's coordinator alone; and the announcement to
every finalist's coordinator once the ceremony has begun."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from notify.config import MailSettings
from notify.domain import OutgoingMail
from notify.domain.compose import Composer
from notify.service import recipients
from notify.service.outgoing import queue_all, queue_each
from wsis_common.envelope import Envelope

log = logging.getLogger(__name__)


def voting_closed(settings: MailSettings, session: Session, envelope: Envelope) -> None:
    finalists = [(c["category"], f) for c in envelope.payload["categories"] for f in c["finalists"]]
    contacts = recipients.contacts(session, [f["submission_id"] for _, f in finalists], all_known=False)
    coordinators = recipients.coordinators(session, contacts.values())
    edition = recipients.edition_view(session, envelope.edition)

    def finalist(placed: tuple[str, dict[str, Any]]) -> OutgoingMail:
        category, f = placed
        contact = recipients.contact(contacts, f["submission_id"])
        return Composer(settings.public_url).finalist(
            coordinators[f["submission_id"]], edition, submission_id=f["submission_id"],
            title=contact.title, category=category, category_name=contact.category_name,
            votes=int(f["votes"]), rank=int(f["rank"]))

    queue_each(session, settings, envelope, finalists, finalist,
               describe=lambda placed: f"submission {placed[1]['submission_id']}")


def winner_selected(settings: MailSettings, session: Session, envelope: Envelope) -> None:
    p = envelope.payload
    coordinator, contact, edition = recipients.coordinator_of(session, envelope, p["submission_id"])
    # To the coordinator alone: the submitter and everyone else learn it at the ceremony.
    queue_all(session, settings, envelope, [Composer(settings.public_url).winner_notice(
        coordinator, edition,
        submission_id=p["submission_id"], title=p["title"],
        category=p["category"], category_name=contact.category_name)])
    log.info("winner notice queued for one submission of %s", edition.name())


def winners_announced(settings: MailSettings, session: Session, envelope: Envelope) -> None:
    results = envelope.payload["categories"]
    placed: list[tuple[str, dict[str, Any], bool]] = []
    for result in results:
        placed.append((result["category"], result["winner"], True))
        placed.extend((result["category"], champion, False) for champion in result["champions"])
    contacts = recipients.contacts(session, [n["submission_id"] for _, n, _ in placed], all_known=False)
    names = {sid: c.category_name for sid, c in contacts.items()}
    winners = [{"category": r["category"], "title": r["winner"]["title"],
                "category_name": names.get(r["winner"]["submission_id"])} for r in results]
    coordinators = recipients.coordinators(session, contacts.values())
    edition = recipients.edition_view(session, envelope.edition)

    def announcement(one: tuple[str, dict[str, Any], bool]) -> OutgoingMail:
        category, n, won = one
        contact = recipients.contact(contacts, n["submission_id"])
        return Composer(settings.public_url).announcement(
            coordinators[n["submission_id"]], edition, submission_id=n["submission_id"],
            title=n["title"], category=category, category_name=contact.category_name, won=won,
            winners=winners)

    queue_each(session, settings, envelope, placed, announcement,
               describe=lambda one: f"submission {one[1]['submission_id']}")
