"""A form post holding a control character (NUL, often from pasted text) is a clear page in
the visitor's language, never a crash, and stores nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import Account
from tests.pages.conftest import csrf_of

REGISTRATION = {"user_name": "amina", "email": "amina@example.org", "password": "a long passphrase 42",
                "organisation_name": "Digital Health Kenya", "organisation_type": "private_sector",
                "country": "KE"}


def test_a_nul_in_a_registration_field_is_a_clear_page_and_no_account(pclient, pctx) -> None:
    token = csrf_of(pclient, "/register")
    sent = pclient.post("/register", data={**REGISTRATION, "organisation_name": "Digital\x00Health",
                                           "csrf_token": token})
    assert sent.status_code == 422 and sent.mimetype == "text/html"
    assert "This form holds a character it cannot take" in sent.get_data(as_text=True)
    with pctx.db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Account)) == 0


def test_a_nul_in_the_log_in_identifier_is_a_clear_page_in_the_visitors_language(pclient) -> None:
    token = csrf_of(pclient, "/login")
    sent = pclient.post("/login", data={"identifier": "amina\x00", "password": "x", "csrf_token": token},
                        headers={"Accept-Language": "fr"})
    assert sent.status_code == 422 and sent.mimetype == "text/html"
    assert "This form holds a character it cannot take" not in sent.get_data(as_text=True)
    assert "<h1>422</h1>" not in sent.get_data(as_text=True)
