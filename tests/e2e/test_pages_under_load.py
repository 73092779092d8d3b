"""The public's vote through the pages, on the real stack: the per-address limit drawn once per
page vote, the anonymous ballot page from the edge's cache and fresh within its second, and the
per-process account cache bounded (a role change shows within it; logging out still ends it)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import requests

from devstack.bench import CATEGORIES, CSRF, count_votes, libpq, seed_gateway, seed_voting, session_cookie
from devstack.stack import Stack

YEAR = 2097
BURST = 40  # devstack's VOTE_BURST: 1 + 40 votes at once from one address, then 20 per second


@pytest.fixture(scope="module")
def voters(stack: Stack) -> list[str]:
    seed_voting(stack.database_urls["voting"], YEAR)
    return seed_gateway(stack.database_urls["gateway"], 10, "speed-", YEAR)


@pytest.fixture(scope="module")
def secret(stack: Stack) -> str:
    return stack.secret_key_file.read_text().strip()


def _page_vote(stack: Stack, secret: str, voter: str, category: str,
               vote_token: str | None = None) -> requests.Response:
    """The confirmation's form posted; with the vote token cookie that page hands over (the way
    a browser posts it: to the voting service), else without (to the portal)."""
    cookies = {"session": session_cookie(secret, voter)}
    if vote_token:
        cookies["wsis_vote"] = vote_token
    return requests.post(f"{stack.gateway_url}/editions/{YEAR}/vote", allow_redirects=False, timeout=30,
                         cookies=cookies, headers={"Accept-Language": "fr", "Origin": stack.gateway_url},
                         data={"category": category, "nominee": f"{category}-1", "csrf_token": CSRF})


def _vote_token(stack: Stack, secret: str, voter: str) -> str:
    """The token cookie a voter's confirmation page hands over."""
    page = requests.get(f"{stack.gateway_url}/editions/{YEAR}/vote/C1/C1-1/confirm", timeout=10,
                        cookies={"session": session_cookie(secret, voter)})
    assert page.status_code == 200
    return page.cookies["wsis_vote"]


def test_votes_through_the_pages_just_under_the_limit_are_all_counted_and_one_over_gets_the_page(
        stack: Stack, voters: list[str], secret: str) -> None:
    tokens = {voter: _vote_token(stack, secret, voter) for voter in voters[:3]}
    time.sleep(BURST / 20 + 0.5)  # other tests' votes from this address have drained from the limit
    planned = [(voter, category, tokens[voter]) for voter in voters[:3] for category in CATEGORIES][:BURST]
    with ThreadPoolExecutor(BURST) as pool:
        answers = list(pool.map(lambda p: _page_vote(stack, secret, *p), planned))
    assert [a.status_code for a in answers] == [303] * BURST, [a.status_code for a in answers]
    assert count_votes(stack.database_urls["voting"], "speed-")[0] == BURST, "every page vote is stored"

    over = [(voter, category) for voter in voters[3:6] for category in CATEGORIES][:BURST]
    with ThreadPoolExecutor(BURST) as pool:
        refused = [a for a in pool.map(lambda p: _page_vote(stack, secret, *p), over) if a.status_code == 429]
    assert refused, "past the burst, the limit refuses"
    assert "Trop de tentatives" in refused[0].text and refused[0].headers["Retry-After"] == "1"


def test_the_anonymous_ballot_page_comes_from_the_edge_and_shows_a_changed_ballot_within_seconds(
        stack: Stack, voters: list[str]) -> None:
    # A category page: the ballot page a voter reads.
    url, language = f"{stack.gateway_url}/editions/{YEAR}/vote/C1", {"Accept-Language": "es"}
    requests.get(url, headers=language, timeout=10)
    second = requests.get(url, headers=language, timeout=10)
    assert second.status_code == 200 and second.headers["X-Cache-Status"] == "HIT"
    assert 'lang="es"' in second.text and "Project C1-1" in second.text
    french = requests.get(url, headers={"Accept-Language": "fr"}, timeout=10)
    assert 'lang="fr"' in french.text, "each language is its own page in the cache"
    forged = {"session": "x", "wsis_voter": "forged"}
    stranger = requests.get(url, headers=language, cookies=forged, timeout=10)
    assert stranger.headers["X-Cache-Status"] == "HIT" and stranger.text == second.text, "unknown: anonymous"

    seed_voting(stack.database_urls["voting"], YEAR, renamed=" (renamed)")
    deadline, page = time.monotonic() + 4, ""  # the ballot's 1 s, then the page's 1 s
    while time.monotonic() < deadline and "Project C1-1 (renamed)" not in page:
        time.sleep(0.25)
        page = requests.get(url, headers=language, timeout=10).text
    assert "Project C1-1 (renamed)" in page
    seed_voting(stack.database_urls["voting"], YEAR)


def test_two_logged_in_voters_share_the_cached_category_page_and_each_keeps_their_own_mark(
        stack: Stack, voters: list[str], secret: str) -> None:
    url, language = f"{stack.gateway_url}/editions/{YEAR}/vote/C2", {"Accept-Language": "en"}
    first, second = ({"session": session_cookie(secret, v), "wsis_voter": "can_vote"} for v in voters[6:8])
    time.sleep(1.1)  # a new turn of the cache
    pages = [requests.get(url, headers=language, cookies=cookies, timeout=10) for cookies in (first, second)]
    assert [p.headers["X-Cache-Status"] for p in pages] == ["MISS", "HIT"], "one copy for every voter"
    assert pages[0].text == pages[1].text and "Set-Cookie" not in pages[1].headers
    assert "csrf_token" not in pages[0].text and voters[6] not in pages[0].text, "nothing of the session"
    assert f"/editions/{YEAR}/vote/C2/C2-3/confirm" in pages[0].text, "the variant of voters who may vote"

    voted = [_page_vote(stack, secret, v, "C2") for v in voters[6:8]]
    assert [v.headers["Location"] for v in voted] == [f"/editions/{YEAR}/vote/C2?voted=C2-1"] * 2
    assert [v.cookies.get("wsis_choices") for v in voted] == [f"{YEAR}~C2.C2-1"] * 2, "each their own cookie"
    thanks = [requests.get(stack.gateway_url + v.headers["Location"], headers=language, cookies=first,
                           timeout=10) for v in voted]
    assert thanks[1].headers["X-Cache-Status"] == "HIT" and "Project C2-1" in thanks[1].text

    listing = requests.get(f"{stack.gateway_url}/editions/{YEAR}/vote", cookies=first, timeout=10)
    assert listing.headers["X-Cache-Status"] == "BYPASS", "the list of categories is per voter"


def test_a_role_granted_in_another_process_takes_effect_within_the_account_cache_bound(
        stack: Stack, voters: list[str], secret: str) -> None:
    voter, cookies = voters[9], {"session": session_cookie(secret, voters[9])}
    assert requests.get(f"{stack.gateway_url}/admin", cookies=cookies, timeout=10).status_code == 403
    with psycopg.connect(libpq(stack.database_urls["gateway"])) as conn:
        conn.execute("""UPDATE accounts SET roles = '["admin", "stakeholder"]' WHERE id = %s""", (voter,))
    granted, deadline = time.monotonic(), time.monotonic() + 10
    while requests.get(f"{stack.gateway_url}/admin", cookies=cookies, timeout=10).status_code != 200:
        assert time.monotonic() < deadline, "the role never took effect"
        time.sleep(0.25)
    assert time.monotonic() - granted <= 5 + 1, "within ACCOUNT_CACHE_SECONDS (5), and a request's time"


def test_after_logging_out_the_browser_no_longer_votes(stack: Stack, voters: list[str], secret: str) -> None:
    logged_in = {"session": session_cookie(secret, voters[8])}
    out = requests.post(f"{stack.gateway_url}/logout", data={"csrf_token": CSRF}, cookies=logged_in,
                        allow_redirects=False, timeout=10)
    assert out.status_code == 303 and "session" in out.cookies
    vote = requests.post(f"{stack.gateway_url}/editions/{YEAR}/vote", allow_redirects=False, timeout=10,
                         cookies={"session": out.cookies["session"]},
                         data={"category": "C9", "nominee": "C9-1", "csrf_token": CSRF})
    assert vote.status_code == 400 or "/login" in vote.headers["Location"], "the form expired, or log in"
    assert count_votes(stack.database_urls["voting"], voters[8])[0] == 0
