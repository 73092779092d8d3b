"""The sender loop, off the consumer's path: picks due mails one by one and hands them to the
SMTP server. A scheduler job of the worker (a slow server never holds up events).

Each mail is locked (FOR UPDATE SKIP LOCKED on PostgreSQL, so several workers never send the
same mail), sent, and marked in ONE short transaction. A crash after the server accepted a
mail and before that commit sends it again: at worst one duplicate per crash, with the same
Message-ID. That is the one at-least-once window SMTP leaves; no mail is ever lost. A database
outage in that moment is no crash: the sender still knows the server has the mail, and marks
it sent once the database is back, before it sends anything else."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from prometheus_client import Counter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from notify import domain
from notify.config import MailSettings
from notify.mailer import MailRefused, ServerUnavailable, SmtpMailer, build_message
from notify.models import FAILED, PENDING, SENT, Mail
from wsis_common.backoff import Backoff
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.db import Database
from wsis_common.metrics import CallbackGauge
from wsis_common.worker import PeriodicJob

log = logging.getLogger(__name__)

MAILS = Counter("wsis_mails_total", "Mail attempts by outcome (sent, retry, failed)",
                ["service", "kind", "outcome"])


class MailSender:
    def __init__(self, db: Database, settings: MailSettings, *, service: str = "notify") -> None:
        self.db = db
        self.settings = settings
        self.service = service
        self._outage = Backoff(base=1.0, cap=settings.outage_backoff_max_seconds)
        self._resume_at = 0.0  # monotonic: no sending before this while the server is down
        # Mail id -> when the server accepted it, for mails whose "sent" mark was not committed
        # (the database went away meanwhile): marked first at the next run, never sent again.
        self._unmarked: dict[str, datetime] = {}

    def job(self) -> PeriodicJob:
        return PeriodicJob("send-mail", lambda _ctx: self.run_once())

    def run_once(self) -> int:
        """Send due mails until none is left or the batch is done; returns how many went."""
        if time.monotonic() < self._resume_at:
            return 0
        self._mark_unmarked()  # raises while the database is out: the job waits it out
        sent = tried = 0
        with SmtpMailer(self.settings) as mailer:
            while tried < self.settings.batch_size:
                try:
                    outcome = self._send_next(mailer)
                except ServerUnavailable as exc:
                    delay = self._outage.next_delay()
                    self._resume_at = time.monotonic() + delay
                    log.warning("SMTP server unavailable, mail waits %.1fs: %s", delay, exc)
                    break
                if outcome is None:
                    break
                self._outage.reset()
                tried += 1
                sent += outcome == SENT
        if sent:
            log.info("sent %d mail(s)", sent)
        return sent

    def _send_next(self, mailer: SmtpMailer) -> str | None:
        """One due mail: locked, sent, marked, committed. None when nothing is due."""
        with self.db.transaction() as session:
            mail = session.scalars(
                select(Mail)
                .where(Mail.status == PENDING, Mail.next_attempt_at <= clock.now())
                .order_by(Mail.next_attempt_at, Mail.created_at)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if mail is None:
                return None
            try:
                mailer.send(build_message(mail, self.settings), to=mail.to_email)
            except ServerUnavailable:
                raise  # out of the transaction, which rolls back: the mail is untouched
            except MailRefused as exc:
                return self._failed_attempt(mail, str(exc), permanent=exc.permanent)
            except Exception as exc:  # unforeseen: counted all the same, so one mail never blocks the rest
                log.exception("sending mail %s failed unexpectedly", mail.id)
                mailer.abandon()
                return self._failed_attempt(mail, repr(exc), permanent=False)
            mail_id, accepted_at = mail.id, clock.now()
            self._unmarked[mail_id] = accepted_at  # until the commit below has gone through
            mail.status, mail.sent_at, mail.last_error = SENT, accepted_at, None
            mail.attempts += 1
            MAILS.labels(self.service, mail.kind, "sent").inc()
        self._unmarked.pop(mail_id, None)
        return SENT

    def _mark_unmarked(self) -> None:
        """Mark sent the mails the server accepted whose mark was lost with the database (the
        mark may have been committed after all: only a pending mail is marked)."""
        if not self._unmarked:
            return
        with self.db.transaction() as session:
            for mail in session.scalars(select(Mail).where(Mail.id.in_(list(self._unmarked)),
                                                           Mail.status == PENDING).with_for_update()):
                mail.status, mail.sent_at, mail.last_error = SENT, self._unmarked[mail.id], None
                mail.attempts += 1
        log.warning("marked sent %d mail(s) the SMTP server had accepted before a database outage",
                    len(self._unmarked))
        self._unmarked.clear()

    def _failed_attempt(self, mail: Mail, reason: str, *, permanent: bool) -> str:
        mail.attempts += 1
        mail.last_error = reason[:2000]
        if permanent or mail.attempts >= self.settings.max_attempts:
            mail.status = FAILED
            log.error("mail %s (%s) failed for good after %d attempt(s): %s",
                      mail.id, mail.kind, mail.attempts, reason)
            MAILS.labels(self.service, mail.kind, "failed").inc()
            return FAILED
        delay = domain.retry_delay(mail.attempts, base=self.settings.retry_base_seconds,
                                   cap=self.settings.retry_max_seconds)
        mail.next_attempt_at = clock.now() + timedelta(seconds=delay)
        log.warning("mail %s (%s) refused (attempt %d), next try in %.0fs: %s",
                    mail.id, mail.kind, mail.attempts, delay, reason)
        MAILS.labels(self.service, mail.kind, "retry").inc()
        return PENDING


def pending_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Mail).where(Mail.status == PENDING)) or 0


def pending_gauge(ctx: ServiceContext) -> CallbackGauge:
    def read() -> int:
        with ctx.db.sessions() as session:
            return pending_count(session)

    return CallbackGauge("wsis_mails_pending", "Mails written and not yet accepted by the SMTP server",
                         ctx.settings.service, read)
