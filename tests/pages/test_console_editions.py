"""The WSIS team's edition console, in-process, on the real submission and review services
(served on a local port, each on its own PostgreSQL database): every action done through the
page and checked through the service's own API or database, every refusal shown in words
beside its input, and every page and action refused to a visitor without the admin role."""

from __future__ import annotations

import html as markup
import os
import re
from datetime import UTC, datetime

import pytest
import requests
from sqlalchemy import select

from portal.service import accounts
from tests.pages.conftest import csrf_of, log_in_as

ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _log_in(client, ctx, roles: tuple[str, ...], name: str) -> dict:
    account = accounts.register(ctx, user_name=name, email=f"{name}@example.org",
                                password="long enough secret", organisation_name="ITU",
                                organisation_type="international_organisation", country="CH",
                                roles=roles, verified=True)
    log_in_as(client, account)
    return account


@pytest.fixture
def admin(pclient, pctx, editions_api):
    _log_in(pclient, pctx, ("stakeholder", "admin"), "wsisteam")
    return pclient


def _api(path: str) -> str:
    return os.environ["API_BASE_URL"] + path


def _edition(_client, year: int) -> dict:
    """The edition as the submission service keeps it (read through its API)."""
    return requests.get(_api(f"/api/v1/editions/{year}"), timeout=10).json()


def _text(page: str) -> str:
    """What a person reads: no tags, no attributes."""
    return " ".join(markup.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_team_creates_an_edition_from_2023_with_its_form_and_dates_a_year_later(admin) -> None:
    page = admin.get("/admin/editions/new").get_data(as_text=True)
    assert 'value="2024"' in page and 'value="13"' in page, "the next year and ordinal are proposed"
    response = admin.post("/admin/editions/new", data={"csrf_token": csrf_of(admin, "/admin/editions/new"),
                                                       "template": "2023", "year": "2024", "ordinal": "13"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/editions/2024")
    created, template = _edition(admin, 2024), _edition(admin, 2023)
    assert created["form"] == template["form"] and created["parameters"] == template["parameters"]
    assert created["phases"]["voting_closes"].startswith("2024-01-25")
    listed = _text(admin.get("/admin/editions").get_data(as_text=True))
    assert "WSIS Prizes 2024" in listed and "13. edition" in listed


def test_an_edition_that_exists_is_refused_beside_its_year(admin) -> None:
    response = admin.post("/admin/editions/new", data={"csrf_token": csrf_of(admin, "/admin/editions/new"),
                                                       "template": "2023", "year": "2023", "ordinal": "12"})
    assert response.status_code == 422
    assert "The 2023 edition exists already." in _text(response.get_data(as_text=True))


def test_a_date_out_of_order_is_refused_in_words_in_geneva_time_and_the_pages_language(admin) -> None:
    token = csrf_of(admin, "/admin/editions/2023")
    before = _edition(admin, 2023)
    response = admin.post("/admin/editions/2023", headers={"Accept-Language": "fr"},
                          data={"csrf_token": token, "phases.voting_opens": "2022-12-20T00:00"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    reasons = _text(page.split('id="f-phases-voting_opens-errors"', 1)[1].split("</ul>", 1)[0])
    assert "25 décembre 2022, 00:00 (heure de Genève)" in reasons, reasons
    assert "nominees_published_at" not in reasons and not ISO.search(reasons)
    assert _edition(admin, 2023)["revision"] == before["revision"], "nothing was saved"


WHY = "The Forum's last session ran a day longer; the record says so."


def test_the_dates_are_saved_in_geneva_time_and_the_history_says_who_moved_which_and_why(admin) -> None:
    # The 2023 Forum is over: its end is corrected later, still in the past, with a reason.
    token = csrf_of(admin, "/admin/editions/2023")
    response = admin.post("/admin/editions/2023", data={"csrf_token": token, "reason": WHY,
                                                        "phases.forum_closes": "2023-03-18T23:00"})
    assert response.status_code == 303
    saved = datetime.fromisoformat(_edition(admin, 2023)["phases"]["forum_closes"])
    assert saved == datetime(2023, 3, 18, 22, 0, tzinfo=UTC), "23:00 in Geneva (CET)"
    audit = _text(admin.get("/admin/editions/2023/audit?kind=edition").get_data(as_text=True))
    assert "wsisteam" in audit and "The WSIS Forum closes" in audit
    assert "March 17, 2023, 23:00 (Geneva time)" in audit and "March 18, 2023, 23:00 (Geneva time)" in audit
    assert "Why" in audit and WHY in audit, "the reason in the audit table"


def test_moving_a_date_that_has_passed_asks_for_a_reason_in_the_box_for_it(admin) -> None:
    page = admin.get("/admin/editions/2023").get_data(as_text=True)
    assert '<label for="f-reason">Why these dates move</label>' in page
    assert '<textarea id="f-reason" name="reason"' in page
    before = _edition(admin, 2023)
    response = admin.post("/admin/editions/2023", headers={"Accept-Language": "es"}, data={
        "csrf_token": csrf_of(admin, "/admin/editions/2023"), "phases.forum_closes": "2023-03-18T23:00"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    beside = _text(page.split('id="f-reason-errors"', 1)[1].split("</ul>", 1)[0])
    assert "Se mueven fechas que ya han pasado" in beside and "The WSIS Forum closes" not in beside, beside
    assert "forum_closes" not in beside
    box = re.search(r'<textarea id="f-reason"[^>]*>', page)
    assert box and 'aria-invalid="true"' in box.group(0), "the box is marked invalid"
    assert _edition(admin, 2023)["revision"] == before["revision"], "nothing was saved"


@pytest.mark.parametrize(("language", "words"), [
    ("en", "“The vote opens” passed on December 25, 2022, 00:00 (Geneva time): the phase has begun, "
           "and its start cannot move."),
    ("fr", "« Ouverture du vote » est passée le 25 décembre 2022, 00:00 (heure de Genève) : la phase a "
           "commencé, et son début ne peut pas être déplacé."),
])
def test_a_date_that_would_rewrite_what_happened_is_refused_in_words_even_with_a_reason(
    admin, language: str, words: str
) -> None:
    before = _edition(admin, 2023)
    response = admin.post("/admin/editions/2023", headers={"Accept-Language": language}, data={
        "csrf_token": csrf_of(admin, "/admin/editions/2023"), "reason": WHY,
        "phases.voting_opens": "2022-12-26T00:00"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    beside = _text(page.split('id="f-phases-voting_opens-errors"', 1)[1].split("</ul>", 1)[0])
    assert words in beside, beside
    assert not ISO.search(beside) and "voting_opens" not in beside
    assert WHY in _text(page), "the reason is kept in its box"
    assert _edition(admin, 2023)["revision"] == before["revision"], "nothing was saved"


def test_the_parameters_are_saved_and_a_refused_number_is_said_beside_its_input(admin) -> None:
    token = csrf_of(admin, "/admin/editions/2023")
    response = admin.post("/admin/editions/2023/parameters", data={
        "csrf_token": token, "parameters.nominees_per_category": "15",
        "parameters.finalists_per_category": "5", "parameters.winners_per_category": "1",
        "parameters.reviewers_per_submission": "3"})
    assert response.status_code == 303
    parameters = _edition(admin, 2023)["parameters"]
    assert parameters["nominees_per_category"] == 15 and parameters["reviewers_per_submission"] == 3
    refused = admin.post("/admin/editions/2023/parameters", data={
        "csrf_token": token, "parameters.finalists_per_category": "0"})
    assert refused.status_code == 422
    assert 'id="f-parameters-finalists_per_category-errors"' in refused.get_data(as_text=True)
    assert _edition(admin, 2023)["parameters"]["finalists_per_category"] == 5


def test_a_box_is_added_with_its_limits_and_their_source_and_the_photo_required(admin) -> None:
    form = _edition(admin, 2023)["form"]
    data = {"csrf_token": csrf_of(admin, "/admin/editions/2023"), "box_count": str(len(form["boxes"]) + 1),
            "photo.required": "1", "sdg_links.min_words": "30", "sdg_links.min_words_from": "the call"}
    for index, box in enumerate(form["boxes"]):
        data |= {f"box.{index}.{part}": str(box.get(part) or "") for part in
                 ("name", "label", "min_words", "min_words_from", "max_words", "max_words_from")}
    last = len(form["boxes"])
    data |= {f"box.{last}.name": "team", f"box.{last}.label": "The team", f"box.{last}.min_words": "20",
             f"box.{last}.min_words_from": "WSIS team's floor", "box.1.remove": "1"}
    assert admin.post("/admin/editions/2023/form", data=data).status_code == 303
    saved = _edition(admin, 2023)["form"]
    names = [b["name"] for b in saved["boxes"]]
    assert names[-1] == "team" and form["boxes"][1]["name"] not in names
    assert saved["boxes"][-1] == {"name": "team", "label": "The team", "min_words": 20,
                                  "min_words_from": "WSIS team's floor"}
    assert saved["photo"]["required"] is True and saved["sdg_links"]["min_words"] == 30


def test_a_form_without_the_voters_box_is_refused_in_words(admin) -> None:
    data = {"csrf_token": csrf_of(admin, "/admin/editions/2023"), "box_count": "1",
            "box.0.name": "other", "box.0.label": "Other"}
    response = admin.post("/admin/editions/2023/form", headers={"Accept-Language": "es"}, data=data)
    assert response.status_code == 422
    assert "voter_text" not in _text(response.get_data(as_text=True))
    assert len(_edition(admin, 2023)["form"]["boxes"]) > 1


def test_the_review_trail_reads_as_a_table_filtered_by_kind(admin, editions_api) -> None:
    from review.service import audit

    _, review = editions_api
    with review.db.transaction() as session:
        audit.record(session, year=2023, actor="Chair (c1)", action="winner.picked", subject="C7-HLT",
                     details={"submission_id": "s1", "title": "Clinic by SMS", "finalists": ["s1", "s2"]})
        audit.record(session, year=2023, actor="Chair (c1)", action="category.closed", subject="C1")
    winners = _text(admin.get("/admin/editions/2023/audit?kind=winners").get_data(as_text=True))
    assert "Winner picked" in winners and "Clinic by SMS" in winners and "among 2 finalists" in winners
    assert "Category closed" not in winners
    everything = _text(admin.get("/admin/editions/2023/audit").get_data(as_text=True))
    assert "Category closed" in everything and "E-health" in everything


def test_the_stocktaking_report_has_the_site_menu_and_the_csv_downloads(admin) -> None:
    page = admin.get("/admin/editions/2023/stocktaking-report.html").get_data(as_text=True)
    assert 'class="main-nav"' in page and "The Stocktaking report of the 2023 edition" in page
    csv = admin.get("/admin/editions/2023/stocktaking-report.csv")
    assert csv.status_code == 200 and csv.get_data(as_text=True).startswith("category,title")
    reports = _text(admin.get("/admin/editions/2023/reports").get_data(as_text=True))
    assert "Download the Success Stories (PDF)" in reports and "Public since the ceremony" in reports


def test_past_winners_are_imported_and_a_bad_line_is_named_with_nothing_sent(admin, editions_api) -> None:
    from submission.models import PastWinner

    submission, _ = editions_api
    token = csrf_of(admin, "/admin/winners")
    bad = admin.post("/admin/winners", data={"csrf_token": token, "csv": (
        "year,category,title\n2019,C4,Digital skills for all\n2019,C99,Nowhere\n")})
    assert bad.status_code == 422
    assert "Line 3: “C99” is not a category code" in _text(bad.get_data(as_text=True))
    with submission.db.sessions() as session:
        assert not session.scalars(select(PastWinner)).all(), "nothing was imported"
    good = admin.post("/admin/winners", data={"csrf_token": token, "csv": (
        "year,category,title,entity_name\n2019,C4,Digital skills for all,Academy\n")})
    assert good.status_code == 303
    with submission.db.sessions() as session:
        assert [w.title for w in session.scalars(select(PastWinner))] == ["Digital skills for all"]
    assert "Digital skills for all" in admin.get("/admin/winners").get_data(as_text=True)


PAGES = ["/admin/editions", "/admin/editions/new", "/admin/editions/2023", "/admin/editions/2023/audit",
         "/admin/editions/2023/reports", "/admin/editions/2023/stocktaking-report.html",
         "/admin/editions/2023/stocktaking-report.csv", "/admin/editions/2023/success-stories.pdf",
         "/admin/winners"]
ACTIONS = {"/admin/editions/new": {"template": "2023", "year": "2030", "ordinal": "19"},
           "/admin/editions/2023": {"phases.forum_closes": "2023-03-19T23:00"},
           "/admin/editions/2023/parameters": {"parameters.reviewers_per_submission": "4"},
           "/admin/editions/2023/form": {"box_count": "0", "photo.required": "1"},
           "/admin/winners": {"csv": "year,category,title\n2019,C4,Sneaked in\n"}}


@pytest.mark.parametrize("roles", [(), ("stakeholder",), ("stakeholder", "expert")])
def test_every_page_and_action_is_refused_without_the_admin_role(pclient, pctx, editions_api, roles) -> None:
    from submission.models import PastWinner

    if roles:
        _log_in(pclient, pctx, roles, "notadmin")
    token = csrf_of(pclient, "/profile" if roles else "/login")  # past the CSRF check: the role refuses
    before = _edition(pclient, 2023)
    for path in PAGES:
        response = pclient.get(path)
        assert response.status_code == (403 if roles else 302), path
    for path, data in ACTIONS.items():
        response = pclient.post(path, data={"csrf_token": token, **data})
        assert response.status_code == (403 if roles else 302), path
    after = _edition(pclient, 2023)
    assert after["revision"] == before["revision"], "no date, parameter or box changed"
    assert requests.get(_api("/api/v1/editions/2030"), timeout=10).status_code == 404, "no edition created"
    with editions_api[0].db.sessions() as session:
        assert not session.scalars(select(PastWinner)).all()


def test_the_dates_inputs_show_geneva_wall_time(admin) -> None:
    page = admin.get("/admin/editions/2023").get_data(as_text=True)
    assert 'id="f-phases-voting_closes"' in page and 'value="2023-01-25T23:00"' in page
