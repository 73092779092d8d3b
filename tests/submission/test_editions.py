"""Editions are data: the shipped 2018 and 2023 editions, admin changes with an audit trail,
`edition.updated` for each change, and schedules that make no sense refused."""

from __future__ import annotations

import json

from sqlalchemy import select

from submission.models import messages
from tests.submission.conftest import new_stakeholder
from wsis_common.context import ServiceContext


def outbox(ctx: ServiceContext, routing_key: str) -> list[dict]:
    with ctx.db.sessions() as session:
        rows = session.execute(select(messages.outbox.c.body).where(
            messages.outbox.c.routing_key == routing_key).order_by(messages.outbox.c.position)).scalars()
        return [json.loads(body) for body in rows]


def test_the_2018_and_2023_editions_are_shipped_as_the_rules_give_them(client) -> None:
    editions = {e["year"]: e for e in client.get("/api/v1/editions").get_json()}
    assert set(editions) == {2018, 2023}
    e2023, e2018 = editions[2023], editions[2018]
    assert e2023["ordinal"] == 12 and e2018["ordinal"] == 7
    # 23:00 Geneva: UTC+1 in winter.
    assert e2023["phases"]["submission_closes"] == "2022-12-07T23:00:00+01:00"
    assert e2023["phases"]["voting_closes"] == "2023-01-25T23:00:00+01:00"
    assert e2023["phases"]["nominees_published_at"] == "2022-12-25T00:00:00+01:00"
    assert e2018["phases"]["submission_opens"] == "2017-09-11T00:00:00+02:00"  # summer time
    assert e2018["phases"]["voting_closes"] == "2018-02-04T23:00:00+01:00"
    assert e2023["parameters"]["nominees_per_category"] == 20
    assert e2023["parameters"]["finalists_per_category"] == 5
    assert e2018["parameters"]["finalists_per_category"] == 3
    assert e2018["parameters"]["nominees_per_category"] is None
    boxes = {b["name"]: b for b in e2023["form"]["boxes"]}
    assert (boxes["short_description"]["min_words"], boxes["short_description"]["max_words"]) == (150, 200)
    assert e2018["form"]["photo"]["required"] is True
    assert {b["name"] for b in e2018["form"]["boxes"]} == {"summary", "project_information"}
    assert len(e2023["categories"]) == 18


def test_the_categories_and_sdgs_are_there(client) -> None:
    data = client.get("/api/v1/categories").get_json()
    assert len(data["categories"]) == 18 and len(data["sdgs"]) == 17
    assert {"code": "C7-HLT", "name": "ICT applications: E-health"} in data["categories"]


def test_an_admin_moves_a_date_which_is_published_and_kept_in_the_audit_trail(
    client, ctx, admin
) -> None:
    before = client.get("/api/v1/editions/2023").get_json()
    moved = client.patch("/api/v1/editions/2023", headers=admin,
                         json={"phases": {"submission_closes": "2022-12-10T23:00:00+01:00"}})
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["phases"]["submission_closes"] == "2022-12-10T23:00:00+01:00"
    assert moved.get_json()["revision"] == before["revision"] + 1

    events = outbox(ctx, "edition.updated")
    assert events[-1]["payload"]["edition"]["phases"]["submission_closes"] == "2022-12-10T23:00:00+01:00"
    assert events[-1]["edition"] == 2023

    history = client.get("/api/v1/editions/2023/history", headers=admin).get_json()
    assert [h["action"] for h in history] == ["created", "updated"]
    last = history[-1]
    assert last["actor"] == "admin-1" and last["at"]
    assert last["before"]["phases"]["submission_closes"] == "2022-12-07T23:00:00+01:00"
    assert last["after"]["phases"]["submission_closes"] == "2022-12-10T23:00:00+01:00"


def test_a_schedule_out_of_order_is_refused_with_every_reason_and_changes_nothing(
    client, ctx, admin
) -> None:
    published = len(outbox(ctx, "edition.updated"))
    refused = client.patch("/api/v1/editions/2023", headers=admin, json={"phases": {
        "voting_closes": "2022-12-20T23:00:00+01:00",       # before the vote opens
        "submission_opens": "2022-12-08T00:00:00+01:00",    # after submissions close
    }})
    assert refused.status_code == 422
    assert refused.content_type == "application/problem+json"
    errors = refused.get_json()["errors"]
    assert "phases.voting_closes" in errors and "phases.submission_closes" in errors
    assert client.get("/api/v1/editions/2023").get_json()["revision"] == 1
    assert len(outbox(ctx, "edition.updated")) == published


def test_a_broken_form_template_is_refused(client, admin) -> None:
    refused = client.patch("/api/v1/editions/2023", headers=admin,
                           json={"form": {"voter_text": "nothing", "boxes": [
                               {"name": "a", "label": "A", "min_words": 10, "max_words": 5}]}})
    assert refused.status_code == 422
    reasons = " ".join(refused.get_json()["errors"]["form"])
    assert "voter_text" in reasons and "min_words" in reasons


def test_only_an_admin_changes_an_edition(client) -> None:
    assert client.patch("/api/v1/editions/2023", json={"parameters": {"finalists_per_category": 4}}
                        ).status_code == 401
    assert client.patch("/api/v1/editions/2023", headers=new_stakeholder(),
                        json={"parameters": {"finalists_per_category": 4}}).status_code == 403
    assert client.get("/api/v1/editions/2023/history", headers=new_stakeholder()).status_code == 403


def test_the_experts_score_scale_is_a_parameter_of_the_edition(client, admin) -> None:
    set_scale = client.patch("/api/v1/editions/2023", headers=admin,
                             json={"parameters": {"review_scale": {"min": 0, "max": 10}}})
    assert set_scale.status_code == 200
    assert set_scale.get_json()["parameters"]["review_scale"] == {"min": 0, "max": 10}
    assert set_scale.get_json()["parameters"]["finalists_per_category"] == 5, "other parameters kept"
    upside_down = client.patch("/api/v1/editions/2023", headers=admin,
                               json={"parameters": {"review_scale": {"min": 5, "max": 1}}})
    assert upside_down.status_code == 422
    assert "parameters.review_scale.max" in upside_down.get_json()["errors"]
