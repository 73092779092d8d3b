"""A person goes through the contest in a real browser (Debian's headless chromium, driven by
Playwright) on the real stack of processes: register → verify from the e-mail the platform
sent (captured by a real local SMTP server) → complete the profile → submit a project → vote.

Twice: in English with JavaScript off (the pages work without it), and in Arabic, the
browser's language, with JavaScript on (right to left; the visitor's own time; live word
counts). Between the submissions and the vote, the WSIS team (the first admin, made by the
documented command) moves the edition's dates on the phase dates page so that the vote is
open, appoints an expert and reads the Stocktaking report; the expert then sees the review
queue and fills a review sheet. A third person submits on the 2018 form, which asks for a
photo, and the photo is served back. Every page is checked with axe-core (no serious or
critical violation) and saved as a screenshot under test-artifacts/screenshots/<en|ar|admin|photo>/."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from devstack.corpus import project_2018, project_2023
from devstack.mailcapture import MailCapture, body_of
from devstack.stack import APPS, Stack
from submission.service.reference import shipped_editions
from tests.e2e.editions import edition_2023
from tests.harness.probe import wait_until
from tests.harness.publishing import publish
from wsis_common.clock import GENEVA
from wsis_common.envelope import Envelope
from wsis_common.words import count_words

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
YEAR = 2046
YEAR_WITH_PHOTO = 2047  # an edition on the 2018 form, which asks for a photo
SERIOUS = ("serious", "critical")
AS_RECEIVED = "/__page-as-received__"  # the twin page's address (answered by the test itself)
_LONG = ("Community radio stations in twelve districts broadcast farming, health and school programmes "
         "in four local languages, produced by volunteers trained by the network, and listeners call "
         "in with questions that experts answer on air every week; the recordings are kept online for "
         "schools, and the model has been taken up by two neighbouring countries since.")
# A category of nominees beside the walk's two submissions, published with them: the walk votes
# in three categories.
EXTRA_CATEGORY = {"category": "C4", "nominees": [
    {"submission_id": f"walk-c4-{n}", "title": title, "short_description": _LONG,
     "entity": {"name": organisation, "type": "Civil society", "country": country}}
    for n, (title, organisation, country) in enumerate([
        ("Coding Clubs for Girls", "Code Club Kenya", "KE"),
        ("Community Radio Academy", "Voices of the Valley", "CI")])]}


# -- the stack's mail, the browser, the edition --

@pytest.fixture(scope="module")
def mailbox(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailCapture]:
    """The mail notify sends, as the capturing SMTP server keeps it. devstack runs that server
    when it has one; otherwise this starts one and points the notify worker at it."""
    if "mailcapture" in stack.processes:
        yield MailCapture(stack.run_dir / "mail")
        return
    capture = MailCapture(tmp_path_factory.mktemp("mail")).start()
    notify = next(app for app in APPS if app.name == "notify")
    stack.extra_env.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(capture.smtp_port))
    stack.stop_process("notify-worker")
    stack.start_worker(notify)
    stack.wait_ready(60)
    yield capture
    capture.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def schedule(now: datetime) -> dict[str, str]:
    """Phase dates that put the edition in its submission phase at `now`."""
    day = timedelta(days=1)
    marks = [-1, 5, 5, 6, 7, 7, 14, 14, 16, 20, 21, 25]
    keys = list(edition_2023()["phases"])
    return {key: (now + mark * day).isoformat() for key, mark in zip(keys, marks, strict=True)}


def create_edition(stack: Stack, admin_headers: dict[str, str], year: int, **changes: Any) -> int:
    """An edition in its submission phase, created through the API, once the gateway has it."""
    body = {**edition_2023(year), "phases": schedule(datetime.now(UTC)), **changes}
    created = requests.post(f"{stack.gateway_url}/api/v1/editions", json=body, headers=admin_headers,
                            timeout=10)
    assert created.status_code == 201, created.text
    wait_until(lambda: f"WSIS Prizes {year}" in requests.get(stack.gateway_url, timeout=5).text,
               what="the gateway's copy of the edition")
    return year


@pytest.fixture(scope="module")
def edition(stack: Stack, admin_headers: dict[str, str]) -> int:
    return create_edition(stack, admin_headers, YEAR)


@pytest.fixture(scope="module")
def edition_with_photo(stack: Stack, admin_headers: dict[str, str]) -> int:
    shipped_2018 = next(e for e in shipped_editions() if e["year"] == 2018)
    return create_edition(stack, admin_headers, YEAR_WITH_PHOTO, form=shipped_2018["form"],
                          parameters=shipped_2018["parameters"])


# -- what the test keeps of every page --

@dataclass
class Visit:
    page: Page
    language: str
    folder: Path
    # axe-core is a script: for a visit with JavaScript off, it runs on a twin page that shows
    # the very HTML the visit received (same origin and style sheet, the pages' script blocked).
    checker: Page | None = None
    axe: Axe = field(default_factory=Axe)
    shots: list[Path] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    html: str = ""

    def check(self, name: str) -> None:
        """Screenshot the page and run axe-core on it."""
        self.page.wait_for_load_state("load")
        path = self.folder / f"{len(self.shots) + 1:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.shots.append(path)
        target = self.page
        if self.checker is not None:
            self.html = self.page.content()
            origin = re.match(r"https?://[^/]+", self.page.url).group(0)
            self.checker.goto(f"{origin}{AS_RECEIVED}")
            target = self.checker
        results = self.axe.run(target).response
        for violation in results["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [n["target"] for n in violation["nodes"]][:5]
                self.violations.append(f"{self.language}/{name}: {violation['id']} ({violation['impact']}) "
                                       f"{violation['help']} at {targets}")


def open_visit(browser: Browser, language: str, *, javascript: bool, folder_name: str | None = None) -> Visit:
    locale = {"en": "en-GB", "ar": "ar-EG"}[language]
    context = browser.new_context(locale=locale, java_script_enabled=javascript, timezone_id="Asia/Tokyo",
                                  viewport={"width": 1100, "height": 900})
    context.set_default_timeout(20_000)
    folder = SCREENSHOTS / (folder_name or language)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    visit = Visit(context.new_page(), language, folder)
    if not javascript:
        twin = browser.new_context(locale=locale, viewport={"width": 1100, "height": 900})
        twin.route(f"**{AS_RECEIVED}", lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=visit.html))
        twin.route("**/static/js/**", lambda route: route.abort())
        visit.checker = twin.new_page()
    return visit


# -- the steps a person takes --

def register(visit: Visit, base: str, user: dict[str, str]) -> None:
    page = visit.page
    page.goto(f"{base}/")
    visit.check("home")
    # Keyboard: the first Tab reaches the skip link, shown with a visible focus ring.
    page.keyboard.press("Tab")
    assert page.locator(".skip-link").evaluate("e => e === document.activeElement")
    assert page.locator(".skip-link").evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0, "the skip link shows when focused"
    page.goto(f"{base}/register")
    # First with a password that is too short: every error beside its field.
    page.fill("#f-user_name", user["user_name"])
    page.fill("#f-email", user["email"])
    page.fill("#f-password", "short")
    page.fill("#f-organisation_name", user["organisation"])
    page.select_option("#f-organisation_type", "civil_society")
    page.select_option("#f-country", "KE")
    page.click("form button[type=submit]")
    assert page.locator("#f-password-errors").is_visible()
    assert page.get_attribute("#f-password", "aria-invalid") == "true"
    assert page.input_value("#f-user_name") == user["user_name"], "what was typed is kept"
    visit.check("register-errors")
    page.fill("#f-password", user["password"])
    page.click("form button[type=submit]")
    # The same answer whether or not the address has an account (issue 19): check your mail.
    assert page.locator("main h1").inner_text() in {"Check your mail", "تحقق من بريدك"}
    visit.check("register-check-your-mail")
    page.goto(f"{base}/login")
    page.fill("#f-identifier", user["user_name"])
    page.fill("#f-password", user["password"])
    page.click("main form button[type=submit]")
    page.goto(f"{base}/profile")
    assert page.locator("#profile-status.notice-warning").is_visible(), "not complete before the e-mail"
    visit.check("profile-before-verification")


def verification_link(mailbox: MailCapture, email: str) -> str:
    found: list[str] = []

    def arrived() -> bool:
        for message in mailbox.messages():
            if email in str(message.get("To", "")):
                match = re.search(r"https?://\S+/verify\?token=[\w.\-]+", body_of(message))
                if match:
                    found.append(match.group(0))
                    return True
        return False

    wait_until(arrived, timeout=60, what=f"the verification mail to {email}")
    return found[0]


def verify_and_complete_profile(visit: Visit, base: str, link: str, user: dict[str, str]) -> None:
    page = visit.page
    assert link.startswith(f"{base}/verify?token="), link
    page.goto(link)
    assert page.locator("h1").count() == 1
    visit.check("verified")
    page.goto(f"{base}/profile")
    page.fill("#f-organisation_name", user["organisation"] + " Foundation")
    page.click("main form:not([action$='verification']) button[type=submit]")
    page.wait_for_url(f"{base}/profile")
    assert page.locator("#profile-status.notice-ok").is_visible(), "complete once verified"
    visit.check("profile-complete")


def fill_questionnaire(page: Page, project: dict[str, Any]) -> None:
    """Everything but the title, the SDGs and the photo, with the edition's own answer boxes."""
    page.select_option("#f-category", project["category"])
    page.fill("#f-entity-name", project["entity"]["name"])
    page.select_option("#f-entity-type", "Civil society")
    page.select_option("#f-entity-country", project["entity"]["country"])
    page.fill("#f-coordinator-name", project["coordinator"]["name"])
    page.fill("#f-coordinator-email", project["coordinator"]["email"])
    page.check("#f-project_status-completed")
    for box, text in project["answers"].items():
        if box != "sdg_links":
            page.fill(f"#f-answers-{box}", text)


def submit_project(visit: Visit, base: str, year: int, project: dict[str, Any], *, javascript: bool,
                   via_draft: bool = False) -> None:
    page = visit.page
    page.goto(f"{base}/editions/{year}/submit")
    visit.check("questionnaire")
    # Sent nearly empty first: the service's reasons appear beside their fields.
    page.fill("#f-title", project["title"])
    page.click("button[name=action][value=submit]")
    for name in ("category", "project_status", "answers-short_description", "sdgs"):
        assert page.locator(f"#f-{name}-errors").is_visible(), name
    assert page.input_value("#f-title") == project["title"]
    visit.check("questionnaire-errors")

    fill_questionnaire(page, project)
    for number in project["sdgs"]:
        page.check(f"#f-sdgs-{number}")
        page.fill(f"#f-answers-sdg_links-{number}", project["answers"]["sdg_links"][str(number)])
    counted = page.locator("#f-answers-short_description-count [data-count]").inner_text()
    if javascript:  # counted live as typed, as the service counts
        assert int(counted) == count_words(project["answers"]["short_description"])
    if via_draft:  # saved as a draft, left, and taken up again from "My submissions"
        page.click("button[name=action][value=draft]")
        page.wait_for_url(f"{base}/editions/{year}/submissions")
        assert page.locator(".flash[role=status]").is_visible(), "the draft is saved"
        visit.check("draft-saved")
        page.click("main table a:has-text('Continue this draft')")
        page.wait_for_url(re.compile(r".*/submissions/[^/]+/edit$"))
        assert page.input_value("#f-title") == project["title"], "the draft keeps what was typed"
        assert page.input_value("#f-answers-impact") == project["answers"]["impact"]
        assert page.is_checked(f"#f-sdgs-{project['sdgs'][0]}")
    page.click("button[name=action][value=submit]")
    page.wait_for_url(f"{base}/editions/{year}/submissions")
    assert project["title"] in page.locator("main table").inner_text()
    assert page.locator("main table a:has-text('Continue this draft')").count() == 0, "the draft became it"
    visit.check("my-submissions")


def vote(visit: Visit, base: str, year: int, category: str, title: str, *, search: str | None = None,
         javascript: bool = False) -> None:
    """Vote through the categories' list and the category's page (or, with `search`, the
    search's result and the nominee's shareable page), then the confirmation step."""
    page = visit.page
    page.goto(f"{base}/editions/{year}/vote")
    if search is None:
        page.click(f"#category-{category} a")
        page.wait_for_url(f"{base}/editions/{year}/vote/{category}")
        choose = page.locator("li.nominee", has_text=title).locator("a.button")
    else:
        # The search form comes with the published ballot, which a voting process may have
        # read a second before the publication (see on_the_ballot): reload until it is there.
        def searchable() -> bool:
            if page.locator("#f-q").count() == 1:
                return True
            page.reload()
            return False

        wait_until(searchable, timeout=15, what="the ballot's search form")
        page.fill("#f-q", search)
        page.click("main form[role=search] button[type=submit]")
        choose = page.locator("ul.found a", has_text=title)

    def on_the_ballot() -> bool:
        # Each voting process keeps a ballot for VOTING_CACHE_SECONDS (1 s): one that read it
        # just before the publication still shows the old one until then, as a reload shows.
        if choose.count() == 1:
            return True
        page.reload()
        return False

    wait_until(on_the_ballot, timeout=15, what=f"{title!r} on the {category} ballot")
    visit.check("ballot-search" if search else "ballot-category")
    choose.click()
    if search is not None:
        page.wait_for_url(re.compile(rf".*/editions/{year}/nominees/[^/]+$"))
        assert page.locator("h1").inner_text() == title
        visit.check("nominee")
        page.click("main a.button")
    page.wait_for_url(re.compile(rf".*/editions/{year}/vote/{category}/[^/]+/confirm$"))
    assert title in page.locator("main").inner_text(), "the confirmation names the project"
    visit.check("vote-confirm")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(rf".*/editions/{year}/vote/{re.escape(category)}\?voted=[^&]+$"))
    assert page.locator(".flash[role=status]").is_visible(), "the vote is recorded"
    assert page.locator(".nominee-chosen h2").inner_text() == title
    assert page.locator("a[href$='/confirm']").count() == 0, "one vote per category"
    visit.check("vote-cast")
    if javascript:  # the shared category page, marked from the voter's display cookie
        page.goto(f"{base}/editions/{year}/vote/{category}")
        assert page.locator(".nominee-chosen h2").inner_text() == title, "the voter's own mark"
        assert page.locator("a[href$='/confirm']").count() == 0, "no Vote button left"
    page.goto(f"{base}/editions/{year}/vote")
    assert title in page.locator(f"#category-{category}").inner_text(), "the choice on the list"
    visit.check("ballot-categories")
    page.goto(f"{base}/editions/{year}/results")
    visit.check("results")


def create_admin(stack: Stack, email: str, user_name: str, password: str) -> None:
    """The documented command that makes the first admin, run as make run would."""
    gateway = next(app for app in APPS if app.name == "gateway")
    done = subprocess.run([sys.executable, "-m", "portal", "create-admin", email, user_name],
                          env={**stack.env_for(gateway), "ADMIN_PASSWORD": password}, cwd=stack.run_dir,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def work_as_admin(visit: Visit, base: str, year: int, admin: dict[str, str], expert: str,
                  titles: list[str]) -> None:
    """The WSIS team moves the dates so that the vote is open now (the phase dates page, saying
    why), appoints an expert and reads the Stocktaking report."""
    # Every submission is in: the call closes the second after, the nomination lasts a second and
    # the vote opens the next (a deadline never moves before a submission already accepted).
    closes = (datetime.now(UTC) + timedelta(seconds=1)).replace(microsecond=0)
    opens = closes + timedelta(seconds=1)
    page = visit.page
    page.goto(f"{base}/login")
    page.fill("#f-identifier", admin["user_name"])
    page.fill("#f-password", admin["password"])
    page.click("main form button[type=submit]")
    page.goto(f"{base}/admin")
    visit.check("admin")
    page.goto(f"{base}/admin/editions/{year}")
    visit.check("phase-dates")
    while datetime.now(UTC) < opens:
        time.sleep(0.2)
    for keys, value in ((("submission_closes", "nomination_opens"), closes),
                        (("nomination_closes", "nominees_published_at", "voting_opens"), opens)):
        for key in keys:  # to the second: the input takes it
            page.fill(f"#f-phases-{key}", value.astimezone(GENEVA).strftime("%Y-%m-%dT%H:%M:%S"))
    page.fill("#f-reason", "Every project is in: the call closes and the vote opens now.")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/admin/editions/{year}")
    assert page.locator(".flash[role=status]").is_visible(), "the dates are saved"
    visit.check("phase-dates-saved")
    page.goto(f"{base}/admin/accounts?q={expert}")
    page.click("main table button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/accounts.*"))
    assert page.locator(".flash[role=status]").is_visible(), "the role is granted"
    assert "Remove the expert role" in page.locator("main table").inner_text()
    visit.check("accounts-expert-granted")
    report = page.request.get(f"{base}/admin/editions/{year}/stocktaking-report.csv")
    assert report.status == 200 and all(title in report.text() for title in titles)
    page.goto(f"{base}/admin/editions/{year}/stocktaking-report.html")
    assert all(title in page.content() for title in titles)


def publish_nominees(stack: Stack, admin_headers: dict[str, str], year: int) -> None:
    """The nominee lists, published as the review service publishes them (its own publication
    needs the expert group's whole review, which its tests walk through)."""
    report = requests.get(f"{stack.gateway_url}/api/v1/editions/{year}/stocktaking-report",
                          headers=admin_headers, timeout=10).json()
    categories = [{"category": c["code"], "nominees": [
        {"submission_id": s["id"], "title": s["title"], "short_description": s["short_description"],
         "entity": s["entity"]}
        for s in c["submissions"]]} for c in report["categories"] if c["submissions"]]
    categories.append(EXTRA_CATEGORY)  # a third category to vote in
    envelope = Envelope(type="nominees.published", producer="review", edition=year,
                        payload={"categories": categories})
    publish(stack.broker_url, envelope)

    def ballot_ready() -> bool:
        # Several times in a row, though nginx may send them all to one voting process, whose
        # cache is its own: the vote page waits for the nominee too.
        for _ in range(8):
            ballot = requests.get(f"{stack.gateway_url}/api/v1/editions/{year}/ballot", timeout=5).json()
            if ballot.get("is_open") is not True or len(ballot.get("categories", [])) != len(categories):
                return False
        return True

    wait_until(ballot_ready, timeout=30, what="the ballot with the nominees, open")
    wait_until(lambda: "Phase 3" in requests.get(stack.gateway_url, timeout=5).text,
               what="the gateway's copy of the moved dates")


def assign_for_review(stack: Stack, admin_headers: dict[str, str], year: int, expert: dict[str, str],
                      title: str) -> str:
    """The WSIS team records the expert (and their organisation) and assigns them a project."""
    base = stack.gateway_url
    found = requests.get(f"{base}/api/v1/accounts", params={"q": expert["user_name"]}, headers=admin_headers,
                         timeout=10).json()
    account_id = next(a["id"] for a in found if a["user_name"] == expert["user_name"])
    recorded = requests.put(f"{base}/api/v1/reviews/experts/{account_id}", headers=admin_headers, timeout=10,
                            json={"name": expert["user_name"], "email": expert["email"], "organisation": {
                                "name": expert["organisation"], "type": "Academia", "country": "EG"}})
    assert recorded.status_code == 200, recorded.text
    report = requests.get(f"{base}/api/v1/editions/{year}/stocktaking-report", headers=admin_headers,
                          timeout=10).json()
    submission_id = next(sub["id"] for category in report["categories"] for sub in category["submissions"]
                         if sub["title"] == title)

    def assigned() -> bool:  # once the review service has the submission (submission.accepted)
        return requests.post(f"{base}/api/v1/reviews/editions/{year}/assignments", headers=admin_headers,
                             json={"expert_id": account_id, "submission_id": submission_id},
                             timeout=10).status_code in (201, 409)

    wait_until(assigned, what="the assignment")
    return submission_id


def review_through_the_sheet(visit: Visit, base: str, admin_headers: dict[str, str], submission_id: str,
                             title: str) -> None:
    """The expert opens the project from the queue, sends the sheet without a comment (every
    reason comes back beside its input, nothing is saved), then completes and saves it."""
    page = visit.page
    page.goto(f"{base}/reviews")
    visit.check("review-queue")
    page.click(f"main table a:has-text('{title}')")
    page.wait_for_url(f"{base}/reviews/{submission_id}")
    assert title in page.locator("main").inner_text(), "the project's texts are on the sheet"
    for number, select in enumerate(page.locator("main select").all()):
        select.select_option(str(2 + number % 4))
    page.click("main form button[type=submit]")
    assert page.locator("#f-comment-errors").is_visible(), "the missing comment, beside its input"
    assert page.locator("#f-scores-alignment").input_value() == "2", "what was chosen is kept"
    visit.check("review-sheet-errors")
    reviews = requests.get(f"{base}/api/v1/reviews/{submission_id}", headers=admin_headers, timeout=10).json()
    assert reviews["reviews"] == [], "nothing is saved from an incomplete sheet"
    page.fill("#f-comment", "Clear outcomes; the partnership model could travel to other regions.")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/expert/editions/*")  # back to the expert's console of that edition
    assert page.locator(".flash[role=status]").is_visible(), "the review is saved"
    visit.check("review-saved")
    saved = requests.get(f"{base}/api/v1/reviews/{submission_id}", headers=admin_headers, timeout=10).json()
    (review,) = saved["reviews"]
    assert review["complies"] is True and review["scores"]["alignment"] == 2
    assert sorted(review["scores"].values()) == [2, 2, 3, 3, 4, 4, 5, 5]
    page.goto(f"{base}/reviews/{submission_id}")
    assert page.locator("#f-comment").input_value().startswith("Clear outcomes"), "the sheet shows the review"


def test_a_stakeholder_goes_through_the_contest_in_english_and_arabic(
    stack: Stack, admin_headers: dict[str, str], mailbox: MailCapture, browser: Browser, edition: int
) -> None:
    base = stack.gateway_url
    run = uuid.uuid4().hex[:6]
    people = {
        "en": {"user_name": f"amina-{run}", "email": f"amina-{run}@example.org",
               "password": "a long enough secret", "organisation": f"Digital Health Kenya {run}"},
        "ar": {"user_name": f"layla-{run}", "email": f"layla-{run}@example.org",
               "password": "another long secret", "organisation": f"Rural Schools Network {run}"},
    }
    projects = {
        "en": project_2023(101, category="C7-HLT", entity=people["en"]["organisation"]),
        "ar": project_2023(202, category="C7-LRN", entity=people["ar"]["organisation"]),
    }
    visits = {"en": open_visit(browser, "en", javascript=False),
              "ar": open_visit(browser, "ar", javascript=True)}

    for language, visit in visits.items():
        user = people[language]
        register(visit, base, user)
        verify_and_complete_profile(visit, base, verification_link(mailbox, user["email"]), user)
        submit_project(visit, base, edition, projects[language], javascript=language == "ar",
                       via_draft=language == "en")

    # Each registered on pages in their language: the verification mail came in it too.
    mails = {language: [m for m in mailbox.messages() if people[language]["email"] in str(m.get("To", ""))
                        and m["X-WSIS-Mail-Kind"] == "verification"] for language in people}
    assert [str(m["Subject"]) for m in mails["en"]] == ["Confirm your e-mail address for the WSIS Prizes"]
    [arabic] = mails["ar"]
    assert str(arabic["Subject"]) == "أكّد عنوان بريدك الإلكتروني لجوائز القمة العالمية لمجتمع المعلومات"
    assert '<html lang="ar" dir="rtl">' in body_of(arabic, "html")
    assert f"مرحباً {people['ar']['user_name']}،" in body_of(arabic, "plain")

    html = visits["ar"].page.content()
    assert '<html lang="ar" dir="rtl">' in html, "Arabic, right to left, from the browser's language"
    assert visits["ar"].page.locator(".phase-banner .when-local").first.is_visible(), "the visitor's time"
    local = visits["ar"].page.locator(".phase-banner .when-local").first.inner_text()
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", local), "never an ISO string"
    assert not visits["en"].page.locator(".phase-banner .when-local").first.is_visible(), \
        "without JavaScript, the Geneva time alone"

    admin = {"user_name": f"wsis-team-{run}", "email": f"team-{run}@example.org",
             "password": "the team's secret"}
    create_admin(stack, admin["email"], admin["user_name"], admin["password"])
    visits["admin"] = open_visit(browser, "en", javascript=True, folder_name="admin")
    work_as_admin(visits["admin"], base, edition, admin, people["ar"]["user_name"],
                  [projects["en"]["title"], projects["ar"]["title"]])
    publish_nominees(stack, admin_headers, edition)
    vote(visits["en"], base, edition, "C7-LRN", projects["ar"]["title"], search=people["ar"]["organisation"])
    vote(visits["en"], base, edition, EXTRA_CATEGORY["category"], EXTRA_CATEGORY["nominees"][1]["title"])
    vote(visits["ar"], base, edition, "C7-HLT", projects["en"]["title"], javascript=True)
    submission_id = assign_for_review(stack, admin_headers, edition, people["ar"], projects["en"]["title"])
    review_through_the_sheet(visits["ar"], base, admin_headers, submission_id, projects["en"]["title"])

    for name in ("en", "ar"):
        assert len(visits[name].shots) >= 10
    assert all(p.stat().st_size > 10_000 for visit in visits.values() for p in visit.shots)
    violations = [v for visit in visits.values() for v in visit.violations]
    assert not violations, "axe-core found serious or critical violations:\n" + "\n".join(violations)


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (320, 200), (0, 57, 107)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_on_a_form_that_asks_for_a_photo_the_photo_goes_with_the_project(
    stack: Stack, admin_headers: dict[str, str], mailbox: MailCapture, browser: Browser,
    edition_with_photo: int, tmp_path: Path,
) -> None:
    base, year, run = stack.gateway_url, edition_with_photo, uuid.uuid4().hex[:6]
    user = {"user_name": f"kofi-{run}", "email": f"kofi-{run}@example.org",
            "password": "a long enough secret", "organisation": f"Solar Schools Ghana {run}"}
    project = project_2018(303, category="C4", entity=user["organisation"], country="GH")
    photo = tmp_path / "school.png"
    photo.write_bytes(_png())
    visit = open_visit(browser, "en", javascript=True, folder_name="photo")
    register(visit, base, user)
    verify_and_complete_profile(visit, base, verification_link(mailbox, user["email"]), user)

    page = visit.page
    page.goto(f"{base}/editions/{year}/submit")
    assert page.get_attribute("main form.questionnaire", "enctype") == "multipart/form-data"
    assert page.locator("#f-sdgs").count() == 0, "the 2018 form links no SDGs"
    page.fill("#f-title", project["title"])
    fill_questionnaire(page, project)
    # Everything but the photo: the form says so beside the photo, and keeps what was typed.
    page.click("button[name=action][value=submit]")
    assert page.locator("#f-photo-errors").is_visible()
    assert "photo" in page.locator("#f-photo-errors").inner_text().lower()
    assert page.input_value("#f-answers-summary") == project["answers"]["summary"]
    visit.check("questionnaire-photo-missing")

    page.set_input_files("#f-photo", str(photo))
    page.click("button[name=action][value=submit]")
    page.wait_for_url(f"{base}/editions/{year}/submissions")
    assert project["title"] in page.locator("main table").inner_text()
    visit.check("my-submissions-with-photo")

    # What the stakeholder's own account holds, through the API with a token of theirs.
    login = requests.post(f"{base}/api/v1/tokens", json={"identifier": user["user_name"],
                                                         "password": user["password"]}, timeout=10)
    assert login.status_code == 200, login.text
    theirs = {"Authorization": f"Bearer {login.json()['access_token']}"}
    listed = requests.get(f"{base}/api/v1/editions/{year}/submissions", headers=theirs, timeout=10).json()
    assert [(s["title"], s["status"], s["has_photo"]) for s in listed] == [
        (project["title"], "accepted", True)]
    served = requests.get(f"{base}/api/v1/submissions/{listed[0]['id']}/photo", headers=theirs, timeout=10)
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/png"
    assert served.content == photo.read_bytes(), "the very file the stakeholder chose"
    assert not visit.violations, "axe-core found serious or critical violations:\n" + "\n".join(
        visit.violations)
