"""Accepted submissions enter the review queue from `submission.accepted`; withdrawn ones leave
it; the edition copy follows `edition.updated`, and every moved date lands in the audit trail."""

from __future__ import annotations

from sqlalchemy import func, select

from review.definition import definition
from review.models import Submission
from tests.review.flows import BASE, assign, record_expert
from tests.review.support import (
    ADMIN,
    accept,
    accepted_payload,
    edition_document,
    expert_token,
    feed,
    send_edition,
)
from wsis_common import contracts
from wsis_common.consumer import Consumer


def test_an_accepted_submission_reaches_the_queue_of_its_assigned_expert_with_its_texts(ctx, client):
    record_expert(client, "exp-a")
    assign(client, "exp-a", category="C7-HLT")
    sub = accept(ctx, category="C7-HLT", title="Mobile clinics")
    accept(ctx, category="C4")  # another category: not this expert's

    queue = client.get("/api/v1/reviews/queue", headers=expert_token("exp-a")).json
    assert [i["submission_id"] for i in queue["items"]] == [sub["submission_id"]]
    item = queue["items"][0]
    assert item["title"] == "Mobile clinics" and item["category_name"] == "ICT applications: E-health"
    assert [t["name"] for t in item["texts"]] == ["short_description", "impact", "partnerships",
                                                  "challenges_and_prospects"]
    assert item["my_review"] is None and queue["to_do"] == 1
    assert queue["editions"]["2023"]["scale"] == {"min": 1, "max": 5}
    assert len(queue["criteria"]) == 9 and len(queue["scored_criteria"]) == 8


def test_the_queue_carries_the_sdg_boxes_and_the_project_status_the_stakeholder_sent(ctx, client):
    record_expert(client, "exp-a")
    assign(client, "exp-a", category="C4")
    sub = accept(ctx, category="C4")
    item = client.get("/api/v1/reviews/queue", headers=expert_token("exp-a")).json["items"][0]
    assert item["sdgs"] == [3, 5, 10] and item["sdg_links"] == sub["sdg_links"]
    assert item["project_status"] == "key_phase_concluded"
    # An event from before the fields existed still enters the queue, with nothing to show.
    older = {k: v for k, v in accepted_payload(category="C4").items()
             if k not in ("sdg_links", "project_status")}
    feed(ctx, contracts.SUBMISSION_ACCEPTED, older, 2023, producer="submission")
    item = client.get("/api/v1/reviews/queue?submission_id=" + older["submission_id"],
                      headers=expert_token("exp-a")).json["items"][0]
    assert item["sdg_links"] == {} and item["project_status"] is None


def test_the_queue_of_one_submission_is_that_item_alone_and_empty_when_it_is_not_mine(ctx, client):
    record_expert(client, "exp-a")
    assign(client, "exp-a", category="C4")
    wanted, other = accept(ctx, category="C4"), accept(ctx, category="C4")
    elsewhere = accept(ctx, category="C7-HLT")  # not this expert's category
    url = "/api/v1/reviews/queue?submission_id="
    one = client.get(url + wanted["submission_id"], headers=expert_token("exp-a")).json
    assert [i["submission_id"] for i in one["items"]] == [wanted["submission_id"]] and one["to_do"] == 1
    assert one["editions"]["2023"]["scale"] == {"min": 1, "max": 5} and len(one["scored_criteria"]) == 8
    whole = client.get("/api/v1/reviews/queue", headers=expert_token("exp-a")).json
    assert {i["submission_id"] for i in whole["items"]} == {wanted["submission_id"], other["submission_id"]}
    feed(ctx, contracts.SUBMISSION_WITHDRAWN, {"submission_id": other["submission_id"], "category": "C4"},
         2023)
    for absent in (elsewhere["submission_id"], other["submission_id"], "no-such-submission" * 5):
        nothing = client.get(url + absent, headers=expert_token("exp-a")).json
        assert nothing["items"] == [] and nothing["editions"] == {}, absent
    refused = client.get(url, headers=expert_token("exp-a"))
    assert refused.status_code == 422 and "submission_id" in refused.json["errors"], refused.json


def test_a_redelivered_acceptance_changes_nothing(ctx):
    payload = accept(ctx, category="C4")
    envelope = feed(ctx, contracts.SUBMISSION_ACCEPTED, payload, 2023)
    assert Consumer(ctx.db, ctx.tables, ctx.settings, definition.handlers(ctx)).handle(envelope) is False
    with ctx.db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Submission)) == 1


def test_a_withdrawn_submission_leaves_the_queue_even_when_its_withdrawal_came_first(ctx, client):
    record_expert(client, "exp-a")
    assign(client, "exp-a", category="C4")
    kept = accept(ctx, category="C4")
    gone = accept(ctx, category="C4")
    feed(ctx, contracts.SUBMISSION_WITHDRAWN, {"submission_id": gone["submission_id"], "category": "C4"},
         2023)
    # The withdrawal of another overtook its acceptance: it must not come back.
    early = "00000000-0000-0000-0000-00000000beef"
    feed(ctx, contracts.SUBMISSION_WITHDRAWN, {"submission_id": early, "category": "C4"}, 2023)
    accept(ctx, category="C4", submission_id=early)

    queue = client.get("/api/v1/reviews/queue", headers=expert_token("exp-a")).json
    assert [i["submission_id"] for i in queue["items"]] == [kept["submission_id"]]
    ranking = client.get(f"{BASE}/categories/C4/ranking", headers=ADMIN).json
    assert [s["submission_id"] for s in ranking["standings"]] == [kept["submission_id"]]


def test_moved_dates_and_changed_parameters_are_in_the_audit_trail(ctx, client):
    moved = edition_document(2023, revision=2, phases={"nominees_published_at": "2022-12-27T00:00",
                                                       "voting_opens": "2022-12-27T00:00"},
                             nominees_per_category=15)
    send_edition(ctx, moved)
    send_edition(ctx, edition_document(2023, revision=1))  # an older revision arriving late: ignored

    trail = client.get(f"{BASE}/audit", headers=ADMIN).json
    changed = [e for e in trail if e["action"] == "edition.changed"]
    assert len(changed) == 1
    details = changed[0]["details"]
    assert details["phases"]["nominees_published_at"] == {
        "before": "2022-12-25T00:00:00+01:00", "after": "2022-12-27T00:00:00+01:00"}
    assert details["parameters"]["nominees_per_category"] == {"before": 20, "after": 15}
    assert changed[0]["actor"] and changed[0]["at"] and changed[0]["subject"] == "revision 2"
