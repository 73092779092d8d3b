"""The WSIS team's vote charts in a real browser (Debian's chromium, driven by Playwright): the
pages served in-process over HTTP, calling the real voting service. The live bar chart draws the
counts and redraws them after a new vote without a reload; the report's charts draw its bursts
and each nominee's share of votes from new accounts beside the rest of its category's;
axe-core finds no serious or critical violation; a screenshot of each page, in English and in
French, is saved under test-artifacts/console/live/."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page

from portal.pages.console import live
from portal.service import accounts
from tests.harness.probe import wait_until
from tests.harness.web import serving
from tests.pages.test_ballot import YEAR, published  # noqa: F401  (the fixture)
from tests.pages.test_browser import ROOT, Visit, browser  # noqa: F401  (the fixture)
from tests.pages.test_console_live import (  # noqa: F401  (voting_db: the fixture)
    PASSWORD,
    TWO_PM,
    cast,
    cast_new_and_old,
    voting_db,
)

BURSTS = "Chart.getChart(document.querySelector('canvas[data-chart=bursts]'))"
SHOTS = ROOT / "test-artifacts" / "console" / "live"
COUNTS = "Chart.getChart(document.querySelector('canvas[data-chart=counts][data-category=\"C7-HLT\"]'))"


def shows(page: Page, expression: str, what: str) -> None:
    """Waits for an expression to hold in the page (evaluated by the browser's debugger, which
    the pages' CSP does not concern: Playwright's wait_for_function would need 'unsafe-eval')."""
    wait_until(lambda: bool(page.evaluate(expression)), timeout=20, what=what)


@pytest.fixture
def served(pages_app, voting_db, monkeypatch) -> Iterator[str]:  # noqa: F811
    monkeypatch.setattr(live, "REFRESH_SECONDS", 5)  # the script's shortest poll
    with serving(pages_app) as base:
        yield base


def test_the_charts_draw_update_and_pass_axe_in_english_and_french(
        browser: Browser, served: str, pctx, voting_db) -> None:  # noqa: F811
    cast(voting_db, [(f"sock-{i}", "C7-HLT", "hlt-2", TWO_PM + timedelta(minutes=i), "198.51.100.4")
                     for i in range(6)])
    accounts.register(pctx, user_name="team", email="team@example.org", password=PASSWORD,
                      organisation_name="ITU", organisation_type="international_organisation", country="CH",
                      roles=("stakeholder", "admin"), verified=True)
    violations: list[str] = []
    for language, locale in (("en", "en-GB"), ("fr", "fr-FR")):
        context = browser.new_context(locale=locale, viewport={"width": 1100, "height": 900})
        context.set_default_timeout(20_000)
        folder = SHOTS / language
        folder.mkdir(parents=True, exist_ok=True)
        visit = Visit(context.new_page(), language, folder)
        page = visit.page
        page.goto(f"{served}/login")
        page.fill("input[name=identifier]", "team")
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state("load")

        page.goto(f"{served}/admin/editions/{YEAR}/vote/live")
        shows(page, f"{COUNTS} && {COUNTS}.data.datasets[0].data.length === 2", "the bar chart")
        assert page.evaluate(f"{COUNTS}.data.datasets[0].data") == ([6, 0] if language == "en" else [6, 1])
        assert page.evaluate("Chart.getChart(document.querySelector('canvas[data-chart=timeline]'))"
                             ".data.datasets.length") == 3, "a line per category"
        visit.check("live")
        if language == "en":  # a vote arrives: the chart and its table follow, without a reload
            cast(voting_db, [("late", "C7-HLT", "hlt-1", TWO_PM + timedelta(hours=1), None)])
            shows(page, f"{COUNTS}.data.datasets[0].data.join() === '6,1'", "the new vote on the chart")
            assert page.locator("#count-3 tr[data-nominee=hlt-1] [data-cell=votes]").inner_text() == "1"

        page.goto(f"{served}/admin/editions/{YEAR}/vote/suspicious?threshold=5")
        shows(page, f"!!{BURSTS}", "the bursts' chart")
        assert page.evaluate(f"{BURSTS}.data.datasets[0].data") == [6, 6, 6, 6], "4 traits"
        visit.check("suspicious")
        violations += visit.violations
        context.close()
    assert not violations, "\n".join(violations)


NEWCOMERS = "Chart.getChart(document.querySelector('canvas[data-chart=\"new-accounts\"]'))"


def test_the_new_accounts_chart_draws_each_nominees_share_beside_its_category_and_passes_axe(
        browser: Browser, served: str, pctx, voting_db) -> None:  # noqa: F811
    """In English, and in Arabic (right to left) and Chinese: the table's figures, as the chart."""
    cast_new_and_old(voting_db)
    accounts.register(pctx, user_name="team", email="team@example.org", password=PASSWORD,
                      organisation_name="ITU", organisation_type="international_organisation", country="CH",
                      roles=("stakeholder", "admin"), verified=True)
    violations: list[str] = []
    for language, locale in (("en", "en-GB"), ("ar", "ar-EG"), ("zh", "zh-CN")):
        context = browser.new_context(locale=locale, viewport={"width": 1100, "height": 900})
        context.set_default_timeout(20_000)
        folder = SHOTS / language
        folder.mkdir(parents=True, exist_ok=True)
        visit = Visit(context.new_page(), language, folder)
        page = visit.page
        page.goto(f"{served}/login")
        page.fill("input[name=identifier]", "team")
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state("load")
        page.goto(f"{served}/admin/editions/{YEAR}/vote/suspicious")
        shows(page, f"!!{NEWCOMERS}", "the new accounts' chart")
        assert page.evaluate(f"{NEWCOMERS}.data.datasets.map(d => d.data)") == [[100, 20], [20, 100]]
        labels = page.evaluate(f"{NEWCOMERS}.data.datasets.map(d => d.label)")
        headers = page.locator("#new-accounts-table thead [data-series]").all_inner_texts()
        assert labels == [h.strip() for h in headers] and len(set(labels)) == 2, "named as the columns"
        assert page.evaluate(f"{NEWCOMERS}.data.labels") == ["C7-HLT: Mother and Child SMS",
                                                             "C7-HLT: Telemedicine for All"]
        visit.check("new-accounts")
        violations += visit.violations
        context.close()
    assert not violations, "\n".join(violations)
