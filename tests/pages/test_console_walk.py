"""A whole edition run from the consoles in a real browser (Debian's Chromium, Playwright) on the
real stack of processes, with no API call by hand for any step a person takes: the WSIS team
creates an edition from the 2023 one and moves its dates on the dates page so that each phase
comes in turn, stakeholders register (verified from their mail) and submit, the team records
the experts and spreads the assignments, the experts score from the sheet (the SDG boxes on
it), the chair closes the categories and confirms the nominees, the public votes through the
pages, the team watches the live chart and the suspicious-voting report, the experts write
their in-depth analyses, the chair picks a winner (confirmed on a page of its own), the
ceremony passes, and the team downloads the Success Stories PDF and the Stocktaking report.

Databases and the mailbox are read only to assert (and to wait for mail). Every console page
visited is checked with axe-core (no serious or critical violation) and saved as a screenshot
in English, then visited again in French; both under test-artifacts/console/walk/. The API
docs page is opened in the browser for every service's document."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from devstack.corpus import project_2023
from devstack.mailcapture import MailCapture
from devstack.stack import APPS, Stack
from tests.harness.probe import wait_until
from tests.harness.stacks import own_stack
from tests.pages.test_browser import (  # noqa: F401  (browser and mailbox: the fixtures)
    ROOT,
    Visit,
    browser,
    create_admin,
    mailbox,
    register,
    submit_project,
    verification_link,
    verify_and_complete_profile,
    vote,
)
from wsis_common.clock import GENEVA

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SHOTS = ROOT / "test-artifacts" / "console" / "walk"
YEAR = 2049
TEMPLATE = 2023
CATEGORIES = ("C7-HLT", "C7-LRN")
LOCAL = "%Y-%m-%dT%H:%M"  # what the dates page's inputs take: a minute, Geneva time
SERVICES = ("submission", "voting", "review", "notify", "gateway")


@pytest.fixture(scope="module")
def stack(infra, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of its own; the vote settles a second after it closes (not five)."""
    with own_stack(infra, tmp_path_factory.mktemp("walk-stack"), "cw",
                   extra_env={"VOTING_SETTLE_SECONDS": "1"}) as running:
        yield running


def seed_shipped_editions(stack: Stack) -> None:
    """The documented command that loads the 2018 and 2023 editions, run as make run would."""
    submission = next(app for app in APPS if app.name == "submission")
    done = subprocess.run([sys.executable, "-m", "submission", "seed"], env=stack.env_for(submission),
                          cwd=stack.run_dir, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


# -- people and their browsers --

@dataclass
class Person:
    user_name: str
    email: str
    organisation: str
    password: str = "a long enough secret"
    visit: Visit | None = None
    pages: list[tuple[str, str]] = field(default_factory=list)  # (name, url) of console pages seen

    def __getitem__(self, key: str) -> str:  # test_browser's helpers take a dict
        return getattr(self, key)

    @property
    def page(self) -> Page:
        assert self.visit is not None
        return self.visit.page

    def check(self, name: str, console: bool = True) -> None:
        """axe-core and a screenshot; a console page is kept to be seen again in French."""
        assert self.visit is not None
        self.visit.check(name)
        if console:
            self.pages.append((name, self.page.url))


def open_browser(browser: Browser, who: str, language: str = "en") -> Visit:  # noqa: F811
    locale = {"en": "en-GB", "fr": "fr-FR"}[language]
    context = browser.new_context(locale=locale, timezone_id="Asia/Tokyo", accept_downloads=True,
                                  viewport={"width": 1100, "height": 900})
    context.set_default_timeout(20_000)
    folder = SHOTS / language / who
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return Visit(context.new_page(), language, folder)


def log_in(visit: Visit, base: str, person: Person) -> None:
    page = visit.page
    page.goto(f"{base}/login")
    page.fill("#f-identifier", person.user_name)
    page.fill("#f-password", person.password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("load")


def sign_up(browser: Browser, base: str, mailbox: MailCapture, person: Person, who: str) -> None:  # noqa: F811
    """Registers through the pages and verifies from the mail, as a newcomer does."""
    person.visit = open_browser(browser, who)
    register(person.visit, base, person)  # type: ignore[arg-type]
    verify_and_complete_profile(person.visit, base, verification_link(mailbox, person.email), person)  # type: ignore[arg-type]


def flashed(page: Page) -> str:
    assert page.locator(".flash").count() >= 1, "a message says what was done"
    return page.locator(".flash").first.inner_text()


# -- the dates page: the only clock the test has --

def minute(at: datetime) -> datetime:
    return at.astimezone(GENEVA).replace(second=0, microsecond=0)


def a_minute_after(earlier: datetime) -> datetime:
    """The current minute once it is later than `earlier` (the inputs take whole minutes)."""
    while minute(datetime.now(UTC)) <= earlier:
        time.sleep(1)
    return minute(datetime.now(UTC))


def move_dates(admin: Person, base: str, name: str, reason: str, **dates: datetime) -> None:
    """Moves dates on the edition's page, saying why (dates moved into the past need it); a date
    with seconds is typed with them (the input takes them), so that a deadline can follow the
    last submission within a second rather than at the next whole minute."""
    page = admin.page
    page.goto(f"{base}/admin/editions/{YEAR}")
    for key, value in dates.items():
        local = value.astimezone(GENEVA).strftime(f"{LOCAL}:%S" if value.second else LOCAL)
        page.fill(f"#f-phases-{key}", local)
    page.fill("#f-reason", reason)
    page.click(f"main form[action='/admin/editions/{YEAR}'] button[type=submit]")
    page.wait_for_url(f"{base}/admin/editions/{YEAR}")
    assert "dates are saved" in flashed(page), page.locator("main").inner_text()[:2000]
    admin.check(name)


def the_phase_shows(page: Page, base: str, words: str) -> None:
    """Waits for the gateway's copy of the dates: the home page names the phase."""
    def shown() -> bool:
        page.goto(f"{base}/")
        return words in page.locator("body").inner_text()
    wait_until(shown, timeout=30, what=f"the home page in '{words}'")


# -- the steps --

def create_edition(admin: Person, base: str) -> None:
    page = admin.page
    page.goto(f"{base}/admin")
    admin.check("admin-home")
    page.goto(f"{base}/admin/editions")
    admin.check("editions")
    page.click("main a[href='/admin/editions/new']")
    page.select_option("#f-template", str(TEMPLATE))
    page.fill("#f-year", "")  # the year left out: said beside its input, in words
    page.click("main form button[type=submit]")
    assert page.locator("#f-year-errors").is_visible()
    admin.check("edition-new-errors")
    page.fill("#f-year", str(YEAR))
    page.fill("#f-ordinal", str(12 + YEAR - TEMPLATE))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/admin/editions/{YEAR}")
    assert f"from the {TEMPLATE} edition" in flashed(page)
    # Dates a person reads: never an ISO string on the page.
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", page.locator("main").inner_text())
    admin.check("edition-created")
    # Small enough to walk: two experts per submission, two nominees and two finalists.
    for key, value in (("nominees_per_category", "2"), ("finalists_per_category", "2"),
                       ("reviewers_per_submission", "2")):
        page.fill(f"#f-parameters-{key}", value)
    page.click(f"main form[action='/admin/editions/{YEAR}/parameters'] button[type=submit]")
    page.wait_for_url(re.compile(rf".*/admin/editions/{YEAR}(#parameters)?$"))
    assert "parameters are saved" in flashed(page)
    # Refused dates are said in words, with the other date in Geneva time.
    page.fill("#f-phases-submission_closes", "2020-01-01T10:00")
    page.click(f"main form[action='/admin/editions/{YEAR}'] button[type=submit]")
    reason = page.locator("#f-phases-submission_closes-errors").inner_text()
    assert "must come after" in reason and not re.search(r"\d{4}-\d{2}-\d{2}T", reason), reason
    admin.check("dates-refused")


def grant_expert(admin: Person, base: str, expert: Person) -> None:
    page = admin.page
    page.goto(f"{base}/admin/accounts?q={expert.user_name}")
    page.click("main table button[type=submit]:has-text('expert')")
    page.wait_for_url(re.compile(r".*/admin/accounts.*"))
    assert "expert" in flashed(page).lower()


def record_and_spread(admin: Person, base: str, experts: list[Person]) -> None:
    page = admin.page
    for expert in experts:
        grant_expert(admin, base, expert)
    admin.check("accounts")
    page.goto(f"{base}/admin/editions/{YEAR}/experts")
    admin.check("experts-to-record")
    for expert in experts:
        row = page.locator("main tr", has_text=expert.user_name)
        row.locator("input[name=organisation]").fill(expert.organisation)
        row.locator("button[type=submit]").click()
        page.wait_for_url(f"{base}/admin/editions/{YEAR}/experts")
        assert expert.organisation in flashed(page)
    rows = page.locator("#submissions ~ table tbody tr")
    wait_until(lambda: page.reload() is not None and rows.count() >= 4, timeout=30,
               what="the four submissions in the review queue")
    page.click("main form[action$='/assignments/spread'] button[type=submit]")
    page.wait_for_url(f"{base}/admin/editions/{YEAR}/experts")
    assert "assignments made" in flashed(page), flashed(page)
    assert "still lack reviewers" not in page.locator("main").inner_text()
    admin.check("experts-spread")


def score_from_the_sheet(expert: Person, base: str, projects: list[dict[str, Any]], first: bool) -> None:
    page = expert.page
    page.goto(f"{base}/expert")
    page.wait_for_url(f"{base}/expert/editions/{YEAR}")
    if first:
        expert.check("expert-queue")
    for number, project in enumerate(projects):
        page.goto(f"{base}/expert/editions/{YEAR}")
        page.click(f"main table a:has-text('{project['title']}')")
        page.wait_for_url(re.compile(r".*/reviews/[^/]+$"))
        address = page.url
        sheet = page.locator("main").inner_text()
        for goal in project["sdgs"]:  # the stakeholder's SDG boxes, on the sheet
            assert project["answers"]["sdg_links"][str(goal)][:60] in sheet
        assert page.locator(".sdg-links").is_visible()
        assert "Completed" in page.locator(".facts").inner_text(), "the project's status"
        score = 4 - number % 2
        for select in page.locator("main select").all():
            select.select_option(str(score))
        if first and number == 0:
            page.click("main form button[type=submit]")  # no comment yet: refused beside it
            assert page.locator("#f-comment-errors").is_visible()
            expert.check("review-sheet-errors")
        page.fill("#f-comment", "Clear outcomes; the partnership model could travel to other regions.")
        page.click("main form button[type=submit]")
        page.wait_for_url(re.compile(rf".*/(expert/editions/{YEAR}|reviews)$"))
        assert "saved" in flashed(page)
        if first and number == 0:  # the sheet again, as saved
            page.goto(address)
            assert page.locator("#f-comment").input_value().startswith("Clear outcomes")
            expert.check("review-sheet")


def confirm_nominees(chair: Person, base: str, category: str, first: bool) -> None:
    page = chair.page
    page.goto(f"{base}/chair")
    page.wait_for_url(f"{base}/chair/editions/{YEAR}")
    if first:
        chair.check("chair-categories")
    page.click(f"main a[href='/chair/editions/{YEAR}/{category}']")
    if first:
        chair.check("chair-ranking")
    page.click(f"main form[action$='/{category}/close'] button[type=submit]")
    assert page.locator("main h1").inner_text() == "Please confirm"
    if first:
        chair.check("chair-close-confirm")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/chair/editions/{YEAR}/{category}")
    assert "is closed" in flashed(page)
    page.click(f"main form[action$='/{category}/nominees'] button[type=submit]")
    page.wait_for_url(f"{base}/chair/editions/{YEAR}/{category}")
    assert "nominees of" in flashed(page) and "confirmed" in flashed(page)
    if first:
        chair.check("chair-nominees-confirmed")


def watch_the_vote(admin: Person, base: str, votes: dict[str, int]) -> None:
    page = admin.page
    page.goto(f"{base}/admin/editions/{YEAR}/vote/live")
    for category, count in votes.items():
        canvas = f"canvas[data-chart=counts][data-category=\"{category}\"]"
        chart = f"Chart.getChart(document.querySelector('{canvas}'))"
        wait_until(lambda c=chart: bool(page.evaluate(f"!!{c} && {c}.data.datasets[0].data.length === 2")),
                   timeout=20, what=f"the {category} bar chart")
        assert sum(page.evaluate(f"{chart}.data.datasets[0].data")) == count
    timeline = "Chart.getChart(document.querySelector('canvas[data-chart=timeline]'))"
    assert page.evaluate(f"{timeline}.data.datasets.length") == len(votes), "a line per category"
    assert f"{sum(votes.values())}" in page.locator("main").inner_text()
    admin.check("vote-live")
    page.click("main a:has-text('suspicious-voting report')")
    page.wait_for_url(re.compile(rf".*/admin/editions/{YEAR}/vote/suspicious.*"))
    page.fill("#f-threshold", "2")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*threshold=2.*"))
    assert "example.org" in page.locator("main table").first.inner_text(), "the voters' shared e-mail domain"
    bursts = "Chart.getChart(document.querySelector('canvas[data-chart=bursts]'))"
    wait_until(lambda: bool(page.evaluate(f"!!{bursts}")), timeout=20, what="the bursts' chart")
    admin.check("vote-suspicious")


def analyse(expert: Person, base: str, category: str, first: bool) -> None:
    page = expert.page
    page.goto(f"{base}/expert/editions/{YEAR}")
    page.click(f"main a[href='/expert/editions/{YEAR}/{category}/finalists']")
    if first:
        expert.check("expert-finalists")
    finalists = page.url
    for number in range(page.locator("main table tbody a").count()):
        page.goto(finalists)
        page.locator("main table tbody a").nth(number).click()
        page.wait_for_url(re.compile(rf".*/{category}/finalists/[^/]+$"))
        assert page.locator(".sdg-links").is_visible(), "everything the stakeholder wrote"
        for select in page.locator("main select").all():
            select.select_option(select.locator("option").last.get_attribute("value"))
        page.fill("#f-note", "Scaled to three regions; strong impact on WSIS action lines C7 and on SDG 3.")
        page.click("main form button[type=submit]")
        assert "is saved" in flashed(page)
        if first and number == 0:
            expert.check("expert-analysis")


def pick_winner(chair: Person, base: str, category: str, title: str, first: bool) -> None:
    page = chair.page
    page.goto(f"{base}/chair/editions/{YEAR}/{category}/finalists")
    wait_until(lambda: page.reload() is not None and page.locator("input[name=submission_id]").count() == 2,
               timeout=60, what=f"the finalists of {category}")
    if first:
        chair.check("chair-finalists")
    page.locator("main section.card", has_text=title).locator("input[name=submission_id]").check()
    page.click("main form[action$='/winner'] button[type=submit]")
    assert "Please confirm" in page.locator("main h1").inner_text()
    assert "secret until the prize ceremony" in page.locator("main").inner_text()
    if first:
        chair.check("chair-winner-confirm")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/chair/editions/{YEAR}/{category}/finalists")
    assert "Keep it secret" in flashed(page)


def download(page: Page, link: str) -> bytes:
    with page.expect_download() as info:
        page.click(link)
    path = info.value.path()
    with open(path, "rb") as handle:
        return handle.read()


def read_the_publications(admin: Person, base: str, winners: list[str], titles: list[str]) -> None:
    from pypdf import PdfReader

    page = admin.page
    page.goto(f"{base}/admin/editions/{YEAR}/reports")
    admin.check("reports")
    pdf = download(page, "main a[href$='success-stories.pdf']")
    assert pdf.startswith(b"%PDF")
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
    text = re.sub(r"\s+", " ", text)
    assert all(re.sub(r"\s+", " ", w) in text for w in winners), "the PDF names the winners"
    csv = download(page, "main a[href$='stocktaking-report.csv']").decode("utf-8-sig")
    assert all(title in csv for title in titles), "the CSV has every project"
    page.click("main a[href$='stocktaking-report.html']")
    assert all(title in page.locator("main").inner_text() for title in titles)
    admin.check("stocktaking")
    page.goto(f"{base}/admin/editions/{YEAR}/audit")
    trail = page.locator("main").inner_text()
    assert all(word in trail for word in (admin.user_name,)), "who changed the dates"
    admin.check("audit")


def tour_the_rest(admin: Person, base: str) -> None:
    """The team's pages the run did not need: the mail log, one mail, a resend's confirmation,
    the failed mails, the past winners."""
    page = admin.page
    page.goto(f"{base}/admin/editions/{YEAR}/mail")
    admin.check("mail-log")
    page.goto(f"{base}/admin/editions/{YEAR}/mail?kind=receipt")  # filtered by kind
    page.locator("main table a[href^='/admin/mail/']").first.click()
    page.wait_for_url(re.compile(r".*/admin/mail/[^/]+$"))
    admin.check("mail-one")
    page.goto(page.url + "/resend")
    admin.check("mail-resend-confirm")
    page.goto(f"{base}/admin/mail/failed")
    admin.check("mail-failed")
    page.goto(f"{base}/admin/winners")
    admin.check("past-winners")
    page.goto(f"{base}/admin/editions/{YEAR}/experts")
    admin.check("experts-after")


def in_french(browser: Browser, base: str, person: Person, who: str) -> list[str]:  # noqa: F811
    """Every console page the person saw, again in French: axe-core and a screenshot."""
    visit = open_browser(browser, who, "fr")
    log_in(visit, base, person)
    seen: set[str] = set()
    for name, url in person.pages:
        if url in seen or url.endswith(("/close", "/winner", "/nominees", "/reopen")):
            continue  # a page answered to a POST (a confirmation): not an address of its own
        seen.add(url)
        visit.page.goto(url)
        assert visit.page.locator("html").get_attribute("lang") == "fr", url
        visit.check(name)
    context: BrowserContext = visit.page.context
    context.close()
    return visit.violations


def test_a_whole_edition_is_run_from_the_consoles_in_the_browser(
    stack: Stack, mailbox: MailCapture, browser: Browser,  # noqa: F811
) -> None:
    base, run = stack.gateway_url, uuid.uuid4().hex[:6]
    admin = Person(f"team-{run}", f"team-{run}@example.org", "ITU", password="the team's secret")
    seed_shipped_editions(stack)
    create_admin(stack, admin.email, admin.user_name, admin.password)
    admin.visit = open_browser(browser, "admin")
    log_in(admin.visit, base, admin)

    # Phase 1 opens: the edition from the 2023 one, its submission phase from now.
    create_edition(admin, base)
    now = minute(datetime.now(UTC))
    move_dates(admin, base, "dates-submission-open", "The call for the 2049 edition opens now.",
               submission_opens=now - timedelta(days=1),
               submission_closes=now + timedelta(days=5), nomination_opens=now + timedelta(days=5),
               nomination_closes=now + timedelta(days=6), nominees_published_at=now + timedelta(days=7),
               voting_opens=now + timedelta(days=7), voting_closes=now + timedelta(days=14),
               selection_opens=now + timedelta(days=14), selection_closes=now + timedelta(days=16),
               forum_opens=now + timedelta(days=20), ceremony_at=now + timedelta(days=21),
               forum_closes=now + timedelta(days=25))
    the_phase_shows(admin.page, base, "Phase 1")

    stakeholders = [Person(f"amina-{run}", f"amina-{run}@example.org", f"Digital Health Kenya {run}"),
                    Person(f"kofi-{run}", f"kofi-{run}@example.org", f"Solar Schools Ghana {run}")]
    experts = [Person(f"ines-{run}", f"ines-{run}@experts.net", f"University of Geneva {run}"),
               Person(f"omar-{run}", f"omar-{run}@experts.net", f"Open Data Institute {run}")]
    for number, person in enumerate(stakeholders + experts):
        sign_up(browser, base, mailbox, person, f"{'stakeholder' if number < 2 else 'expert'}-{number + 1}")
    projects: dict[str, list[dict[str, Any]]] = {c: [] for c in CATEGORIES}
    for number, person in enumerate(stakeholders):
        for category in CATEGORIES:
            project = project_2023(300 + 10 * number + CATEGORIES.index(category), category=category,
                                   entity=person.organisation)
            submit_project(person.visit, base, YEAR, project, javascript=True)  # type: ignore[arg-type]
            projects[category].append(project)
    submitted = datetime.now(UTC)
    titles = [p["title"] for c in CATEGORIES for p in projects[c]]

    # Phase 2: the submissions close; the team records the experts and spreads the work.
    # The deadline after the last submission accepted: a deadline never moves before one.
    closed = max(minute(datetime.now(UTC)), (submitted + timedelta(seconds=1)).replace(microsecond=0))
    while datetime.now(UTC) < closed:
        time.sleep(0.2)
    move_dates(admin, base, "dates-nomination-open", "Every project is in: the call closes now.",
               submission_closes=closed, nomination_opens=closed)
    record_and_spread(admin, base, experts)
    for number, expert in enumerate(experts):  # logged in since they registered; now experts
        score_from_the_sheet(expert, base, [p for c in CATEGORIES for p in projects[c]], first=number == 0)
    for number, category in enumerate(CATEGORIES):
        confirm_nominees(admin, base, category, first=number == 0)

    # Phase 3: the nominees are published on their date and the public votes.
    published = a_minute_after(closed)
    move_dates(admin, base, "dates-vote-open", "The nominee lists are confirmed: the vote opens now.",
               nomination_closes=published, nominees_published_at=published, voting_opens=published)
    the_phase_shows(admin.page, base, "Phase 3")
    favourite = {c: projects[c][0]["title"] for c in CATEGORIES}
    for person in stakeholders:
        page = person.page

        def on_the_ballot(p: Page = page) -> bool:
            # Several times in a row: each voting process keeps the ballot it read for a second,
            # and nginx may send each request to another one.
            for _ in range(5):
                p.goto(f"{base}/editions/{YEAR}/vote")
                if not all(p.locator(f"#category-{c} a").count() == 1 for c in CATEGORIES):
                    return False
                time.sleep(0.3)
            return True

        wait_until(on_the_ballot, timeout=60, what="the published nominees on the ballot")
        for category in CATEGORIES:
            vote(person.visit, base, YEAR, category, favourite[category])  # type: ignore[arg-type]
    watch_the_vote(admin, base, dict.fromkeys(CATEGORIES, 2))

    # Phase 4: the vote closes in a few seconds (a running vote closes at a date still to come);
    # the experts analyse, the chair picks.
    closes = (datetime.now(UTC) + timedelta(seconds=15)).replace(microsecond=0)
    move_dates(admin, base, "dates-vote-closes", "Everyone has voted: the vote closes early.",
               voting_closes=closes, selection_opens=closes)
    while datetime.now(UTC) < closes + timedelta(seconds=2):
        time.sleep(1)
    admin.page.goto(f"{base}/chair/editions/{YEAR}/{CATEGORIES[0]}/finalists")
    wait_until(lambda: admin.page.reload() is not None
               and admin.page.locator("input[name=submission_id]").count() == 2,
               timeout=90, what="the finalists from the closed vote (the chair's page shows them)")
    for number, expert in enumerate(experts):
        for index, category in enumerate(CATEGORIES):
            analyse(expert, base, category, first=number == 0 and index == 0)
    winners = [projects[c][1]["title"] for c in CATEGORIES]  # not the public's favourite
    for number, category in enumerate(CATEGORIES):
        pick_winner(admin, base, category, winners[number], first=number == 0)

    # Phase 5: the ceremony passes; the winners are announced; the team reads the publications.
    ceremony = a_minute_after(closes)
    move_dates(admin, base, "dates-ceremony", "The winners are picked: the ceremony is now.",
               selection_closes=ceremony, forum_opens=ceremony,
               ceremony_at=ceremony)

    def announced() -> bool:
        admin.page.goto(f"{base}/editions/{YEAR}/results")
        return all(w in admin.page.locator("main").inner_text() for w in winners) and \
            admin.page.locator(".winner").count() >= 1
    wait_until(announced, timeout=60, what="the winners announced on the results page")
    read_the_publications(admin, base, winners, titles)
    tour_the_rest(admin, base)

    # The API docs and every console page again in French.
    violations = [v for person in (admin, *experts) for v in person.visit.violations]  # type: ignore[union-attr]
    violations += in_french(browser, base, admin, "admin")
    violations += in_french(browser, base, experts[0], "expert")
    assert len(admin.pages) >= 25 and len(experts[0].pages) >= 4
    assert not violations, "axe-core found serious or critical violations:\n" + "\n".join(violations)


def test_the_api_docs_render_every_services_document(stack: Stack, browser: Browser) -> None:  # noqa: F811
    visit = open_browser(browser, "api-docs")
    page = visit.page
    errors: list[str] = []
    # The browser's own request for /favicon.ico (the site has none) is not the page's error.
    page.on("console", lambda m: errors.append(f"{m.text} {m.location.get('url')}")
            if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{stack.gateway_url}/api/docs")
    for service in SERVICES:
        page.select_option(".topbar select", label=service)
        wait_until(lambda s=service: page.locator(".opblock").count() > 0
                   and f"/openapi/{s}.json" in page.locator(".information-container").inner_text(),
                   timeout=20, what=f"the {service} operations")
        assert "Unable to render this definition" not in page.locator("body").inner_text(), service
        assert page.locator(".opblock").first.is_visible()
        visit.check(f"api-docs-{service}")
    assert not errors, errors
    assert not visit.violations, "\n".join(visit.violations)
