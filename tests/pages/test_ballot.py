"""The ballot's pages in-process, calling the real voting service (served on a local port, on its
own PostgreSQL database): the list of categories with the voter's choices and a search by
title, organisation or country, a page per category with each nominee's first lines and the
whole text behind <details>, a shareable page per nominee, and the confirmation step before a
vote, which is final."""

from __future__ import annotations

import html as markup
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from tests.pages.conftest import csrf_of, outbox_links, register_and_log_in
from voting import models
from voting.models import ballot
from wsis_common.clock import GENEVA, clock
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope

YEAR = 2023
DASH = " \u2013 "  # between a category's code and its name
LONG = " ".join(f"w{number}" for number in range(1, 61))  # 60 words: 40 shown, the rest behind a click
# category -> (nominee id, title, organisation, country, short description), in ballot order
NOMINEES = {
    "C1": [("gov-1", "Open Budget Portal", "Ministry of Finance", "FR", "Every budget line online.")],
    "C4": [("cap-1", "Rural Schools Online", "Teachers Without Borders", "CI", LONG),
           ("cap-2", "Coding Clubs", "Code Club Kenya", "KE", "Clubs in 40 towns.")],
    "C7-HLT": [("hlt-1", "Telemedicine for All", "Digital Health Kenya", "KE", "Doctors by video."),
               ("hlt-2", "Mother and Child SMS", "Santé Mobile", "SN", "Reminders by SMS.")],
}
VOTER = {"user_name": "wanjiru", "email": "wanjiru@example.org", "password": "long enough secret",
         "organisation_name": "Nairobi Libraries", "organisation_type": "civil_society", "country": "KE"}


@pytest.fixture
def published(pctx, voting_api: ServiceContext, request) -> ServiceContext:
    """The 2023 ballot in the voting service, during the vote (10 January 2023, Geneva)."""
    from tests.e2e.editions import edition_2023

    clock.set(datetime(2023, 1, 10, 12, 0, tzinfo=GENEVA))
    request.addfinalizer(lambda: clock.set(None))
    payload = {"categories": [{"category": category, "nominees": [
        {"submission_id": nid, "title": title, "short_description": text,
         "entity": {"name": organisation, "type": "Civil society", "country": country}}
        for nid, title, organisation, country, text in entries]} for category, entries in NOMINEES.items()]}
    with voting_api.db.transaction() as session:
        models.editions.store(session, Envelope(type="edition.updated", producer="submission", edition=YEAR,
                                                payload={"edition": {**edition_2023(YEAR), "revision": 1}}))
        ballot.store(session, Envelope(type="nominees.published", producer="review", edition=YEAR,
                                       payload=payload))
    return voting_api


@pytest.fixture
def voter(pclient, pctx, published):
    """A logged-in stakeholder whose profile is complete (e-mail address confirmed)."""
    register_and_log_in(pclient, VOTER)
    link = urlsplit(outbox_links(pctx)[-1])
    assert pclient.get(f"{link.path}?{link.query}").status_code == 200
    return pclient


def page(client, path: str, language: str = "en") -> str:
    response = client.get(path, headers={"Accept-Language": language})
    assert response.status_code == 200, (path, response.status_code)
    return markup.unescape(response.get_data(as_text=True))


def confirm(client, category: str, nominee: str, language: str = "en"):
    path = f"/editions/{YEAR}/vote/{category}/{nominee}/confirm"
    token = csrf_of(client, path)
    return client.post(f"/editions/{YEAR}/vote", headers={"Accept-Language": language}, data={
        "csrf_token": token, "category": category, "nominee": nominee, "title": "the title"})


def votes_of(ctx: ServiceContext) -> list[tuple[str, str]]:
    with ctx.db.sessions() as session:
        return [tuple(row) for row in session.execute(
            select(models.votes.c.category, models.votes.c.nominee).order_by(models.votes.c.category))]


def test_the_list_names_each_category_with_its_number_of_nominees_and_the_voters_choice(
        pages_app, voter, published) -> None:
    anonymous = [pages_app.test_client().get(f"/editions/{YEAR}/vote") for _ in range(2)]
    html = markup.unescape(anonymous[0].get_data(as_text=True))
    assert f"C7-HLT{DASH}ICT applications: E-health" in html and f"C4{DASH}Capacity building" in html
    assert f'href="/editions/{YEAR}/vote/C4"' in html
    assert "Your choice" not in html and "csrf_token" not in html
    assert anonymous[0].get_data() == anonymous[1].get_data(), "the same page for every anonymous visitor"
    assert "Set-Cookie" not in anonymous[0].headers

    assert confirm(voter, "C4", "cap-2").status_code == 303
    html = page(voter, f"/editions/{YEAR}/vote")
    row = html.split('id="category-C4"', 1)[1].split("</tr>", 1)[0]
    assert "Coding Clubs" in row and "<td>2</td>" in row
    assert "Not voted yet" in html.split('id="category-C7-HLT"', 1)[1].split("</tr>", 1)[0]
    french = page(voter, f"/editions/{YEAR}/vote", "fr")
    assert f"C4{DASH}Renforcement des capacités" in french and "Pas encore de vote" in french


def test_a_category_page_shows_the_first_lines_and_the_whole_text_a_click_away(pclient, published) -> None:
    html = page(pclient, f"/editions/{YEAR}/vote/C4")
    rural = html.split('id="nominee-cap-1"', 1)[1].split("</li>", 1)[0]
    first_lines = rural.split('class="description">', 1)[1].split("</p>", 1)[0]
    assert first_lines == " ".join(LONG.split()[:40]) + " …"
    assert "<details>" in rural and f'class="description">{LONG}</p>' in rural.split("<details>", 1)[1]
    assert "Teachers Without Borders" in rural and "Côte d\u2019Ivoire" in rural
    clubs = html.split('id="nominee-cap-2"', 1)[1].split("</li>", 1)[0]
    assert "<details>" not in clubs, "a short text is shown whole"
    assert f'href="/editions/{YEAR}/vote/C1" rel="prev"' in html
    assert f'href="/editions/{YEAR}/vote/C7-HLT" rel="next"' in html
    assert "Log in to vote" in html and "/confirm" not in html, "no vote link for a visitor"
    assert f"C4{DASH}Renforcement des capacités" in page(pclient, f"/editions/{YEAR}/vote/C4", "fr")
    assert "Сенегал" in page(pclient, f"/editions/{YEAR}/vote/C7-HLT", "ru"), "the country in Russian"
    assert pclient.get(f"/editions/{YEAR}/vote/C9").status_code == 404


@pytest.mark.parametrize(("query", "language", "found"), [
    ("telemedicine", "en", ["hlt-1"]),  # a title
    ("code club", "en", ["cap-2"]),  # an organisation, every word
    ("kenya", "en", ["cap-2", "hlt-1"]),  # a country (and an organisation's name)
    ("cote d", "en", ["cap-1"]),  # without its accent
    ("Sénégal", "fr", ["hlt-2"]),  # the country in the page's language
    ("senegal", "fr", ["hlt-2"]),  # or in English
    ("blockchain", "en", []),
])
def test_search_finds_nominees_by_title_organisation_or_country(pclient, published, query, language,
                                                                 found) -> None:
    html = page(pclient, f"/editions/{YEAR}/vote?q={query}", language)
    links = [part.split('"', 1)[0] for part in html.split(f'href="/editions/{YEAR}/nominees/')[1:]]
    assert links == found
    if not found:
        assert "No nominee matches" in html


def test_each_nominee_has_a_stable_page_to_share_and_an_unknown_one_is_a_404(pclient, published) -> None:
    html = page(pclient, f"/editions/{YEAR}/nominees/hlt-2")
    assert "<h1 lang=\"en\" dir=\"ltr\">Mother and Child SMS</h1>" in html
    assert "Santé Mobile" in html and "Senegal" in html and f"C7-HLT{DASH}ICT applications: E-health" in html
    assert "Reminders by SMS." in html and f"http://localhost/editions/{YEAR}/nominees/hlt-2" in html
    back_here = f"next=/editions/{YEAR}/nominees/hlt-2"
    assert f'href="/login?{back_here}"' in html and f'href="/register?{back_here}"' in html
    registered = pclient.post(f"/register?{back_here}", data={
        **VOTER, "csrf_token": csrf_of(pclient, f"/register?{back_here}")})
    assert registered.status_code == 200 and "Check your mail" in registered.get_data(as_text=True)
    login = f'href="/login?next=/editions/{YEAR}/nominees/hlt-2"'
    assert login in registered.get_data(as_text=True), "logging in comes back to the nominee"
    missing = pclient.get(f"/editions/{YEAR}/nominees/nobody")
    assert missing.status_code == 404 and "This page does not exist" in missing.get_data(as_text=True)


def test_the_confirmation_step_warns_then_casts_and_a_second_vote_in_the_category_is_refused(
        voter, published) -> None:
    html = page(voter, f"/editions/{YEAR}/vote/C7-HLT")
    assert f'href="/editions/{YEAR}/vote/C7-HLT/hlt-1/confirm"' in html
    warning = page(voter, f"/editions/{YEAR}/vote/C7-HLT/hlt-1/confirm")
    assert "You are about to vote for" in warning and "Telemedicine for All" in warning
    assert "A vote is final and cannot be changed." in warning
    assert f'action="/editions/{YEAR}/vote"' in warning
    assert f'href="/editions/{YEAR}/vote/C7-HLT">Back' in warning
    assert votes_of(published) == [], "looking at the confirmation casts nothing"

    cast = confirm(voter, "C7-HLT", "hlt-1")
    assert cast.status_code == 303
    assert cast.headers["Location"] == f"/editions/{YEAR}/vote/C7-HLT?voted=hlt-1", "the shared thank-you"
    after = page(voter, cast.headers["Location"])
    assert 'Your vote for "Telemedicine for All" is recorded. Thank you!' in after
    chosen = after.split('id="nominee-hlt-1"', 1)[1].split("</li>", 1)[0]
    assert "nominee-chosen" in after.split('id="nominee-hlt-1"', 1)[0][-80:] and "Your choice" in chosen
    assert "/confirm" not in after, "no vote link left in the category"
    assert votes_of(published) == [("C7-HLT", "hlt-1")]

    again = confirm(voter, "C7-HLT", "hlt-2", "fr")
    assert again.status_code == 303
    assert again.headers["Location"] == f"/editions/{YEAR}/vote/C7-HLT/hlt-2/confirm"
    refused = page(voter, again.headers["Location"], "fr")
    assert "Vous avez déjà voté dans cette catégorie ; un vote est définitif." in refused
    assert votes_of(published) == [("C7-HLT", "hlt-1")]
    assert "cannot be changed" not in page(voter, f"/editions/{YEAR}/vote/C7-HLT/hlt-2/confirm")


def test_the_confirmation_asks_a_visitor_to_log_in_first(pclient, published) -> None:
    response = pclient.get(f"/editions/{YEAR}/vote/C4/cap-1/confirm")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


# -- the shared category page (domain/display.py): the same HTML for every voter of a variant --

OTHER = {**VOTER, "user_name": "amara", "email": "amara@example.org", "organisation_name": "Dakar Makers",
         "country": "SN"}


def register_and_confirm(client, pctx, person: dict) -> None:
    register_and_log_in(client, person)
    link = urlsplit(outbox_links(pctx)[-1])
    assert client.get(f"{link.path}?{link.query}").status_code == 200


def cookie(client, name: str) -> str | None:
    found = client.get_cookie(name)
    return found.value if found is not None else None


def test_two_voters_get_the_same_category_page_and_each_sees_only_their_own_choice(
        pages_app, pctx, voter, published) -> None:
    other = pages_app.test_client()
    register_and_confirm(other, pctx, OTHER)
    assert confirm(voter, "C4", "cap-1").status_code == 303
    assert confirm(other, "C4", "cap-2").status_code == 303

    mine, theirs = (client.get(f"/editions/{YEAR}/vote/C4").get_data() for client in (voter, other))
    assert mine == theirs, "one page for every voter who may vote: the edge keeps one copy"
    html = markup.unescape(mine.decode())
    for private in ("wanjiru", "amara", "csrf_token", "Nairobi Libraries", "Dakar Makers"):
        assert private not in html, private
    assert "nominee-chosen" not in html, "nobody's mark in the shared page itself"
    assert f'href="/editions/{YEAR}/vote/C4/cap-1/confirm"' in html, "the variant of voters who may vote"

    assert cookie(voter, "wsis_choices") == f"{YEAR}~C4.cap-1", "each voter's mark is in their own cookie"
    assert cookie(other, "wsis_choices") == f"{YEAR}~C4.cap-2"
    row = 'id="category-C4"'
    assert "Rural Schools Online" in page(voter, f"/editions/{YEAR}/vote").split(row, 1)[1][:400]
    assert "Coding Clubs" in page(other, f"/editions/{YEAR}/vote").split(row, 1)[1][:400]
    assert "Rural Schools Online" not in page(other, f"/editions/{YEAR}/vote"), "the list is per voter"


def test_logging_out_and_in_switches_the_category_page_to_the_visitors_variant(
        pclient, pctx, voter, published) -> None:
    assert cookie(voter, "wsis_voter") == "can_vote"
    assert "/confirm" in page(voter, f"/editions/{YEAR}/vote/C1")
    logout_form = page(voter, "/logout")
    assert 'action="/logout"' in logout_form and "csrf_token" in logout_form
    assert voter.post("/logout", data={"csrf_token": csrf_of(voter, "/logout")}).status_code == 303
    assert cookie(voter, "wsis_voter") is None and cookie(voter, "wsis_choices") is None
    anonymous = page(voter, f"/editions/{YEAR}/vote/C1")
    assert "Log in to vote" in anonymous and "/confirm" not in anonymous

    logged_in = voter.post("/login", data={"identifier": VOTER["user_name"], "password": VOTER["password"],
                                           "csrf_token": csrf_of(voter, "/login")})
    assert logged_in.status_code == 303 and cookie(voter, "wsis_voter") == "can_vote"
    assert "/confirm" in page(voter, f"/editions/{YEAR}/vote/C1")


def test_a_voter_whose_profile_is_incomplete_sees_that_variant_without_their_details(
        pclient, pctx, published) -> None:
    register_and_log_in(pclient, VOTER)  # the e-mail address is not confirmed yet
    assert cookie(pclient, "wsis_voter") == "incomplete"
    html = page(pclient, f"/editions/{YEAR}/vote/C1")
    assert "Your profile is not complete for voting yet" in html and "/confirm" not in html
    assert "confirmed e-mail" not in html and "wanjiru" not in html


def test_the_confirmation_says_already_voted_without_javascript(voter, published) -> None:
    assert confirm(voter, "C4", "cap-1").status_code == 303
    html = page(voter, f"/editions/{YEAR}/vote/C4/cap-2/confirm")
    assert "You have already voted in this category; a vote is final." in html
    assert f'action="/editions/{YEAR}/vote"' not in html, "no form to vote a second time"


def test_the_voted_notice_names_the_nominee_of_that_category_only(pclient, published) -> None:
    html = page(pclient, f"/editions/{YEAR}/vote/C4?voted=cap-2", "fr")
    assert "« Coding Clubs »" in html or "Coding Clubs" in html.split('role="status"', 1)[1][:200]
    assert 'role="status"' not in page(pclient, f"/editions/{YEAR}/vote/C4?voted=hlt-1"), "not of C4"
    assert 'role="status"' not in page(pclient, f"/editions/{YEAR}/vote/C4?voted=nobody")


def test_a_stale_display_cookie_never_casts_a_vote(pclient, pctx, published) -> None:
    pclient.set_cookie("wsis_voter", "can_vote")
    pclient.set_cookie("wsis_choices", f"{YEAR}~C1.gov-1")
    html = page(pclient, f"/editions/{YEAR}/vote/C4")
    assert f'href="/editions/{YEAR}/vote/C4/cap-1/confirm"' in html, "the cookie picks the page only"
    asked = pclient.get(f"/editions/{YEAR}/vote/C4/cap-1/confirm")
    assert asked.status_code == 302 and "/login" in asked.headers["Location"], "the session decides"
    cast = pclient.post(f"/editions/{YEAR}/vote", data={"category": "C4", "nominee": "cap-1",
                                                         "csrf_token": "forged"})
    assert cast.status_code in (302, 400)
    assert votes_of(published) == []

    # Logged in with a profile that may not vote yet, behind a forged "can_vote" cookie.
    register_and_log_in(pclient, VOTER)
    pclient.set_cookie("wsis_voter", "can_vote")
    refused = confirm(pclient, "C4", "cap-1")
    assert refused.status_code == 303 and "voted=" not in refused.headers["Location"]
    assert "Complete your profile before voting" in page(pclient, refused.headers["Location"])
    assert votes_of(published) == []
