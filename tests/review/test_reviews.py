"""An expert scores each criterion on the edition's scale, comments, and judges compliance; a
failed compliance puts the submission out; scores can change until the chair closes the category."""

from __future__ import annotations

from tests.review.flows import BASE, assigned_submission, close, put_review, record_expert
from tests.review.support import (
    ADMIN,
    STAKEHOLDER,
    edition_document,
    expert_token,
    full_scores,
    geneva,
    send_edition,
)
from wsis_common.clock import clock


def test_a_review_scores_every_criterion_on_the_default_scale_and_gets_every_reason_at_once(ctx, client):
    sid = assigned_submission(ctx, client)
    scores = full_scores(4, alignment=6, sustainability=0)
    del scores["wsis_values"]
    scores["originality"] = 3
    response = client.put(f"/api/v1/reviews/{sid}", headers=expert_token("exp-a"),
                          json={"complies": False, "scores": scores, "comment": " "})
    assert response.status_code == 422
    errors = response.json["errors"]
    assert errors["scores.alignment"] == ["A whole number from 1 to 5."]
    assert errors["scores.sustainability"] == ["A whole number from 1 to 5."]
    assert "scores.wsis_values" in errors and "scores.originality" in errors
    assert "compliance_note" in errors and "comment" in errors

    done = put_review(client, "exp-a", sid, 5)
    assert done.status_code == 200, done.json
    assert done.json["scale"] == {"min": 1, "max": 5} and done.json["mean"] == 5.0
    assert len(done.json["scores"]) == 8


def test_the_scale_is_the_editions_when_it_sets_one(ctx, client):
    send_edition(ctx, edition_document(2023, revision=2, review_scale={"min": 0, "max": 10}))
    sid = assigned_submission(ctx, client)
    assert put_review(client, "exp-a", sid, 11).status_code == 422
    done = put_review(client, "exp-a", sid, 9)
    assert done.status_code == 200 and done.json["scale"] == {"min": 0, "max": 10}
    queue = client.get("/api/v1/reviews/queue", headers=expert_token("exp-a")).json
    assert queue["editions"]["2023"]["scale"] == {"min": 0, "max": 10}


def test_scores_change_until_the_chair_closes_the_category(ctx, client):
    sid = assigned_submission(ctx, client, ("exp-a", "exp-b"))
    for expert in ("exp-a", "exp-b"):
        put_review(client, expert, sid, 3)
    changed = put_review(client, "exp-a", sid, 4)
    assert changed.json["revision"] == 2 and changed.json["scores"]["alignment"] == 4

    assert close(client, "C4").status_code == 200
    late = put_review(client, "exp-a", sid, 5)
    assert late.status_code == 409 and late.json["title"] == "Category closed"
    mine = client.get(f"/api/v1/reviews/{sid}", headers=expert_token("exp-a")).json
    assert [r["scores"]["alignment"] for r in mine["reviews"]] == [4]
    every = client.get(f"/api/v1/reviews/{sid}", headers=ADMIN).json
    assert sorted(r["expert_id"] for r in every["reviews"]) == ["exp-a", "exp-b"]
    queue = client.get("/api/v1/reviews/queue", headers=expert_token("exp-a")).json
    assert queue["items"][0]["closed"] is True and queue["to_do"] == 0


def test_a_failed_compliance_marks_the_submission_out_with_its_reason(ctx, client):
    sid = assigned_submission(ctx, client, ("exp-a", "exp-b"))
    put_review(client, "exp-a", sid, 5)
    put_review(client, "exp-b", sid, 5, complies=False, note="The project is not completed (rule 6).")
    standing = client.get(f"{BASE}/categories/C4/ranking", headers=ADMIN).json["standings"][0]
    assert standing["out"] is True and standing["eligible"] is False and standing["rank"] is None
    assert standing["out_reasons"] == ["The project is not completed (rule 6)."]


def test_reviews_open_with_the_nomination_phase_and_only_for_assigned_experts(ctx, client):
    sid = assigned_submission(ctx, client)
    clock.set(geneva("2022-12-12T23:59"))
    early = put_review(client, "exp-a", sid)
    assert early.status_code == 403 and "2022-12-13" in early.json["detail"]
    clock.set(geneva("2022-12-13T00:00"))
    assert put_review(client, "exp-a", sid).status_code == 200

    record_expert(client, "exp-z")
    assert put_review(client, "exp-z", sid).status_code == 403  # not assigned
    assert client.put(f"/api/v1/reviews/{sid}", headers=STAKEHOLDER,
                      json={"complies": True, "scores": full_scores(), "comment": "x"}).status_code == 403
    assert client.get("/api/v1/reviews/queue").status_code == 401
