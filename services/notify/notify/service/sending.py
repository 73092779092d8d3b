"""The sender loop, off the consumer's path: picks due mails one by one and hands them to the
SMTP server. A scheduler job of the worker (a slow server never holds up events).

Each mail is locked (FOR UPDATE SKIP LOCKED on PostgreSQL, so several workers never send the
same mail), sent, and marked in ONE short transaction. A crash after the server accepted a
mail and before that commit sends it again: at worst one duplicate per crash, with the same
Message-ID. That is the one at-least-once window SMTP leaves; no mail is ever lost."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

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

    def job(self) -> PeriodicJob:
        return PeriodicJob("send-mail", lambda _ctx: self.run_once())

    def run_once(self) -> int:
        """Send due mails until none is left or the batch is done; returns how many went."""
        if time.monotonic() < self._resume_at:
            return 0
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
            mail.status, mail.sent_at, mail.last_error = SENT, clock.now(), None
            mail.attempts += 1
            MAILS.labels(self.service, mail.kind, "sent").inc()
            return SENT

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
