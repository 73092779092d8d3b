"""Queue rendered mails: one `mails` row each in the caller's transaction (the consumer's, with
its inbox record), sent later by the sender loop. Nothing is sent from here. Where one event
means a mail to each of several people, each mail is written on its own (`queue_each`): one
that fails never keeps the others from being written."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy.orm import Session

from notify.config import MailSettings
from notify.domain import OutgoingMail
from notify.models import PENDING, Mail
from wsis_common.clock import clock
from wsis_common.envelope import Envelope
from wsis_common.items import apply_each

T = TypeVar("T")


def new_message_id(settings: MailSettings) -> str:
    return f"<{uuid.uuid4().hex}@{settings.domain}>"


def queue_mail(session: Session, settings: MailSettings, mail: OutgoingMail, *,
               event_id: str | None) -> Mail:
    now = clock.now()
    row = Mail(
        id=str(uuid.uuid4()),
        # Fixed now and kept on every attempt: a mail sent twice (a crash between the server's
        # accept and our commit) arrives as two copies of ONE message that clients can spot.
        message_id=new_message_id(settings),
        edition=mail.edition,
        kind=mail.kind,
        event_id=event_id,
        submission_id=mail.submission_id,
        to_email=mail.to.email,
        to_name=mail.to.name,
        subject=mail.subject,
        text_body=mail.text,
        html_body=mail.html,
        headers=dict(mail.headers),
        status=PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    return row


def queue_all(session: Session, settings: MailSettings, envelope: Envelope,
              mails: Iterable[OutgoingMail]) -> int:
    """The mails of one event, all in its transaction."""
    count = 0
    for mail in mails:
        queue_mail(session, settings, mail, event_id=envelope.id)
        count += 1
    return count


def queue_each(session: Session, settings: MailSettings, envelope: Envelope, items: Iterable[T],
               compose: Callable[[T], OutgoingMail | None], *, describe: Callable[[T], str]) -> int:
    """One mail per item, each in its own savepoint (wsis_common.items): an item that cannot
    be written (a submission never heard of, a value no column holds) is logged and skipped,
    and the other recipients still get theirs."""
    written: list[OutgoingMail] = []

    def write(item: T) -> None:
        mail = compose(item)
        if mail is not None:
            queue_mail(session, settings, mail, event_id=envelope.id)
            written.append(mail)

    apply_each(session, envelope, items, write, describe=describe)
    return len(written)
