"""The pages in-process (no browser): the phase and its end in Geneva time, languages
and their choice, forms that work without JavaScript with every error beside its field, the
account pages end to end through the accounts module, and a clear page when a service is down."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from devstack.corpus import project_2023
from portal.pages.forms import Reason, reason
from submission.models import Submission, messages
from tests.e2e.editions import edition_2023
from tests.pages.conftest import csrf_of, outbox_links, register_and_log_in
from wsis_common.clock import GENEVA, clock
from wsis_common.phases import Schedule

PHASES_2023 = edition_2023(2023)["phases"]
GOOD = {"user_name": "amina", "email": "amina@example.org", "password": "long enough secret",
        "organisation_name": "Digital Health Kenya", "organisation_type": "civil_society", "country": "KE"}


@pytest.fixture
def frozen():
    def at(text: str) -> None:
        clock.set(datetime.fromisoformat(text).replace(tzinfo=GENEVA))

    yield at
    clock.set(None)


@pytest.mark.parametrize(("geneva", "phase", "ends"), [
    ("2022-09-01T12:00", "announced", "2022-09-07T00:00"),
    ("2022-12-07T22:59:59", "submission", "2022-12-07T23:00"),
    ("2022-12-07T23:00", "nomination", "2022-12-25T00:00"),  # 23:00:00 is already too late
    ("2023-01-10T10:00", "voting", "2023-01-25T23:00"),
    ("2023-02-01T10:00", "selection", "2023-03-14T18:00"),
    ("2023-03-15T10:00", "ceremony", "2023-03-17T23:00"),
    ("2023-04-01T10:00", "over", None),
])
def test_the_phase_and_its_end_follow_the_editions_dates(geneva: str, phase: str, ends: str | None) -> None:
    found = Schedule.of(PHASES_2023).phase_at(datetime.fromisoformat(geneva).replace(tzinfo=GENEVA))
    assert found.key == phase
    assert (found.ends.astimezone(GENEVA).strftime("%Y-%m-%dT%H:%M") if found.ends else None) == ends


def test_every_page_says_the_phase_and_when_it_ends_in_geneva_time(pclient, frozen) -> None:
    frozen("2022-11-01T10:00")
    html = pclient.get("/").get_data(as_text=True)
    assert "Phase 1: submission of projects" in html
    assert "December 7, 2022, 23:00 (Geneva time)" in html
    assert '<time datetime="2022-12-07T22:00:00Z" data-local-time>' in html
    frozen("2023-01-10T10:00")
    html = pclient.get("/login").get_data(as_text=True)
    assert "Phase 3: public vote" in html and "January 25, 2023, 23:00 (Geneva time)" in html


def test_the_browsers_language_is_the_default_and_arabic_is_right_to_left(pclient) -> None:
    for header, lang, direction in [("zh-CN,zh;q=0.9", "zh", "ltr"), ("ar-EG", "ar", "rtl"),
                                    ("ru-RU,ru;q=0.9,en;q=0.5", "ru", "ltr"), ("de-DE", "en", "ltr"),
                                    ("fr-CH, fr;q=0.9", "fr", "ltr"), ("es-MX", "es", "ltr")]:
        html = pclient.get("/login", headers={"Accept-Language": header}).get_data(as_text=True)
        assert f'<html lang="{lang}" dir="{direction}">' in html, header


def test_the_language_switcher_is_links_and_the_choice_is_kept(pclient) -> None:
    html = pclient.get("/login").get_data(as_text=True)
    assert 'href="/language/fr?next=/login"' in html and 'lang="ar" hreflang="ar">العربية</a>' in html
    response = pclient.get("/language/fr?next=/login")
    assert response.status_code == 303 and response.headers["Location"] == "/login"
    assert "wsis_lang=fr" in response.headers["Set-Cookie"]
    html = pclient.get("/login", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in html
    assert pclient.get("/language/xx?next=https://evil.example/").headers["Location"] == "/"


def test_a_path_that_does_not_exist_is_a_page_for_people_and_a_problem_under_the_api(pclient) -> None:
    page = pclient.get("/no-such-page", headers={"Accept-Language": "en"})
    assert page.status_code == 404 and page.content_type.startswith("text/html")
    assert "This page does not exist" in page.get_data(as_text=True)
    api = pclient.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.content_type == "application/problem+json"


def test_a_form_without_its_csrf_token_is_refused(pclient) -> None:
    response = pclient.post("/login", data={"identifier": "amina", "password": "x"})
    assert response.status_code == 400 and "This form has expired" in response.get_data(as_text=True)


def test_registration_shows_every_error_beside_its_field_and_keeps_what_was_typed(pclient) -> None:
    token = csrf_of(pclient, "/register")
    response = pclient.post("/register", data={
        "csrf_token": token, "user_name": "a", "email": "nope", "password": "short",
        "organisation_name": "", "organisation_type": "", "country": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    for name in ("user_name", "email", "password", "organisation_name", "organisation_type", "country"):
        assert f'<a href="#f-{name}">' in html, name  # the summary links to the field
        field = re.search(rf'<(?:input|select)[^>]*id="f-{name}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in field and f"f-{name}-errors" in field, name
        assert f'<ul class="field-errors" id="f-{name}-errors">' in html, name
    assert "This is not an e-mail address." in html and "Use at least 10 characters." in html
    assert 'value="nope"' in html and 'value="short"' not in html  # never the password back


def test_register_verify_from_the_mail_link_log_out_and_in(pclient, pctx) -> None:
    token = csrf_of(pclient, "/register")
    response = pclient.post("/register", data={**GOOD, "csrf_token": token})
    assert response.status_code == 200 and "Check your mail" in response.get_data(as_text=True)
    assert "We have sent a message to amina@example.org" in response.get_data(as_text=True)
    assert pclient.get("/profile").status_code == 302, "registering is not logging in"
    assert pclient.post("/login", data={"csrf_token": csrf_of(pclient, "/login"), "identifier": "amina",
                                        "password": GOOD["password"]}).status_code == 303
    profile = pclient.get("/profile").get_data(as_text=True)
    assert "Your profile is not complete for voting yet" in profile
    assert "a confirmed e-mail address" in profile

    [link] = outbox_links(pctx)
    assert link.startswith("https://wsis.example/verify?token=")
    parts = urlsplit(link)
    verified = pclient.get(f"{parts.path}?{parts.query}").get_data(as_text=True)
    assert "Your e-mail address is confirmed" in verified
    assert "Your profile is complete: you can vote." in pclient.get("/profile").get_data(as_text=True)
    assert pclient.get("/verify?token=forged").status_code == 400

    logout = pclient.post("/logout", data={"csrf_token": csrf_of(pclient, "/profile")})
    assert logout.status_code == 303
    assert pclient.get("/profile").status_code == 302
    wrong = pclient.post("/login", data={"csrf_token": csrf_of(pclient, "/login"), "identifier": "amina",
                                         "password": "not the password"})
    assert wrong.status_code == 401
    assert "The user name or e-mail, or the password, is not right." in wrong.get_data(as_text=True)
    right = pclient.post("/login?next=/profile", data={
        "csrf_token": csrf_of(pclient, "/login"), "identifier": "amina@example.org",
        "password": GOOD["password"], "next": "/profile"})
    assert right.status_code == 303 and right.headers["Location"] == "/profile"


def test_the_profile_page_saves_changes_and_shows_errors_beside_fields(pclient) -> None:
    register_and_log_in(pclient, GOOD)
    bad = pclient.post("/profile", data={"csrf_token": csrf_of(pclient, "/profile"), "user_name": "amina",
                                         "organisation_name": "", "organisation_type": "club",
                                         "country": "KE"})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'id="f-organisation_name-errors"' in html and 'id="f-organisation_type-errors"' in html
    good = pclient.post("/profile", data={
        "csrf_token": csrf_of(pclient, "/profile"), "user_name": "amina",
        "organisation_name": "eHealth Africa", "organisation_type": "academia", "country": "NG"})
    assert good.status_code == 303
    html = pclient.get("/profile").get_data(as_text=True)
    assert 'value="eHealth Africa"' in html and '<option value="NG" selected>' in html


def test_a_service_that_is_down_gives_a_clear_page_with_the_phase_not_a_crash(pclient, frozen) -> None:
    frozen("2023-01-10T10:00")
    register_and_log_in(pclient, GOOD)
    for path in ("/editions/2023/vote", "/editions/2023/submit", "/editions/2023/submissions",
                 "/editions/2023/results", "/editions/2023/nominees"):
        response = pclient.get(path)
        assert response.status_code == 503, path
        html = response.get_data(as_text=True)
        assert "This service is not available right now" in html, path
        assert "Phase 3: public vote" in html, path


def test_the_services_reasons_are_translated_when_known_and_marked_english_otherwise(pages_app) -> None:
    with pages_app.test_request_context(headers={"Accept-Language": "fr"}):
        assert reason("Short description is required.") == Reason(
            "Description succincte : ce champ est obligatoire.", True)
        too_few = "The link between the action line and SDG 3 has 12 words; it needs at least 30."
        assert reason(too_few) == Reason(
            "Comment la grande orientation fait progresser l'ODD 3 : 12 mots ; il en faut au moins 30.", True)
        assert reason("Use at least 10 characters.") == Reason("Utilisez au moins 10 caractères.", True)
        assert reason("A project with this title won an earlier edition (2019).") == Reason(
            "A project with this title won an earlier edition (2019).", False)


# -- the questionnaire and a confirmed e-mail address (the submission service over HTTP) --

NOTICE = "Submitting a project needs a confirmed e-mail address."
REFUSED = ("Confirm your e-mail address before you submit: open the link in the mail we sent you, "
           "or ask for a new one on your profile page.")


def questionnaire_form(project: dict, csrf: str, **extra: str) -> dict:
    """The questionnaire's inputs as a browser sends them, filled with `project`."""
    data = {"csrf_token": csrf, "action": "submit", "category": project["category"],
            "title": project["title"], "project_status": project["project_status"],
            "sdgs": [str(n) for n in project["sdgs"]], **extra}
    for group in ("entity", "coordinator"):
        data.update({f"{group}.{key}": value for key, value in project[group].items()})
    for name, text in project["answers"].items():
        if isinstance(text, str):
            data[f"answers.{name}"] = text
    data.update({f"answers.sdg_links.{n}": text for n, text in project["answers"]["sdg_links"].items()})
    return data


def stored_submissions(ctx) -> dict[str, int]:
    """The submission service's submissions by status, and its `submission.accepted` events."""
    with ctx.db.sessions() as session:
        counts = dict(session.execute(
            select(Submission.status, func.count()).group_by(Submission.status)).all())
        counts["events"] = session.scalar(select(func.count()).select_from(messages.outbox).where(
            messages.outbox.c.routing_key == "submission.accepted"))
    return counts


def test_the_questionnaire_asks_an_unconfirmed_stakeholder_to_confirm_before_typing(
    pclient, pctx, submission_api, frozen
) -> None:
    frozen("2022-11-01T12:00")
    register_and_log_in(pclient, GOOD)
    html = pclient.get("/editions/2023/submit").get_data(as_text=True)
    assert 'id="email-notice"' in html and NOTICE in html
    assert "Open the link we sent to amina@example.org." in html
    resend = pclient.post("/profile/verification", data={
        "csrf_token": csrf_of(pclient, "/editions/2023/submit"), "next": "/editions/2023/submit"})
    assert resend.status_code == 303 and resend.headers["Location"] == "/editions/2023/submit"
    links = outbox_links(pctx)
    assert len(links) == 2, "the registration's mail and the new one"

    parts = urlsplit(links[-1])
    verified = pclient.get(f"{parts.path}?{parts.query}").get_data(as_text=True)
    assert "Your e-mail address is confirmed" in verified
    html = pclient.get("/editions/2023/submit").get_data(as_text=True)
    assert 'id="email-notice"' not in html and NOTICE not in html
    # Still the same session, never logged out: the pages' next token says the address is confirmed.
    project = project_2023(70)
    sent = pclient.post("/editions/2023/submit", data=questionnaire_form(project, csrf_of(
        pclient, "/editions/2023/submit")))
    assert sent.status_code == 303 and sent.headers["Location"] == "/editions/2023/submissions"
    assert stored_submissions(submission_api) == {"accepted": 1, "events": 1}


def test_a_link_opened_through_another_gateway_process_takes_effect_at_once(
    pclient, pctx, submission_api, frozen
) -> None:
    """The pages keep an account a few seconds per process; a confirmation handled by another
    process (here: a write to the accounts table, as that process makes it) must not leave
    this process refusing the stakeholder's submission as unconfirmed."""
    from portal.models import Account

    frozen("2022-11-01T12:00")
    register_and_log_in(pclient, GOOD)
    assert NOTICE in pclient.get("/editions/2023/submit").get_data(as_text=True)  # cached: unconfirmed
    with pctx.db.transaction() as session:
        session.query(Account).filter(Account.email == GOOD["email"]).update(
            {"email_verified_at": datetime.now(GENEVA)})
    project = project_2023(72)
    sent = pclient.post("/editions/2023/submit", data=questionnaire_form(project, csrf_of(
        pclient, "/editions/2023/submit")))
    assert sent.status_code == 303, sent.get_data(as_text=True)[:300]
    assert stored_submissions(submission_api) == {"accepted": 1, "events": 1}


def test_an_unconfirmed_stakeholder_who_submits_is_told_why_and_loses_nothing(
    pclient, pctx, submission_api, frozen
) -> None:
    frozen("2022-11-01T12:00")
    register_and_log_in(pclient, GOOD)
    project = project_2023(71)
    refused = pclient.post("/editions/2023/submit", data=questionnaire_form(project, csrf_of(
        pclient, "/editions/2023/submit")))
    assert refused.status_code == 403
    html = refused.get_data(as_text=True)
    assert REFUSED in html and 'id="email-notice"' in html
    assert f'value="{project["title"]}"' in html
    assert project["answers"]["impact"] in html and project["answers"]["sdg_links"]["10"] in html
    assert stored_submissions(submission_api) == {"draft": 1, "events": 0}, "kept as a draft, not submitted"
    draft_id = re.search(r'name="draft_id" value="([^"]+)"', html).group(1)
    assert f'name="next" value="/submissions/{draft_id}/edit"' in html  # the resend button comes back here

    again = pclient.post("/editions/2023/submit", headers={"Accept-Language": "fr"},
                         data=questionnaire_form(project, csrf_of(pclient, "/editions/2023/submit"),
                                                 draft_id=draft_id))
    assert again.status_code == 403
    french = again.get_data(as_text=True)
    assert "Confirmez votre adresse électronique avant de soumettre" in french and REFUSED not in french
    assert stored_submissions(submission_api) == {"draft": 1, "events": 0}, "the same draft, still a draft"
