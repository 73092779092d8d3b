"""The WSIS team's live vote and suspicious-voting pages, in-process, calling the real voting
service (served on a local port, on its own PostgreSQL database): the counts and the votes over
time as tables (the charts' text alternative) and as JSON for the script, the report with its
thresholds in words, and every page refused to stakeholders, experts and visitors."""

from __future__ import annotations

import html as markup
from datetime import datetime, timedelta

import pytest

from portal.service import accounts
from tests.pages.conftest import csrf_of
from tests.pages.test_ballot import (
    YEAR,
    published,  # noqa: F401  (the fixture)
)
from voting.models.writer import Vote, VoteWriter
from wsis_common.clock import GENEVA

LIVE, JSON, SUSPICIOUS = (f"/admin/editions/{YEAR}/vote/live", f"/admin/editions/{YEAR}/vote/live.json",
                          f"/admin/editions/{YEAR}/vote/suspicious")
TWO_PM = datetime(2023, 1, 9, 14, 0, tzinfo=GENEVA)
PASSWORD = "long enough secret"


@pytest.fixture
def voting_db(published):  # noqa: F811  (the imported fixture)
    """The voting service's context, its 2023 ballot published, during the vote."""
    return published


def log_in_as(client, pctx, name: str, roles: tuple[str, ...]) -> None:
    accounts.register(pctx, user_name=name, email=f"{name}@example.org", password=PASSWORD,
                      organisation_name="ITU", organisation_type="international_organisation", country="CH",
                      roles=roles, verified=True)
    sent = client.post("/login", data={"identifier": name, "password": PASSWORD,
                                       "csrf_token": csrf_of(client, "/login")})
    assert sent.status_code == 303


def cast(ctx, votes: list[tuple[str, str, str, datetime, str | None]], *,
         account_age: timedelta | None = None) -> None:
    """Votes (voter, category, nominee, cast_at, address) written as the voting service writes
    them; from accounts `account_age` old when they voted (None: the token did not say)."""
    VoteWriter(ctx.db)([Vote(YEAR, voter, category, nominee, cast_at, "Sock Puppets Ltd", "NGO", "CH",
                             "puppets.example", address,
                             None if account_age is None else cast_at - account_age)
                        for voter, category, nominee, cast_at, address in votes])


def cast_new_and_old(ctx) -> None:
    """hlt-2: 6 votes from accounts an hour old; hlt-1: 1 of 5 from a 40-hour-old account."""
    cast(ctx, [(f"fresh-{i}", "C7-HLT", "hlt-2", TWO_PM + timedelta(hours=i), None) for i in range(6)],
         account_age=timedelta(hours=1))
    cast(ctx, [("day-old", "C7-HLT", "hlt-1", TWO_PM, None)], account_age=timedelta(hours=40))
    cast(ctx, [(f"old-{i}", "C7-HLT", "hlt-1", TWO_PM + timedelta(hours=i), None) for i in range(4)],
         account_age=timedelta(days=300))


def text_of(response) -> str:
    return markup.unescape(response.get_data(as_text=True))


def test_the_live_page_shows_each_nominees_votes_and_the_votes_per_hour(pclient, pctx, voting_db) -> None:
    cast(voting_db, [(f"v{i}", "C7-HLT", "hlt-2", TWO_PM + timedelta(minutes=i), None) for i in range(3)]
         + [("w1", "C7-HLT", "hlt-1", TWO_PM + timedelta(hours=2), None),
            ("w1", "C4", "cap-1", TWO_PM, None)])
    log_in_as(pclient, pctx, "team", ("stakeholder", "admin"))
    response = pclient.get(LIVE)
    assert response.status_code == 200
    html = text_of(response)
    assert "5 votes in all" in html
    assert "C7-HLT: 4 votes" in html and "75.0 %" in html and "25.0 %" in html
    assert 'aria-describedby="count-' in html and 'data-chart="timeline"' in html
    assert "9 Jan, 14:00" in html and "9 Jan, 16:00" in html, "hours in Geneva time, never ISO"
    assert "Busiest: C7-HLT, 3 votes from" in html and ">January 9, 2023, 14:00 (Geneva time)</time>" in html
    assert "console_live.js" in html and "<script>" not in html, "no inline script (CSP)"
    found = pclient.get(JSON).get_json()
    health = next(c for c in found["categories"] if c["category"] == "C7-HLT")
    assert [(n["nominee"], n["votes"], n["rank"]) for n in health["nominees"]] == [
        ("hlt-2", 3, 1), ("hlt-1", 1, 2)]
    assert found["timeline"]["labels"] == ["9 Jan, 14:00", "9 Jan, 16:00"]
    assert {s["category"]: s["values"] for s in found["timeline"]["series"]}["C7-HLT"] == [3, 1]
    french = text_of(pclient.get(f"{LIVE}?bucket=day", headers={"Accept-Language": "fr"}))
    assert "Votes au fil du temps" in french and "9 janv. 2023" in french


def test_the_report_shows_each_burst_with_its_evidence_and_explains_the_thresholds(
        pclient, pctx, voting_db) -> None:
    cast(voting_db, [(f"sock-{i}", "C7-HLT", "hlt-2", TWO_PM + timedelta(minutes=i), "198.51.100.4")
                     for i in range(6)])
    log_in_as(pclient, pctx, "team", ("stakeholder", "admin"))
    asked = "window_minutes=10&threshold=5&traits=address&traits=organisation"
    html = text_of(pclient.get(f"{SUSPICIOUS}?{asked}"))
    assert "at least 5 votes for one nominee, within 10 minutes" in html
    assert "2 bursts found" in html
    assert "198.51.100.4" in html and "sock puppets ltd" in html and "Mother and Child SMS" in html
    assert 'data-bar-value="6"' in html and "January 9, 2023, 14:00 (Geneva time)" in html
    assert "puppets.example" not in html, "only the evidence asked for"
    quiet = text_of(pclient.get(f"{SUSPICIOUS}?threshold=7"))
    assert "0 bursts found" in quiet and "No burst reaches these thresholds." in quiet


def test_the_report_shows_the_votes_from_new_accounts_and_flags_the_nominee_far_above_its_category(
        pclient, pctx, voting_db) -> None:
    cast_new_and_old(voting_db)
    log_in_as(pclient, pctx, "team", ("stakeholder", "admin"))
    html = text_of(pclient.get(SUSPICIOUS))
    assert "Votes from new accounts" in html
    assert ("created at most 48 hours before the vote. A nominee is flagged when at least 5 of its votes "
            "come from new accounts and its share of such votes is at least 2 times") in html
    assert "1 nominee flagged" in html and 'data-chart="new-accounts"' in html
    rows = html.split('<table class="table" id="new-accounts-table">')[1].split("</tbody>")[0]
    flagged, other = rows.split("<tr data-bar-label=")[1:]
    assert "Mother and Child SMS" in flagged and "<strong>Flagged</strong>" in flagged
    assert "<td>100.0 %</td>\n    <td>20.0 %</td>" in flagged, "its share, then the rest of its category's"
    assert "Telemedicine for All" in other and ">No<" in other
    assert "<td>20.0 %</td>\n    <td>100.0 %</td>" in other
    assert 'value="48"' in html, "the window the service used, in its field"
    narrow = text_of(pclient.get(f"{SUSPICIOUS}?new_account_hours=24"))
    assert "created at most 24 hours before the vote" in narrow and "1 nominee flagged" in narrow
    assert "Telemedicine for All" not in narrow.split('id="new-accounts-table"')[1], "40 hours old is not new"
    french = text_of(pclient.get(SUSPICIOUS, headers={"Accept-Language": "fr"}))
    assert "Votes de nouveaux comptes" in french and "1 nominé signalé" in french


def test_the_reports_settings_are_checked_in_words(pclient, pctx, voting_db) -> None:
    log_in_as(pclient, pctx, "team", ("stakeholder", "admin"))
    response = pclient.get(f"{SUSPICIOUS}?window_minutes=abc&threshold=1&traits=shoe_size")
    html = text_of(response)
    assert response.status_code == 422
    assert "Enter a whole number of minutes from 1 to 1440 (one day)." in html
    assert "Enter a whole number of votes, 2 or more." in html
    assert "Choose at least one kind of evidence from the list." in html
    hours = text_of(pclient.get(f"{SUSPICIOUS}?new_account_hours=721"))
    assert "Enter a whole number of hours from 1 to 720 (30 days), or leave it empty." in hours
    spanish = text_of(pclient.get(f"{SUSPICIOUS}?threshold=1", headers={"Accept-Language": "es"}))
    assert "Indique un número entero de votos, 2 o más." in spanish


@pytest.mark.parametrize("roles", [("stakeholder",), ("stakeholder", "expert")])
def test_stakeholders_and_experts_may_not_see_the_vote_pages(pclient, pctx, voting_db, roles) -> None:
    log_in_as(pclient, pctx, "someone", roles)
    for path in (LIVE, JSON, SUSPICIOUS):
        response = pclient.get(path)
        assert response.status_code == 403, path
        assert "198.51.100" not in response.get_data(as_text=True)


def test_a_visitor_is_sent_to_log_in(pclient, voting_db) -> None:
    for path in (LIVE, JSON, SUSPICIOUS):
        response = pclient.get(path)
        assert response.status_code == 302 and "/login?next=" in response.headers["Location"], path
