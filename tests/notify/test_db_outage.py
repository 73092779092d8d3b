"""The notify service through a database outage (issue 20): the unsubscribe link (a page a
person opens) answers a 503 page with Retry-After and unsubscribes nobody, the same click
once the database is back does; the team's API answers 503 problem+json; a mail the SMTP server
accepted just as the database went away is not sent again. The app and the sender reach the
real PostgreSQL through a TcpProxy that the test cuts."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import Message
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from devstack.mailcapture import MailCapture
from notify import create_app, mailer
from notify.config import MailSettings
from notify.events import handlers
from notify.models import SENT, Mail, Unsubscribe
from notify.service import links
from notify.service.sending import MailSender
from tests.harness.db_outage import DatabaseProxy, assert_unavailable, behind, proxied_database_of
from tests.notify import events as ev
from wsis_common.consumer import Consumer
from wsis_common.context import ServiceContext
from wsis_common.db import Database

proxied = proxied_database_of("notify_ctx")


@pytest.fixture
def mail() -> MailSettings:
    return MailSettings(public_url="http://wsis.test", link_secret="a secret of this test")


@pytest.fixture
def client(notify_ctx: ServiceContext, proxied: DatabaseProxy, mail: MailSettings) -> Iterator[FlaskClient]:
    with behind(proxied, create_app, notify_ctx.settings, mail) as app:
        yield app.test_client()


def unsubscribed(ctx: ServiceContext) -> int:
    with ctx.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(Unsubscribe)) or 0


def test_an_unsubscribe_click_during_an_outage_is_a_503_page_and_the_retry_unsubscribes_once(
        notify_ctx: ServiceContext, client: FlaskClient, proxied: DatabaseProxy, mail: MailSettings,
        admin_auth: dict[str, str]) -> None:
    with notify_ctx.db.sessions() as session:
        url = urlsplit(links.unsubscribe_url(session, mail, 2023, "coord@example.org"))
    link = f"{url.path}?{url.query}"
    with proxied.outage():
        page = client.post(link)
        assert page.status_code == 503 and page.content_type.startswith("text/html")
        assert int(page.headers["Retry-After"]) > 0 and "try again" in page.text
        assert_unavailable(client.get("/api/v1/mail/editions/2023/unsubscribes", headers=admin_auth))
    assert unsubscribed(notify_ctx) == 0
    done = client.post(link)
    assert done.status_code == 200 and "gets no more weekly progress mails" in done.text
    assert client.post(link).status_code == 200
    assert unsubscribed(notify_ctx) == 1
    listed = client.get("/api/v1/mail/editions/2023/unsubscribes", headers=admin_auth).get_json()
    assert [entry["email"] for entry in listed] == ["coord@example.org"]


def test_a_database_outage_between_the_servers_accept_and_the_commit_sends_no_duplicate(
        notify_ctx: ServiceContext, proxied: DatabaseProxy, mail_settings: MailSettings, smtp: MailCapture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The faulted replay's finding (replay/README.md): the SMTP server accepted a receipt while
    the sender's database connection was being cut; the "sent" mark could not be committed and
    the mail went out again, same Message-ID, once the database was back. The sender knows the
    server has it: it marks it sent then, and sends it no more (a crash still may: test_sender)."""
    consumer = Consumer(notify_ctx.db, notify_ctx.tables, notify_ctx.settings,
                        handlers(notify_ctx, mail_settings))
    for sid in ("a", "b", "c"):
        consumer.handle(ev.accepted(sid))
    real_send = mailer.SmtpMailer.send
    accepted_then_cut = []

    def accept_then_cut_the_database_once(self: mailer.SmtpMailer, message: Message, *, to: str) -> None:
        real_send(self, message, to=to)
        if not accepted_then_cut:
            accepted_then_cut.append(to)
            proxied.proxy.cut()

    monkeypatch.setattr(mailer.SmtpMailer, "send", accept_then_cut_the_database_once)
    sender_db = Database(proxied.url)
    sender = MailSender(sender_db, mail_settings)
    try:
        with pytest.raises(SQLAlchemyError):
            sender.run_once()
        assert smtp.count() == 1
        proxied.proxy.restore()
        assert sender.run_once() == 2  # the two others; the first is marked, not sent again
    finally:
        sender_db.dispose()
    received = [m["X-Captured-Rcpt-To"] for m in smtp.messages()]
    assert len(received) == 3 and received.count(accepted_then_cut[0]) == 1, received
    with notify_ctx.db.sessions() as session:
        assert {m.submission_id: (m.status, m.attempts) for m in session.query(Mail)} == {
            "a": (SENT, 1), "b": (SENT, 1), "c": (SENT, 1)}
