"""The sender against a real SMTP server, driven by hand (no worker thread) so that a crash can
be placed exactly: between the server's accept and the commit that marks the mail sent. That
is the one at-least-once window; it costs one duplicate, with the same Message-ID, and no
other mail. Also: the server's credentials are configuration, and wrong ones spend no attempt."""

from __future__ import annotations

import ipaddress
import ssl
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from devstack.mailcapture import MailCapture
from notify import mailer
from notify.config import MailSettings
from notify.events import handlers
from notify.models import PENDING, SENT, Mail
from notify.service.sending import MailSender
from tests.notify import events as ev
from wsis_common.consumer import Consumer
from wsis_common.context import ServiceContext


class Crash(BaseException):
    """Stands for the process dying: not an Exception, so nothing on the way catches it."""


def _write_receipts(ctx: ServiceContext, mail: MailSettings, *ids: str) -> None:
    consumer = Consumer(ctx.db, ctx.tables, ctx.settings, handlers(ctx, mail))
    for sid in ids:  # the consumer's own handling, without the broker
        consumer.handle(ev.accepted(sid))


def _statuses(ctx: ServiceContext) -> dict[str, tuple[str, int]]:
    with ctx.db.sessions() as session:
        return {m.submission_id: (m.status, m.attempts) for m in session.query(Mail)}


def test_a_crash_between_the_servers_accept_and_the_commit_costs_one_duplicate(
    notify_ctx: ServiceContext, mail_settings: MailSettings, smtp: MailCapture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _write_receipts(notify_ctx, mail_settings, "a", "b", "c")
    real_send = mailer.SmtpMailer.send
    crashed = []

    def send_then_die_once(self, message, *, to):
        real_send(self, message, to=to)
        if not crashed:
            crashed.append(to)
            raise Crash  # the server has the mail; our "sent" mark is never committed

    monkeypatch.setattr(mailer.SmtpMailer, "send", send_then_die_once)
    with pytest.raises(Crash):
        MailSender(notify_ctx.db, mail_settings).run_once()
    assert smtp.count() == 1
    assert {status for status, _ in _statuses(notify_ctx).values()} == {PENDING}, "nothing marked"

    assert MailSender(notify_ctx.db, mail_settings).run_once() == 3  # the restarted worker
    received = smtp.messages()
    assert len(received) == 4, "three mails, one of them twice"
    duplicate = [m for m in received if m["X-Captured-Rcpt-To"] == crashed[0]]
    assert len(duplicate) == 2 and duplicate[0]["Message-ID"] == duplicate[1]["Message-ID"], (
        "the duplicate is the same message: mail clients can tell")
    assert _statuses(notify_ctx) == {"a": (SENT, 1), "b": (SENT, 1), "c": (SENT, 1)}


def test_a_server_slow_to_accept_a_mail_is_waited_for_and_the_mail_sent_once(
    notify_ctx: ServiceContext, mail_settings: MailSettings, smtp: MailCapture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server that answers the message's end after the set-up's timeout (stalled, as the
    faulted replay's frozen capture was) still gets each mail once: giving up on its reply
    would send again a mail it then accepts."""
    _write_receipts(notify_ctx, mail_settings, "a")
    real_store = smtp.store

    def slow_store(raw: bytes) -> None:
        time.sleep(2)  # the server's thread stalls with the whole message received
        real_store(raw)

    monkeypatch.setattr(smtp, "store", slow_store)
    patient = replace(mail_settings, smtp_timeout=0.5, smtp_reply_timeout=10)
    assert MailSender(notify_ctx.db, patient).run_once() == 1
    assert smtp.count() == 1
    assert _statuses(notify_ctx) == {"a": (SENT, 1)}


# Plain AUTH is fine on loopback; aiosmtpd warns about it all the same.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_servers_credentials_are_configuration_and_wrong_ones_spend_no_attempt(
    notify_ctx: ServiceContext, mail_settings: MailSettings, tmp_path: Path
) -> None:
    guarded = MailCapture(tmp_path / "guarded", credentials=("notify", "s3cret")).start()
    try:
        settings = MailSettings.from_env({
            "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(guarded.smtp_port), "SMTP_USER": "notify",
            "SMTP_PASSWORD": "wrong", "MAIL_FROM": mail_settings.mail_from})
        _write_receipts(notify_ctx, settings, "a")
        assert MailSender(notify_ctx.db, settings).run_once() == 0
        assert guarded.count() == 0 and _statuses(notify_ctx) == {"a": (PENDING, 0)}

        right = MailSettings.from_env({
            "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(guarded.smtp_port), "SMTP_USER": "notify",
            "SMTP_PASSWORD": "s3cret", "MAIL_FROM": mail_settings.mail_from})
        assert MailSender(notify_ctx.db, right).run_once() == 1
        assert [m["X-Captured-Rcpt-To"] for m in guarded.messages()] == ["coord-a@example.org"]
    finally:
        guarded.stop()


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as a relay's own CA would sign one."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "relay.pem", folder / "relay.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_starttls_is_used_verified_and_a_server_that_demands_it_spends_no_attempt(
    notify_ctx: ServiceContext, mail_settings: MailSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    cert, key = _certificate(tmp_path)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    relay = MailCapture(tmp_path / "relay", credentials=("notify", "s3cret"), tls=tls).start()
    base = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(relay.smtp_port), "SMTP_USER": "notify",
            "SMTP_PASSWORD": "s3cret", "MAIL_FROM": mail_settings.mail_from}
    try:
        _write_receipts(notify_ctx, mail_settings, "a")
        # Configured without STARTTLS: the relay refuses the session (530), not the mail.
        assert MailSender(notify_ctx.db, MailSettings.from_env({**base, "SMTP_USER": ""})).run_once() == 0
        # STARTTLS, but the relay's certificate is not one this machine trusts: nothing is sent.
        with_tls = MailSettings.from_env({**base, "SMTP_STARTTLS": "true"})
        assert MailSender(notify_ctx.db, with_tls).run_once() == 0
        assert relay.count() == 0 and _statuses(notify_ctx) == {"a": (PENDING, 0)}, "no attempt spent"
        # The certificate trusted (as a relay with a public CA would be): sent over TLS.
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        assert MailSender(notify_ctx.db, with_tls).run_once() == 1
        assert [m["X-Captured-Rcpt-To"] for m in relay.messages()] == ["coord-a@example.org"]
        assert _statuses(notify_ctx) == {"a": (SENT, 1)}
    finally:
        relay.stop()
