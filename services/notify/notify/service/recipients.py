"""Who a mail goes to, in which language, and which edition it speaks of. An event names a
submission or an address; these fill in the rest from what notify kept of earlier events: the
contacts of each accepted submission, the language each person chose, its copy of each
edition. They read (and `remember_language` writes) in the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from notify import domain, models
from notify.domain import Recipient
from notify.domain.compose import EditionView
from notify.models import Contact, RecipientLanguage
from wsis_common.clock import clock
from wsis_common.envelope import Envelope
from wsis_common.languages import known


class UnknownSubmission(LookupError):
    """An event names a submission whose `submission.accepted` never reached us: there is no
    one to write to. Raised so that the event is retried, then dead-lettered (kept, visible)."""


def edition_view(session: Session, year: int | None) -> EditionView:
    return EditionView.of(year, models.editions.get(session, year) if year else None)


def contacts(session: Session, submission_ids: Iterable[str], *,
             all_known: bool = True) -> dict[str, Contact]:
    """The contacts of these submissions; with `all_known`, an unknown one fails the event."""
    wanted = set(submission_ids)
    found = {c.submission_id: c for c in
             session.scalars(select(Contact).where(Contact.submission_id.in_(wanted)))}
    missing = wanted - found.keys()
    if missing and all_known:
        raise UnknownSubmission(f"no submission.accepted seen for {sorted(missing)}")
    return found


def contact(found: dict[str, Contact], submission_id: str) -> Contact:
    """One item's contact: an unknown submission fails that item alone."""
    if submission_id not in found:
        raise UnknownSubmission(f"no submission.accepted seen for {submission_id}")
    return found[submission_id]


def languages(session: Session, emails: Iterable[str]) -> dict[str, str]:
    """The chosen language of each address that has one (normalised address -> code):
    one query for a whole batch of mails."""
    wanted = {domain.normalise_email(e) for e in emails}
    rows = session.execute(select(RecipientLanguage.email, RecipientLanguage.language)
                           .where(RecipientLanguage.email.in_(wanted)))
    return {email: known(language) for email, language in rows}


def language_of(chosen: dict[str, str], email: str) -> str:
    return chosen.get(domain.normalise_email(email), known(None))


def _coordinator(contact: Contact, chosen: dict[str, str]) -> Recipient:
    return Recipient(contact.coordinator_name, contact.coordinator_email, ("coordinator",),
                     language_of(chosen, contact.coordinator_email))


def coordinators(session: Session, of: Iterable[Contact]) -> dict[str, Recipient]:
    """Submission id -> its coordinator, in the language the coordinator chose."""
    of = list(of)
    chosen = languages(session, (c.coordinator_email for c in of))
    return {c.submission_id: _coordinator(c, chosen) for c in of}


def coordinator_of(session: Session, envelope: Envelope, submission_id: str
                   ) -> tuple[Recipient, Contact, EditionView]:
    """An event about one submission: its coordinator (in the language they chose), its contact
    and its edition (the event's, else the submission's)."""
    found = contacts(session, [submission_id])[submission_id]
    edition = edition_view(session, envelope.edition or found.edition)
    return coordinators(session, [found])[submission_id], found, edition


def account_language(session: Session, account_id: str | None) -> str | None:
    """The language notify kept for an account (its latest), None when it kept none."""
    if not account_id:
        return None
    chosen = session.scalar(select(RecipientLanguage.language)
                            .where(RecipientLanguage.account_id == account_id)
                            .order_by(RecipientLanguage.updated_at.desc()).limit(1))
    return known(chosen) if chosen else None


def account_holder(session: Session, payload: dict[str, Any]) -> Recipient:
    """The person an account mail goes to, in their language: the one the event carries
    (the gateway's own record, right even before notify heard of the account), else the one
    notify kept for the account, else for the address, else English."""
    if payload.get("language"):
        language = known(payload["language"])
    else:  # an older producer's event: what notify kept of the account or the address
        language = (account_language(session, payload.get("account_id"))
                    or language_of(languages(session, [payload["email"]]), payload["email"]))
    return Recipient(payload["user_name"], payload["email"], ("account",), language)


def submitter_language(session: Session, payload: dict[str, Any], chosen: dict[str, str]) -> str:
    """The submitter is an account: its language, found by the account (the address the
    submission names may differ from the account's), else by the address."""
    return (account_language(session, payload.get("submitter_account_id"))
            or language_of(chosen, payload["submitter"]["email"]))


def remember_language(session: Session, *, email: str, account_id: str | None, language: str) -> None:
    session.merge(RecipientLanguage(email=domain.normalise_email(email), account_id=account_id,
                                    language=known(language), updated_at=clock.now()))
