"""The WSIS team's people pages in Debian's Chromium (Playwright), in English and French: the
accounts, the expert roster and assignments, the mail log, the failed mails, one mail and the
resend confirmation. axe-core finds no serious or critical violation on any of them, and each
is saved as a screenshot under test-artifacts/console/people/<language>/. The pages app and
the review and notify services are served in threads on local ports (one address for both
services: the mail paths go to notify, the others to review, as nginx routes them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from tests.harness.web import serving
from tests.pages.test_browser import CHROMIUM, CHROMIUM_ARGS, Visit
from tests.pages.test_console_people import PASSWORD, YEAR, a_mail, person
from tests.review.support import accept

FOLDER = Path(__file__).resolve().parents[2] / "test-artifacts" / "console" / "people"
LOCALES = {"en": "en-GB", "fr": "fr-FR"}


@pytest.fixture
def site(pages_app, pctx, review_api, notify_api, review_app, notify_app, monkeypatch) -> Iterator[str]:
    """The pages at a local address, their API calls answered by review or notify by path."""
    def services(environ: dict[str, Any], start_response: Any) -> Any:
        target = notify_app if environ["PATH_INFO"].startswith("/api/v1/mail") else review_app
        return target(environ, start_response)

    with serving(services) as api_base:
        monkeypatch.setenv("API_BASE_URL", api_base)
        with serving(pages_app) as base:
            yield base


def test_the_people_pages_pass_axe_in_english_and_french(site, pctx, review_api, notify_api) -> None:
    person(pctx, "amina-team", roles=("stakeholder", "admin"))
    person(pctx, "kofi", organisation="Code for Africa", roles=("stakeholder", "expert"))
    person(pctx, "ines", organisation="University of Geneva", roles=("stakeholder", "expert"), verified=False)
    accept(review_api, category="C4", title="Open Data Kenya", entity="Code for Africa")
    accept(review_api, category="C4", title="Rural Schools Online", entity="Teachers Network")
    failed = a_mail(notify_api, kind="progress", status="failed", to="lost@example.org",
                    error="550 mailbox unavailable")
    a_mail(notify_api)
    violations: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language, locale in LOCALES.items():
            context = browser.new_context(locale=locale, viewport={"width": 1100, "height": 900})
            context.set_default_timeout(20_000)
            folder = FOLDER / language
            folder.mkdir(parents=True, exist_ok=True)
            visit = Visit(context.new_page(), language, folder)
            page = visit.page
            page.goto(f"{site}/login")
            page.fill("#f-identifier", "amina-team")
            page.fill("#f-password", PASSWORD)
            page.click("main form button[type=submit]")
            page.wait_for_url(f"{site}/")
            pages = {"accounts": "/admin/accounts", "experts": f"/admin/editions/{YEAR}/experts",
                     "mail-log": f"/admin/editions/{YEAR}/mail", "failed-mail": "/admin/mail/failed",
                     "one-mail": f"/admin/mail/{failed}", "resend": f"/admin/mail/{failed}/resend"}
            for name, path in pages.items():
                assert page.goto(f"{site}{path}").status == 200, path
                visit.check(name)
            if language == "en":  # record kofi: the assignment forms appear, checked too
                page.goto(f"{site}/admin/editions/{YEAR}/experts")
                page.locator("main form button[type=submit]").first.click()
                page.wait_for_url(f"{site}/admin/editions/{YEAR}/experts")
                assert page.locator(".flash[role=status]").is_visible()
                visit.check("experts-recorded")
            violations += visit.violations
            context.close()
        browser.close()
    assert violations == []
