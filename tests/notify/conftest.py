"""Fixtures of the notify tests: the service's migrated PostgreSQL database, a real SMTP server
that captures mail, and the notify worker (consumer, relay, sender) on the test vhost."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import func, select

from devstack.mailcapture import MailCapture
from notify import definition as notify_definition
from notify import events as notify_events
from notify import jobs as notify_jobs
from notify.config import MailSettings
from notify.models import Mail
from tests.harness.databases import empty, migrated
from tests.harness.infra import Infrastructure
from tests.harness.probe import wait_until
from tests.harness.publishing import publish
from wsis_common import broker
from wsis_common.auth import Principal, TokenSigner, generate_keypair
from wsis_common.config import Settings
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope
from wsis_common.worker import Worker

_names = itertools.count()
PUBLIC_URL = "http://wsis.test"


@pytest.fixture(scope="session")
def notify_database_url(infra: Infrastructure) -> str:
    return migrated(infra, "notify_tests", notify_definition.definition.migrations_dir)


@pytest.fixture(scope="session")
def keypair() -> tuple[str, str]:
    return generate_keypair()


@pytest.fixture(scope="session")
def token_signer(keypair: tuple[str, str]) -> TokenSigner:
    return TokenSigner(keypair[0], issuer="wsis-gateway", audience="wsis-services")


@pytest.fixture(scope="session")
def admin_auth(token_signer: TokenSigner) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_signer.sign(Principal('wsis-team', frozenset({'admin'})))}"}


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[MailCapture]:
    capture = MailCapture(tmp_path / "mail").start()
    yield capture
    capture.stop()


@pytest.fixture
def mail_settings(smtp: MailCapture) -> MailSettings:
    return MailSettings(smtp_host="127.0.0.1", smtp_port=smtp.smtp_port, public_url=PUBLIC_URL,
                        mail_from="WSIS Prizes <prizes@wsis.test>", max_attempts=3,
                        retry_base_seconds=0.2, retry_max_seconds=0.5, outage_backoff_max_seconds=0.5,
                        smtp_timeout=5)


@pytest.fixture
def notify_ctx(notify_database_url: str, vhost_url: str,
               keypair: tuple[str, str]) -> Iterator[ServiceContext]:
    """Empty tables, and a queue of this test's own (other tests' and the e2e stack's notify
    queues on the vhost get their copies; this one is ours alone)."""
    settings = Settings(service=f"notify{next(_names)}", database_url=notify_database_url,
                        broker_url=vhost_url, token_public_key=keypair[1], relay_poll_seconds=0.05,
                        worker_tick_seconds=0.05, consumer_max_attempts=3, backoff_max_seconds=1.0)
    ctx = notify_definition.definition.context(settings)
    empty(ctx.db)
    with broker.connect(vhost_url) as connection:
        broker.declare_service_queue(connection.channel(), settings,
                                     notify_events.handlers(ctx, MailSettings()))
    yield ctx
    ctx.db.dispose()


class NotifyUnderTest:
    """The notify worker as `python -m notify worker` runs it (consumer, relay, and the sender
    as a scheduler job), in threads of the test process."""

    def __init__(self, ctx: ServiceContext, mail: MailSettings, smtp: MailCapture) -> None:
        self.ctx, self.mail, self.smtp = ctx, mail, smtp
        self.worker = Worker(ctx, notify_events.handlers(ctx, mail), notify_jobs.jobs(ctx, mail))

    def publish(self, *envelopes: Envelope) -> None:
        publish(self.ctx.settings.broker_url, *envelopes)

    def handled(self, envelope: Envelope, outcome: str = "handled") -> float:
        return REGISTRY.get_sample_value("wsis_events_handled_total", {
            "service": self.ctx.settings.service, "routing_key": envelope.type, "outcome": outcome}) or 0.0

    def mail_rows(self, *conditions) -> list[Mail]:
        with self.ctx.db.sessions() as session:
            return list(session.scalars(select(Mail).where(*conditions).order_by(Mail.created_at)))

    def count(self, *conditions) -> int:
        with self.ctx.db.sessions() as session:
            return session.scalar(select(func.count()).select_from(Mail).where(*conditions)) or 0

    def deliver(self, *envelopes: Envelope, mails: int, timeout: float = 30.0) -> list:
        """Publish, then wait until `mails` more mails reached the SMTP server; returns them."""
        before = self.smtp.count()
        self.publish(*envelopes)
        wait_until(lambda: self.smtp.count() >= before + mails, timeout=timeout,
                   what=f"{mails} mail(s) at the SMTP server")
        return self.smtp.messages()[before:]

    def settle(self, seconds: float = 0.6) -> None:
        """Give the sender a few ticks to send anything it (wrongly) would."""
        time.sleep(seconds)


@pytest.fixture
def notify(notify_ctx: ServiceContext, mail_settings: MailSettings,
           smtp: MailCapture) -> Iterator[NotifyUnderTest]:
    running = NotifyUnderTest(notify_ctx, mail_settings, smtp)
    running.worker.start()
    wait_until(lambda: running.worker.consumer.connected.is_set(), what="the consumer to connect")
    yield running
    running.worker.join()
