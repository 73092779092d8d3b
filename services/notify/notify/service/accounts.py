"""The mails of an account, from the gateway's events: confirming the address, choosing a new
password, a second registration of a known address. And the language a person chose, which
every later mail to them follows."""

from __future__ import annotations

from sqlalchemy.orm import Session

from notify.config import MailSettings
from notify.domain import Recipient
from notify.domain.compose import Composer
from notify.service import recipients
from notify.service.outgoing import queue_all
from wsis_common.envelope import Envelope
from wsis_common.languages import known


def stakeholder_registered(settings: MailSettings, session: Session, envelope: Envelope) -> None:
    p = envelope.payload
    if p.get("language"):
        recipients.remember_language(session, email=p["email"], account_id=p.get("account_id"),
                                     language=p["language"])
        language = known(p["language"])
    else:  # a producer that does not say: what we know of the address, else English
        language = recipients.language_of(recipients.languages(session, [p["email"]]), p["email"])
    to = Recipient(p["user_name"], p["email"], ("account",), language)
    mail = Composer(settings.public_url).verification(
        to, recipients.edition_view(session, envelope.edition), p["verification_url"])
    queue_all(session, settings, envelope, [mail])


def account_updated(session: Session, envelope: Envelope) -> None:
    """The person chose another language on their profile: the next mail follows it."""
    p = envelope.payload
    recipients.remember_language(session, email=p["email"], account_id=p.get("account_id"),
                                 language=p["language"])


def password_reset_requested(settings: MailSettings, session: Session, envelope: Envelope) -> None:
    p = envelope.payload
    to = recipients.account_holder(session, p)
    queue_all(session, settings, envelope, [Composer(settings.public_url).password_reset(
        to, recipients.edition_view(session, envelope.edition), p["reset_url"],
        int(p["expires_minutes"]))])


def registration_attempted(settings: MailSettings, session: Session, envelope: Envelope) -> None:
    p = envelope.payload
    to = recipients.account_holder(session, p)
    queue_all(session, settings, envelope, [Composer(settings.public_url).registration_attempt(
        to, recipients.edition_view(session, envelope.edition), p["login_url"], p["reset_url"])])
