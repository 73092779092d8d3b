"""The registration and profile pages ask for the language of the mails: the page's language
to start with, each of the six named in itself, and a change on the profile is kept."""

from __future__ import annotations

from portal.service import accounts
from tests.pages.conftest import csrf_of, log_in_as
from tests.pages.test_pages import GOOD


def test_registering_on_arabic_pages_chooses_arabic_mails_and_the_profile_changes_them(pclient, pctx) -> None:
    form = pclient.get("/register", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<option value="ar" selected>العربية</option>' in form, "the page's language, chosen"
    assert '<option value="zh">中文</option>' in form and '<option value="ru">Русский</option>' in form
    token = csrf_of(pclient, "/register")
    answer = pclient.post("/register", data={**GOOD, "language": "ar", "csrf_token": token},
                          headers={"Accept-Language": "ar"})
    assert answer.status_code == 200, "check your mail"
    [account] = accounts.list_accounts(pctx, "amina")
    assert account["language"] == "ar"

    log_in_as(pclient, account)
    profile = pclient.get("/profile").get_data(as_text=True)
    assert '<option value="ar" selected>' in profile
    saved = pclient.post("/profile", data={
        "csrf_token": csrf_of(pclient, "/profile"), "user_name": "amina", "organisation_name": "eHealth",
        "organisation_type": "academia", "country": "KE", "language": "es"})
    assert saved.status_code == 303
    assert accounts.get_account(pctx, account["id"])["language"] == "es"
