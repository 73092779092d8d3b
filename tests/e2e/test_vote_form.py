"""The vote form's POST taken by the voting service straight from the edge (voting/api/form.py), on
the real stack: the confirmation page hands over the voter's token, the vote goes to voting and
not through the portal, and everything that is not a plain success (a second vote, another
site's form, a stale token) is sent back to the portal, which answers as it always did."""

from __future__ import annotations

import json
import time
import uuid

import pytest
import requests

from devstack.bench import CSRF, count_votes, seed_gateway, seed_voting, session_cookie
from devstack.stack import Stack

YEAR = 2096


@pytest.fixture(scope="module")
def voters(stack: Stack) -> list[str]:
    seed_voting(stack.database_urls["voting"], YEAR)
    return seed_gateway(stack.database_urls["gateway"], 6, "form-", YEAR)


def _browser(stack: Stack, voter: str) -> requests.Session:
    """A logged-in visitor's browser (its session cookie as log-in signs it)."""
    browser = requests.Session()
    secret = stack.secret_key_file.read_text().strip()
    browser.cookies.set("session", session_cookie(secret, voter), domain="127.0.0.1", path="/")
    browser.headers.update({"Accept-Language": "fr", "Origin": stack.gateway_url})
    return browser


def _confirm(stack: Stack, browser: requests.Session, category: str, nominee: str) -> requests.Response:
    page = browser.get(f"{stack.gateway_url}/editions/{YEAR}/vote/{category}/{nominee}/confirm", timeout=10)
    assert page.status_code == 200
    return page


def _vote(stack: Stack, browser: requests.Session, category: str, nominee: str, *,
          follow: bool = False, request_id: str | None = None) -> requests.Response:
    headers = {"X-Request-ID": request_id} if request_id else {}
    return browser.post(f"{stack.gateway_url}/editions/{YEAR}/vote", allow_redirects=follow, timeout=30,
                        headers=headers, data={"category": category, "nominee": nominee, "csrf_token": CSRF})


def _upstream_of(stack: Stack, request_id: str) -> list[str]:
    """The upstream addresses nginx logged for a request id, in order."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        lines = (stack.run_dir / "logs" / "nginx-access.log").read_text().splitlines()
        found = [json.loads(line)["upstream"] for line in lines if request_id in line]
        if found:
            return found
        time.sleep(0.1)
    return []


def _port(stack: Stack, name: str) -> str:
    return stack.web_url(name).rsplit(":", 1)[1]


def test_the_confirmation_page_hands_over_the_vote_token_and_the_vote_goes_to_voting_directly(
        stack: Stack, voters: list[str]) -> None:
    browser = _browser(stack, voters[0])
    page = _confirm(stack, browser, "C3", "C3-2")
    cookie = next(c for c in browser.cookies if c.name == "wsis_vote")
    assert cookie.path == f"/editions/{YEAR}/vote" and cookie.has_nonstandard_attr("HttpOnly")
    assert "samesite=strict" in page.headers["Set-Cookie"].lower()

    request_id = f"form-{uuid.uuid4()}"
    voted = _vote(stack, browser, "C3", "C3-2", request_id=request_id)
    assert voted.status_code == 303 and voted.headers["Location"] == f"/editions/{YEAR}/vote/C3?voted=C3-2"
    assert browser.cookies.get("wsis_choices") == f"{YEAR}~C3.C3-2", "the mark on the shared pages"
    assert _upstream_of(stack, request_id) == [f"127.0.0.1:{_port(stack, 'voting')}"], "not via the portal"
    assert count_votes(stack.database_urls["voting"], voters[0])[0] == 1

    thanks = browser.get(stack.gateway_url + voted.headers["Location"], timeout=10)
    assert thanks.status_code == 200 and "Project C3-2" in thanks.text and 'lang="fr"' in thanks.text


def test_a_second_vote_in_a_category_is_sent_back_to_the_portal_which_says_why_in_the_voters_language(
        stack: Stack, voters: list[str]) -> None:
    browser = _browser(stack, voters[1])
    _confirm(stack, browser, "C4", "C4-1")
    assert _vote(stack, browser, "C4", "C4-1").status_code == 303
    _confirm(stack, browser, "C4", "C4-2")  # an old tab's confirmation page, say

    request_id = f"form-{uuid.uuid4()}"
    again = _vote(stack, browser, "C4", "C4-2", request_id=request_id)
    assert again.status_code == 307 and again.headers["Location"] == f"/editions/{YEAR}/vote"
    assert "wsis_vote" not in browser.cookies, "the token cookie is taken back with the 307"
    final = _vote(stack, browser, "C4", "C4-2", follow=True)
    assert "Vous avez déjà voté dans cette catégorie" in final.text
    assert count_votes(stack.database_urls["voting"], voters[1])[0] == 1, "the first vote stands, alone"


def test_another_sites_form_with_the_cookie_casts_nothing(stack: Stack, voters: list[str]) -> None:
    browser = _browser(stack, voters[2])
    _confirm(stack, browser, "C5", "C5-1")
    browser.headers["Origin"] = "https://vote-for-us.example"
    forged = browser.post(f"{stack.gateway_url}/editions/{YEAR}/vote", allow_redirects=False, timeout=10,
                          data={"category": "C5", "nominee": "C5-1"})
    assert forged.status_code == 307, "voting does not take it"
    refused = browser.post(f"{stack.gateway_url}/editions/{YEAR}/vote", allow_redirects=False, timeout=10,
                           data={"category": "C5", "nominee": "C5-1"})
    assert refused.status_code == 400, "the portal's CSRF check refuses it"
    assert count_votes(stack.database_urls["voting"], voters[2])[0] == 0


def test_a_stale_vote_token_costs_a_detour_through_the_portal_and_the_vote_counts_once(
        stack: Stack, voters: list[str]) -> None:
    browser = _browser(stack, voters[3])
    browser.cookies.set("wsis_vote", "not.a.token", domain="127.0.0.1", path=f"/editions/{YEAR}/vote")
    voted = _vote(stack, browser, "C6", "C6-3", follow=True)
    assert voted.status_code == 200 and [r.status_code for r in voted.history] == [307, 303]
    assert voted.url.endswith(f"/editions/{YEAR}/vote/C6?voted=C6-3")
    assert count_votes(stack.database_urls["voting"], voters[3])[0] == 1


def test_logging_out_takes_the_vote_token_back(stack: Stack, voters: list[str]) -> None:
    browser = _browser(stack, voters[4])
    _confirm(stack, browser, "C1", "C1-1")
    assert "wsis_vote" in browser.cookies
    out = browser.post(f"{stack.gateway_url}/logout", data={"csrf_token": CSRF}, allow_redirects=False,
                       timeout=10)
    assert out.status_code == 303 and "wsis_vote" not in browser.cookies


def test_a_form_voting_cannot_read_goes_to_the_portal_and_casts_nothing(
        stack: Stack, voters: list[str]) -> None:
    browser = _browser(stack, voters[5])
    _confirm(stack, browser, "C2", "C2-1")
    url = f"{stack.gateway_url}/editions/{YEAR}/vote"
    for odd in ({"data": {"category": "C2", "nominee": "C2-1\x00", "csrf_token": CSRF}},
                {"files": {"category": (None, "C2"), "nominee": (None, "C2-1")}}):
        sent = browser.post(url, allow_redirects=False, timeout=10, **odd)
        assert sent.status_code == 307, "voting leaves it to the portal"
        _confirm(stack, browser, "C2", "C2-1")  # the token cookie again
    assert count_votes(stack.database_urls["voting"], voters[5])[0] == 0
