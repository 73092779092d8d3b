"""The account mails of issue 19, each from its real event through the real broker to the
real SMTP server: a password reset link, and the owner's notice that someone registered with
their address (the registration itself answered as if it were new)."""

from __future__ import annotations

from tests.notify.conftest import NotifyUnderTest
from tests.notify.events import envelope
from tests.notify.test_mails import html, rcpt, text
from wsis_common import contracts as c


def test_a_password_reset_request_mails_its_link_and_how_long_it_works(notify: NotifyUnderTest) -> None:
    url = "http://wsis.test/password-reset/confirm?token=abc123"
    payload: c.PasswordResetRequested = {"account_id": "acc-1", "email": "amina@example.org",
                                         "user_name": "amina", "reset_url": url, "expires_minutes": 30}
    [mail] = notify.deliver(envelope(c.PASSWORD_RESET_REQUESTED, dict(payload), None, "gateway"), mails=1)
    assert rcpt(mail) == "amina@example.org" and mail["X-WSIS-Mail-Kind"] == "password_reset"
    assert mail["Subject"] == "Choose a new password for the WSIS Prizes"
    assert "Hello amina," in text(mail) and url in text(mail) and "for 30 minutes" in text(mail)
    assert f'href="{url}"' in html(mail)
    assert "List-Unsubscribe" not in mail


def test_a_registration_with_a_known_address_tells_its_owner_how_to_log_in_or_reset(
    notify: NotifyUnderTest,
) -> None:
    payload: c.AccountRegistrationAttempted = {
        "account_id": "acc-1", "email": "amina@example.org", "user_name": "amina",
        "login_url": "http://wsis.test/login", "reset_url": "http://wsis.test/password-reset"}
    [mail] = notify.deliver(envelope(c.ACCOUNT_REGISTRATION_ATTEMPTED, dict(payload), None, "gateway"),
                            mails=1)
    assert rcpt(mail) == "amina@example.org" and mail["X-WSIS-Mail-Kind"] == "registration_attempt"
    assert mail["Subject"] == "Someone tried to register with your e-mail address"
    body = text(mail)
    assert "No new account was made." in body
    assert "http://wsis.test/login" in body and "http://wsis.test/password-reset" in body
    assert 'href="http://wsis.test/password-reset"' in html(mail)
