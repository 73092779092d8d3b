"""The WSIS team assigns experts by hand or spreads them evenly in one action; an expert never
reviews a submission of their own organisation (names compared in their normal form), whether
the organisation was recorded by the WSIS team or comes from the expert's token."""

from __future__ import annotations

from collections import Counter

from tests.review.flows import BASE, assign, put_review, record_expert
from tests.review.support import ADMIN, CATEGORIES, STAKEHOLDER, accept, expert_token


def test_an_expert_is_assigned_to_a_category_or_to_one_submission_by_hand(ctx, client):
    record_expert(client, "exp-a")
    record_expert(client, "exp-b")
    one, other = accept(ctx, category="C4"), accept(ctx, category="C4")
    by_category = assign(client, "exp-a", category="C4")
    by_submission = assign(client, "exp-b", submission_id=one["submission_id"])
    assert by_category.status_code == by_submission.status_code == 201
    assert assign(client, "exp-a", category="C4").json["already_assigned"] is True

    overview = client.get(f"{BASE}/assignments", headers=ADMIN).json
    reviewers = {s["submission_id"]: s["reviewers"] for s in overview["submissions"]}
    assert reviewers[one["submission_id"]] == ["exp-a", "exp-b"]
    assert reviewers[other["submission_id"]] == ["exp-a"]
    enough = {s["submission_id"]: s["enough_reviewers"] for s in overview["submissions"]}
    assert enough == {one["submission_id"]: True, other["submission_id"]: False}  # 2 per submission

    assignment_id = by_submission.json["assignment"]["id"]
    assert client.delete(f"{BASE}/assignments/{assignment_id}", headers=ADMIN).status_code == 204
    queue = client.get("/api/v1/reviews/queue", headers=expert_token("exp-b")).json
    assert queue["items"] == []


def test_an_expert_is_never_assigned_a_submission_of_their_own_organisation(ctx, client):
    record_expert(client, "exp-a", organisation="The Digital Health Kenya Ltd.")
    own = accept(ctx, category="C7-HLT", entity="Digital Health (Kenya)", country="KE")
    other = accept(ctx, category="C7-HLT", entity="Health Bridge", country="UG")

    refused = assign(client, "exp-a", submission_id=own["submission_id"])
    assert refused.status_code == 409 and refused.json["title"] == "Conflict of interest"
    by_category = assign(client, "exp-a", category="C7-HLT")
    assert by_category.json["left_out_for_conflict"] == [own["submission_id"]]

    queue = client.get("/api/v1/reviews/queue", headers=expert_token("exp-a")).json
    assert [i["submission_id"] for i in queue["items"]] == [other["submission_id"]]
    conflict = put_review(client, "exp-a", own["submission_id"])
    assert conflict.status_code == 403 and conflict.json["title"] == "Conflict of interest"


def test_the_organisation_in_the_experts_token_counts_too(ctx, client):
    record_expert(client, "exp-a", organisation="University of Geneva")  # what the WSIS team knew
    own = accept(ctx, category="C4", entity="Code for Africa", country="ZA")
    assign(client, "exp-a", category="C4")
    token = expert_token("exp-a", organisation="CODE FOR AFRICA")  # what the account says

    assert client.get("/api/v1/reviews/queue", headers=token).json["items"] == []
    response = client.put(f"/api/v1/reviews/{own['submission_id']}", headers=token,
                          json={"complies": True, "scores": {}, "comment": "x"})
    assert response.status_code == 403
    # Remembered: the spread and the overview leave the expert out of that submission from now on.
    overview = client.get(f"{BASE}/assignments", headers=ADMIN).json
    assert overview["submissions"][0]["reviewers"] == []


def test_spreading_gives_every_submission_its_reviewers_evenly_and_without_conflicts(ctx, client):
    experts = {"exp-a": "Org A", "exp-b": "Org B", "exp-c": "Org C", "exp-d": "Org D"}
    for expert, org in experts.items():
        record_expert(client, expert, organisation=org)
    subs = [accept(ctx, category=c, entity="Org A" if i == 0 else None)
            for i, c in enumerate(["C4", "C4", "C4", "C7-HLT", "C7-HLT", "C2", "C2"])]

    spread = client.post(f"{BASE}/assignments/spread", headers=ADMIN, json={"expert_ids": list(experts)})
    assert spread.status_code == 200, spread.json
    pairs = [(a["submission_id"], a["expert_id"]) for a in spread.json["assigned"]]
    per_submission = Counter(sid for sid, _ in pairs)
    assert set(per_submission.values()) == {2} and len(per_submission) == len(subs)
    loads = spread.json["load"]
    assert max(loads.values()) - min(loads.values()) <= 1, loads
    assert (subs[0]["submission_id"], "exp-a") not in pairs, "Org A's expert on Org A's project"
    assert spread.json["short"] == []

    again = client.post(f"{BASE}/assignments/spread", headers=ADMIN, json={"expert_ids": list(experts)})
    assert again.json["assigned"] == [], "a second spread adds nothing: everyone has two"


def test_a_spread_says_which_submissions_lack_free_experts(ctx, client):
    record_expert(client, "exp-a", organisation="Org A")
    record_expert(client, "exp-b", organisation="Org B")
    sub = accept(ctx, category="C4", entity="Org A")
    spread = client.post(f"{BASE}/assignments/spread", headers=ADMIN,
                         json={"expert_ids": ["exp-a", "exp-b"], "categories": ["C4"]})
    assert spread.json["short"] == [{"submission_id": sub["submission_id"], "missing": 1}]


def test_an_expert_must_be_recorded_the_category_known_and_only_admins_assign(ctx, client):
    accept(ctx, category="C4")
    unknown = assign(client, "nobody", category="C4")
    assert unknown.status_code == 422 and "expert_id" in unknown.json["errors"]
    both = client.post(f"{BASE}/assignments", headers=ADMIN,
                       json={"expert_id": "x", "category": "C4", "submission_id": "y"})
    assert both.status_code == 422
    record_expert(client, "exp-a")
    assert assign(client, "exp-a", category="C99").status_code == 404
    assert client.post(f"{BASE}/categories/C99/close", headers=ADMIN).status_code == 404
    for headers in (STAKEHOLDER, expert_token("exp-a")):
        assert client.post(f"{BASE}/assignments", headers=headers,
                           json={"expert_id": "exp-a", "category": "C4"}).status_code == 403
    assert client.get(f"{BASE}/assignments").status_code == 401


def test_a_spread_over_every_category_at_once_is_recorded_whole(ctx, client):
    for expert in ("exp-a", "exp-b"):
        record_expert(client, expert, organisation=f"Org {expert}")
    for category in CATEGORIES:
        accept(ctx, category=category)
    spread = client.post(f"{BASE}/assignments/spread", headers=ADMIN, json={"expert_ids": ["exp-a", "exp-b"]})
    assert spread.status_code == 200, spread.json
    assert len(spread.json["assigned"]) == 2 * len(CATEGORIES)
    entry = next(e for e in client.get(f"{BASE}/audit", headers=ADMIN).json
                 if e["action"] == "experts.spread")
    assert entry["details"]["subject"] == ", ".join(sorted(CATEGORIES)), "every category named"
