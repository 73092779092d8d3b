"""The chair's and the experts' consoles, done through the pages on the real review service:
each action through its form (the change checked through the service's API), each decision
that cannot be undone asked twice, and each action refused to a role that does not own it."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
import requests

from portal.service import accounts
from tests.pages.conftest import PRIVATE, csrf_of
from tests.review.flows import finalists_arrive
from tests.review.support import (
    DURING_NOMINATION,
    DURING_SELECTION,
    PUBLICATION,
    accept,
    review_body,
)
from wsis_common.auth import Principal, TokenSigner
from wsis_common.clock import clock

SIGNER = TokenSigner(PRIVATE, issuer="wsis-gateway", audience="wsis-services", lifetime=timedelta(days=3650))
CHAIR_API = "/api/v1/reviews/editions/2023"
ADMIN = Principal("admin-api", frozenset({"admin"}), name="Api Admin")


def api(method: str, path: str, principal: Principal, json: Any = None) -> requests.Response:
    import os

    return requests.request(method, os.environ["API_BASE_URL"] + path, json=json, timeout=10,
                            headers={"Authorization": f"Bearer {SIGNER.sign(principal)}"})


def expert_principal(account_id: str) -> Principal:
    return Principal(account_id, frozenset({"expert"}), True, {}, email=f"{account_id}@experts.org",
                     name=account_id)


def person(pctx, client, name: str, roles: tuple[str, ...]) -> dict[str, Any]:
    """An account with these roles, logged in on `client`."""
    account = accounts.register(pctx, user_name=name, email=f"{name}@example.org",
                                password="long enough secret", organisation_name=f"{name} org",
                                organisation_type="academia", country="CH", roles=roles, verified=True)
    response = client.post("/login", data={"identifier": name, "password": "long enough secret",
                                           "csrf_token": csrf_of(client, "/login")})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return account


def expert_of(account_id: str, category: str = "C4") -> None:
    """Recorded on the roster (another organisation than the projects') and assigned to `category`."""
    recorded = api("PUT", f"/api/v1/reviews/experts/{account_id}", ADMIN, {
        "name": account_id, "email": f"{account_id}@experts.org",
        "organisation": {"name": f"Institute {account_id}", "type": "Academia", "country": "CH"}})
    assert recorded.status_code == 200, recorded.text
    assigned = api("POST", f"{CHAIR_API}/assignments", ADMIN, {"expert_id": account_id, "category": category})
    assert assigned.status_code == 201, assigned.text


@pytest.fixture
def at(request):
    request.addfinalizer(lambda: clock.set(None))
    return clock.set


def post(client, path: str, page: str, **data: Any):
    return client.post(path, data={"csrf_token": csrf_of(client, page), **data})


def reviewed(review_api, values: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Submissions of C4, each reviewed by two experts with these scores (a pair per project)."""
    for expert in ("exp-a", "exp-b"):
        expert_of(expert)
    subs = [accept(review_api, category="C4", title=f"C4 project {i + 1}") for i in range(len(values))]
    for sub, pair in zip(subs, values, strict=True):
        for expert, value in zip(("exp-a", "exp-b"), pair, strict=True):
            done = api("PUT", f"/api/v1/reviews/{sub['submission_id']}", expert_principal(expert),
                       review_body(value))
            assert done.status_code == 200, done.text
    return subs


def test_the_expert_reads_every_box_the_sdg_texts_and_the_status_and_scores_from_the_sheet(
        pclient, pctx, review_api, at) -> None:
    at(DURING_NOMINATION)
    me = person(pctx, pclient, "expertine", ("stakeholder", "expert"))
    expert_of(me["id"])
    sub = accept(review_api, category="C4", title="Mobile clinics")
    home = pclient.get("/expert", follow_redirects=True).get_data(as_text=True)
    assert "Mobile clinics" in home and "To review" in home
    sheet = pclient.get(f"/reviews/{sub['submission_id']}").get_data(as_text=True)
    assert sub["sdg_links"]["5"].split(".")[0] in sheet and "5. Gender equality" in sheet
    assert "A key phase is concluded" in sheet
    french = pclient.get(f"/reviews/{sub['submission_id']}", headers={"Accept-Language": "fr"})
    assert "Statut du projet" in french.get_data(as_text=True)
    scores = {f"scores.{name}": "4" for name in review_body()["scores"]}
    saved = post(pclient, f"/reviews/{sub['submission_id']}", f"/reviews/{sub['submission_id']}",
                 complies="yes", comment="Clear and well documented.", **scores)
    assert saved.status_code == 303 and saved.headers["Location"].endswith("/expert/editions/2023")
    mine = api("GET", f"/api/v1/reviews/{sub['submission_id']}", expert_principal(me["id"])).json()
    assert mine["reviews"][0]["comment"] == "Clear and well documented."


def test_the_chair_sees_each_experts_scores_closes_after_confirming_and_confirms_n_nominees(
        pclient, pctx, review_api, at) -> None:
    at(DURING_NOMINATION)
    subs = reviewed(review_api, [(5, 5), (4, 1), (3, 3)])
    person(pctx, pclient, "chairwoman", ("admin",))
    page = "/chair/editions/2023/C4"
    html = pclient.get(page).get_data(as_text=True)
    assert "Large disagreement" in html and "Exp-A" not in html and "exp-b" in html  # names as recorded
    assert "C4 project 2" in html and "The category is open" in html

    asked = post(pclient, page + "/close", page)
    assert asked.status_code == 200 and "Yes, close the category" in asked.get_data(as_text=True)
    assert api("GET", f"{CHAIR_API}/categories/C4/ranking", ADMIN).json()["closed"] is False
    closed = post(pclient, page + "/close", page, confirmed="yes")
    assert closed.status_code == 303
    ranking = api("GET", f"{CHAIR_API}/categories/C4/ranking", ADMIN).json()
    assert ranking["closed"] is True

    ticked = pclient.get(page).get_data(as_text=True)
    for sid in (subs[0]["submission_id"], subs[2]["submission_id"]):  # the top 2 (project 2 scores 2.5)
        assert f'value="{sid}" id="nominate-' in ticked and f'value="{sid}" id="nominate-' in ticked
    too_few = post(pclient, page + "/nominees", page, submission_ids=[subs[0]["submission_id"]])
    text = too_few.get_data(as_text=True)
    assert too_few.status_code == 422 and "The list must have exactly 2 nominees" in text
    french = pclient.post(page + "/nominees", headers={"Accept-Language": "fr"}, data={
        "csrf_token": csrf_of(pclient, page), "submission_ids": [subs[0]["submission_id"]]})
    assert "exactement 2" in french.get_data(as_text=True)
    chosen = [subs[0]["submission_id"], subs[1]["submission_id"]]  # the chair swaps the second
    done = post(pclient, page + "/nominees", page, submission_ids=chosen)
    assert done.status_code == 303
    assert api("GET", f"{CHAIR_API}/categories/C4/ranking", ADMIN).json()["nominees"] == chosen


def test_the_expert_analyses_a_finalist_and_the_chair_picks_the_winner_after_a_confirmation(
        pages_app, pctx, review_api, at) -> None:
    at(DURING_NOMINATION)
    expert_client, chair_client = pages_app.test_client(), pages_app.test_client()
    me = person(pctx, expert_client, "analyst", ("expert",))
    subs = reviewed(review_api, [(5, 5), (4, 4)])
    expert_of(me["id"])
    assert api("POST", f"{CHAIR_API}/categories/C4/close", ADMIN).status_code == 200
    assert api("PUT", f"{CHAIR_API}/categories/C4/nominees", ADMIN, {}).status_code == 200
    at(PUBLICATION)
    at(DURING_SELECTION)
    finalists_arrive(review_api, "C4", [subs[1]["submission_id"], subs[0]["submission_id"]])
    sid = subs[0]["submission_id"]
    form = f"/expert/editions/2023/C4/finalists/{sid}"
    assert "C4 project 1" in expert_client.get("/expert/editions/2023/C4/finalists").get_data(as_text=True)
    empty = post(expert_client, form, form, note="")
    assert empty.status_code == 422 and "Score this criterion." in empty.get_data(as_text=True)
    saved = post(expert_client, form, form, note="Large scale, lasting results.",
                 **{"scores.scale": "5", "scores.wsis_impact": "4", "scores.sustainable_development": "4"})
    assert saved.status_code == 303
    shown = expert_client.get(form).get_data(as_text=True)
    assert "Large scale, lasting results." in shown and "Your analysis is saved" in shown

    person(pctx, chair_client, "chairman", ("admin",))
    page = "/chair/editions/2023/C4/finalists"
    assert "Large scale, lasting results." in chair_client.get(page).get_data(as_text=True)
    asked = post(chair_client, page.replace("finalists", "winner"), page, submission_id=sid)
    text = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "secret until the prize ceremony" in text and "final" in text
    status = api("GET", f"{CHAIR_API}/status", ADMIN).json()["categories"]
    assert not next(c for c in status if c["category"] == "C4")["winner_picked"]
    picked = post(chair_client, page.replace("finalists", "winner"), page, submission_id=sid, confirmed="yes")
    assert picked.status_code == 303
    assert api("GET", f"{CHAIR_API}/categories/C4/finalists", ADMIN).json()["chosen"] == sid
    assert "Winner picked" in chair_client.get("/chair/editions/2023").get_data(as_text=True)


CHAIR_ACTIONS = [("/chair/editions/2023/C4/close", {"confirmed": "yes"}),
                 ("/chair/editions/2023/C4/reopen", {"confirmed": "yes"}),
                 ("/chair/editions/2023/C4/nominees", {"submission_ids": ["x"]}),
                 ("/chair/editions/2023/C4/winner", {"submission_id": "x", "confirmed": "yes"})]


@pytest.mark.parametrize("roles", [("stakeholder",), ("expert",)])
def test_the_chairs_console_is_refused_to_stakeholders_and_experts(pclient, pctx, review_api, at,
                                                                   roles) -> None:
    at(DURING_NOMINATION)
    reviewed(review_api, [(5, 5)])
    person(pctx, pclient, f"someone{uuid.uuid4().hex[:6]}", roles)
    pages = ("/chair", "/chair/editions/2023", "/chair/editions/2023/C4", "/chair/editions/2023/C4/finalists")
    for path in pages:
        assert pclient.get(path).status_code == 403, path
    for path, data in CHAIR_ACTIONS:
        assert post(pclient, path, "/profile", **data).status_code == 403, path
    assert api("GET", f"{CHAIR_API}/categories/C4/ranking", ADMIN).json()["closed"] is False


def test_the_experts_console_is_refused_to_the_chair_and_to_visitors(pages_app, pctx, review_api, at) -> None:
    at(DURING_NOMINATION)
    subs = reviewed(review_api, [(5, 5)])
    form = f"/expert/editions/2023/C4/finalists/{subs[0]['submission_id']}"
    anonymous = pages_app.test_client()
    assert anonymous.get("/expert/editions/2023").status_code == 302
    chair = pages_app.test_client()
    person(pctx, chair, "onlychair", ("admin",))
    for path in ("/expert", "/expert/editions/2023", "/expert/editions/2023/C4/finalists", form):
        assert chair.get(path).status_code == 403, path
    refused = post(chair, form, "/profile", note="Mine", **{"scores.scale": "5"})
    assert refused.status_code == 403
    assert api("GET", f"/api/v1/reviews/{subs[0]['submission_id']}", ADMIN).status_code == 200
