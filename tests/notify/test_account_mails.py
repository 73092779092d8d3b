"""The account mails of issue 19, each from its real event through the real broker to the
real SMTP server: a password reset link, and the owner's notice that someone registered with
their address (the registration itself answered as if it were new); each in the language the
account chose, English when it is unknown."""

from __future__ import annotations

from tests.notify import events as ev
from tests.notify.conftest import NotifyUnderTest
from tests.notify.events import envelope
from tests.notify.test_languages import assert_no_english
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


# -- in the language the account chose (issue 14), like every other mail (test_languages.py) --

# The English of the account mails, on top of what test_languages.ENGLISH names (never words
# of their links, which stay as the gateway wrote them).
ACCOUNT_ENGLISH = ("Someone", "new password", "The link works", "ignore this mail", "If it was",
                   "log in instead", "No new account", "WSIS Stocktaking")
RESET_URL = "http://wsis.test/password-reset/confirm?token=abc123"


def assert_no_account_english(*bodies: str) -> None:
    assert_no_english(*bodies)
    for body in bodies:
        left = [phrase for phrase in ACCOUNT_ENGLISH if phrase in body]
        assert not left, f"English left in a translated account mail: {left}"


def test_a_password_reset_goes_in_the_language_the_event_carries_before_notify_knows_the_account(
    notify: NotifyUnderTest,
) -> None:
    [mail] = notify.deliver(ev.password_reset("claire@clinique.example", "Claire", RESET_URL, language="fr"),
                            mails=1)
    assert mail["Subject"] == "Choisissez un nouveau mot de passe pour les Prix du SMSI"
    assert "Bonjour Claire," in text(mail) and RESET_URL in text(mail)
    assert "Le lien ne fonctionne qu'une fois, pendant 30 minutes." in text(mail)
    assert "Vous recevez ce message parce que quelqu'un a demandé un nouveau mot de passe" in text(mail)
    assert '<html lang="fr" dir="ltr">' in html(mail) and "Choisir un nouveau mot de passe</a>" in html(mail)
    assert f'href="{RESET_URL}"' in html(mail)
    assert_no_account_english(text(mail), html(mail))


def test_a_registration_attempt_goes_in_the_language_notify_kept_and_the_event_s_wins(
    notify: NotifyUnderTest,
) -> None:
    notify.deliver(ev.registered("claire@clinique.example", "Claire", "http://wsis.test/v?t=1",
                                 language="fr"), mails=1)
    # An event that does not say (an older gateway): the language notify kept for the account.
    [mail] = notify.deliver(ev.registration_attempted("Claire@Clinique.example", "Claire"), mails=1)
    assert rcpt(mail) == "Claire@Clinique.example"
    assert mail["Subject"] == "Quelqu'un a tenté de s'inscrire avec votre adresse électronique"
    body = text(mail)
    assert "Bonjour Claire," in body and "Aucun nouveau compte n'a été créé." in html(mail)
    assert "Si c'était vous, connectez-vous plutôt :" in body and "http://wsis.test/login" in body
    assert "choisissez-en un nouveau :" in body and "http://wsis.test/password-reset" in body
    assert '<html lang="fr" dir="ltr">' in html(mail)
    assert 'href="http://wsis.test/password-reset"' in html(mail)
    assert_no_account_english(body, html(mail))

    # The gateway's word is the account's latest: it wins over what notify kept.
    [spanish] = notify.deliver(ev.registration_attempted("claire@clinique.example", "Claire", language="es"),
                               mails=1)
    assert spanish["Subject"] == "Alguien intentó registrarse con su dirección de correo electrónico"
    assert "Hola, Claire:" in text(spanish) and "No se creó ninguna cuenta nueva." in text(spanish)


def test_the_arabic_account_mails_read_right_to_left(notify: NotifyUnderTest) -> None:
    notify.deliver(ev.registered("amal@old.example", "Amal", "http://wsis.test/v?t=2", language="ar"),
                   mails=1)
    # The account's address changed since: notify finds its language by the account.
    [reset] = notify.deliver(ev.password_reset("amal@new.example", "Amal", RESET_URL, account_id="acc-Amal"),
                             mails=1)
    assert reset["Subject"] == "اختر كلمة مرور جديدة لجوائز القمة العالمية لمجتمع المعلومات"
    assert '<html lang="ar" dir="rtl">' in html(reset) and "مرحباً Amal،" in text(reset)
    assert "يعمل الرابط مرة واحدة فقط، لمدة 30 دقيقة." in text(reset)
    assert f'<a href="{RESET_URL}" dir="ltr"' in html(reset), "the link reads left to right"
    assert_no_account_english(text(reset), html(reset))

    [told] = notify.deliver(ev.registration_attempted("amal@new.example", "Amal", language="ar"), mails=1)
    assert told["Subject"] == "حاول شخص ما التسجيل بعنوان بريدك الإلكتروني"
    assert '<html lang="ar" dir="rtl">' in html(told) and "لم يُنشأ أي حساب جديد." in text(told)
    assert_no_account_english(text(told), html(told))


def test_the_account_mails_are_english_when_the_language_is_unknown(notify: NotifyUnderTest) -> None:
    notify.deliver(ev.registered("claire@clinique.example", "Claire", "http://wsis.test/v?t=1",
                                 language="fr"), mails=1)
    # Claire's French is hers alone; Sam never said, and "sw" is none of the six.
    [french] = notify.deliver(ev.password_reset("claire@clinique.example", "Claire", RESET_URL), mails=1)
    [unknown] = notify.deliver(ev.password_reset("sam@ngo.example", "Sam", RESET_URL), mails=1)
    [swahili] = notify.deliver(ev.registration_attempted("sam@ngo.example", "Sam", language="sw"), mails=1)
    assert french["Subject"] == "Choisissez un nouveau mot de passe pour les Prix du SMSI"
    assert unknown["Subject"] == "Choose a new password for the WSIS Prizes"
    assert "Hello Sam," in text(unknown) and "The link works once, for 30 minutes." in text(unknown)
    assert '<html lang="en" dir="ltr">' in html(unknown)
    assert swahili["Subject"] == "Someone tried to register with your e-mail address"
    assert "No new account was made." in text(swahili) and '<html lang="en" dir="ltr">' in html(swahili)
