"""Queue a rendered mail: one `mails` row in the caller's transaction (the consumer's, with
its inbox record), sent later by the sender loop. Nothing is sent from here."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from notify.config import MailSettings
from notify.domain import OutgoingMail
from notify.models import PENDING, Mail
from wsis_common.clock import clock


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
