"""The WSIS team's use cases over the mail log: what was sent to whom and when, per edition;
failed mails; resending one. Before the ceremony a winner notice is shown to nobody: its
recipient, subject and text are withheld, and searching by address or submission skips it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from notify import domain, models
from notify.config import MailSettings
from notify.models import FAILED, PENDING, SENT, Mail, Unsubscribe
from notify.service.outgoing import new_message_id
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.phases import Schedule
from wsis_common.problems import Problem

WITHHELD = "(confidential until the ceremony)"


def _ceremony_at(session: Session, year: int | None) -> datetime | None:
    document = models.editions.get(session, year) if year is not None else None
    return Schedule.of_edition(document).at("ceremony_at")


class _Secrecy:
    """Which winner notices are still secret, looking up each edition's ceremony once."""

    def __init__(self, session: Session) -> None:
        self.session, self.now, self._ceremonies = session, clock.now(), {}

    def secret(self, mail: Mail) -> bool:
        if mail.kind != domain.WINNER_NOTICE:
            return False
        if mail.edition not in self._ceremonies:
            self._ceremonies[mail.edition] = _ceremony_at(self.session, mail.edition)
        return domain.is_secret(mail.kind, self._ceremonies[mail.edition], self.now)


def _view(mail: Mail, secret: bool, *, bodies: bool = False) -> dict[str, Any]:
    view = {
        "id": mail.id, "message_id": mail.message_id, "edition": mail.edition, "kind": mail.kind,
        "submission_id": mail.submission_id, "to_email": mail.to_email, "to_name": mail.to_name,
        "subject": mail.subject, "status": mail.status, "attempts": mail.attempts,
        "created_at": mail.created_at, "sent_at": mail.sent_at,
        "next_attempt_at": mail.next_attempt_at if mail.status == PENDING else None,
        "last_error": mail.last_error, "resend_of": mail.resend_of, "confidential": secret,
    }
    if bodies:
        view.update(text_body=mail.text_body, html_body=mail.html_body, headers=mail.headers)
    if secret:
        view.update(submission_id=None, to_email=WITHHELD, to_name=WITHHELD, subject=WITHHELD,
                    message_id=WITHHELD)
        if bodies:
            view.update(text_body=WITHHELD, html_body=WITHHELD, headers={})
    return view


def edition_mails(ctx: ServiceContext, year: int, filters: dict[str, Any]) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        query = select(Mail).where(Mail.edition == year)
        if filters.get("status"):
            query = query.where(Mail.status == filters["status"])
        if filters.get("kind"):
            query = query.where(Mail.kind == filters["kind"])
        if filters.get("submission_id"):
            query = query.where(Mail.submission_id == filters["submission_id"])
        if filters.get("to"):
            query = query.where(func.lower(Mail.to_email) == domain.normalise_email(filters["to"]))
        if (filters.get("to") or filters.get("submission_id")) and domain.is_secret(
                domain.WINNER_NOTICE, _ceremony_at(session, year), clock.now()):
            query = query.where(Mail.kind != domain.WINNER_NOTICE)  # a match would name the winner
        return _page(session, query, filters)


def failed_mails(ctx: ServiceContext, filters: dict[str, Any]) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        return _page(session, select(Mail).where(Mail.status == FAILED), filters)


def _page(session: Session, query, filters: dict[str, Any]) -> dict[str, Any]:
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Mail.created_at, Mail.id)
                           .limit(filters["limit"]).offset(filters["offset"])).all()
    secrecy = _Secrecy(session)
    return {"total": total, "mails": [_view(m, secrecy.secret(m)) for m in rows]}


def get_mail(ctx: ServiceContext, mail_id: str) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        mail = _get_or_404(session, mail_id)
        return _view(mail, _Secrecy(session).secret(mail), bodies=True)


def resend(ctx: ServiceContext, settings: MailSettings, mail_id: str) -> dict[str, Any]:
    """A failed mail goes back to the queue as it was; a sent one is sent again as a new
    message (new Message-ID, so the person's mail client shows it)."""
    with ctx.db.transaction() as session:
        mail = _get_or_404(session, mail_id, lock=True)
        now = clock.now()
        if mail.status == PENDING:
            raise Problem(409, "This mail is waiting to be sent already.")
        if mail.status == FAILED:
            mail.status, mail.attempts, mail.next_attempt_at, mail.last_error = PENDING, 0, now, None
            queued = mail
        else:
            queued = Mail(
                id=str(uuid.uuid4()), message_id=new_message_id(settings), edition=mail.edition,
                kind=mail.kind, event_id=None, submission_id=mail.submission_id,
                to_email=mail.to_email, to_name=mail.to_name, subject=mail.subject,
                text_body=mail.text_body, html_body=mail.html_body, headers=dict(mail.headers),
                status=PENDING, attempts=0, next_attempt_at=now, created_at=now, resend_of=mail.id,
            )
            session.add(queued)
        session.flush()
        return _view(queued, _Secrecy(session).secret(queued))


def summary(ctx: ServiceContext, year: int) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        rows = session.execute(select(Mail.kind, Mail.status, func.count())
                               .where(Mail.edition == year).group_by(Mail.kind, Mail.status)).all()
    kinds: dict[str, dict[str, int]] = {}
    for kind, status, count in rows:
        kinds.setdefault(kind, {PENDING: 0, SENT: 0, FAILED: 0})[status] = count
    return {"edition": year, "kinds": kinds}


def unsubscribes(ctx: ServiceContext, year: int) -> list[dict[str, Any]]:
    with ctx.db.sessions() as session:
        rows = session.scalars(select(Unsubscribe).where(Unsubscribe.edition == year)
                               .order_by(Unsubscribe.unsubscribed_at)).all()
        return [{"edition": r.edition, "email": r.email, "unsubscribed_at": r.unsubscribed_at}
                for r in rows]


def _get_or_404(session: Session, mail_id: str, *, lock: bool = False) -> Mail:
    mail = session.get(Mail, mail_id, with_for_update=lock) if _is_uuid(mail_id) else None
    if mail is None:
        raise Problem(404, f"There is no mail {mail_id}.")
    return mail


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
