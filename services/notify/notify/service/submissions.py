"""The mails of a submission's way through review: the receipt when it is accepted (to its
coordinator and its submitter, one mail when they are the same person), whose contacts notify
keeps for every later mail about it; and the outcome of its review, to its coordinator."""

from __future__ import annotations

from sqlalchemy.orm import Session

from notify import domain
from notify.config import MailSettings
from notify.domain import Recipient
from notify.domain.compose import Composer
from notify.models import Contact
from notify.service import recipients
from notify.service.outgoing import queue_all
from wsis_common.clock import clock
from wsis_common.envelope import Envelope


def submission_accepted(settings: MailSettings, session: Session, envelope: Envelope) -> None:
    p = envelope.payload
    chosen = recipients.languages(session, [p["coordinator"]["email"], p["submitter"]["email"]])
    coordinator = Recipient(p["coordinator"]["name"], p["coordinator"]["email"],
                            language=recipients.language_of(chosen, p["coordinator"]["email"]))
    submitter = Recipient(p["submitter"]["name"], p["submitter"]["email"],
                          language=recipients.submitter_language(session, p, chosen))
    session.merge(Contact(
        submission_id=p["submission_id"], edition=envelope.edition, category=p["category"],
        category_name=p.get("category_name"), title=p["title"], entity_name=p["entity"]["name"],
        coordinator_name=coordinator.name, coordinator_email=coordinator.email,
        submitter_name=submitter.name, submitter_email=submitter.email,
        received_at=clock.now(),
    ))
    edition = recipients.edition_view(session, envelope.edition)
    composer = Composer(settings.public_url)
    queue_all(session, settings, envelope, (
        composer.receipt(to, edition, submission_id=p["submission_id"], title=p["title"],
                         category=p["category"], category_name=p.get("category_name"),
                         entity=p["entity"]["name"], coordinator=coordinator, submitter=submitter)
        for to in domain.receipt_recipients(coordinator, submitter)
    ))


def review_outcome(settings: MailSettings, session: Session, envelope: Envelope) -> None:
    p = envelope.payload
    coordinator, contact, edition = recipients.coordinator_of(session, envelope, p["submission_id"])
    queue_all(session, settings, envelope, [Composer(settings.public_url).review_outcome(
        coordinator, edition,
        submission_id=p["submission_id"], title=p["title"],
        category=p["category"], category_name=contact.category_name,
        nominated=bool(p["nominated"]))])
