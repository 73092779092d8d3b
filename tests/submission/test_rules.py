"""Every phase-1 rule, each with a test that fails when the rule is broken; a refused
submission gets every reason at once, field by field, and nothing is stored."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from devstack.corpus import project_2018, project_2023, sentence_text
from submission.models import Submission, messages
from tests.submission.conftest import geneva, new_stakeholder
from wsis_common.clock import clock

URL = "/api/v1/editions/2023/submissions"


def stored(ctx) -> tuple[int, int]:
    with ctx.db.sessions() as session:
        return (session.scalar(select(func.count()).select_from(Submission)),
                session.scalar(select(func.count()).select_from(messages.outbox).where(
                    messages.outbox.c.routing_key == "submission.accepted")))


def refused(response) -> dict[str, list[str]]:
    assert response.status_code == 422, response.get_json()
    assert response.content_type == "application/problem+json"
    return response.get_json()["errors"]


def test_a_valid_2023_submission_is_accepted_and_published(client, ctx, stakeholder) -> None:
    response = client.post(URL, json=project_2023(1), headers=stakeholder)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "accepted" and body["submitted_at"]
    with ctx.db.sessions() as session:
        event = json.loads(session.scalars(select(messages.outbox.c.body).where(
            messages.outbox.c.routing_key == "submission.accepted")).one())
    payload = event["payload"]
    assert payload["submission_id"] == body["id"] and payload["category"] == "C7-HLT"
    assert payload["short_description"] == project_2023(1)["answers"]["short_description"]
    assert payload["coordinator"] == {"name": "Amina Odhiambo", "email": "amina@example.org"}
    assert payload["submitter"]["email"].endswith("@example.org")
    # The expert's sheet shows each claimed SDG's box and the project's status (issue 15).
    sent = project_2023(1)
    assert payload["sdg_links"] == sent["answers"]["sdg_links"] and list(payload["sdg_links"]) == ["3", "10"]
    assert payload["project_status"] == "completed"


def test_a_valid_2018_submission_with_its_photo_is_accepted(client, stakeholder, png) -> None:
    clock.set(geneva("2017-12-01T12:00"))
    draft = client.post("/api/v1/editions/2018/submissions", json={**project_2018(2), "draft": True},
                        headers=stakeholder)
    assert draft.status_code == 201, draft.get_json()
    sid = draft.get_json()["id"]
    without_photo = client.post(f"/api/v1/submissions/{sid}/submit", headers=stakeholder)
    assert "photo" in refused(without_photo)
    assert client.put(f"/api/v1/submissions/{sid}/photo", data=png, headers=stakeholder).status_code == 200
    accepted = client.post(f"/api/v1/submissions/{sid}/submit", headers=stakeholder)
    assert accepted.status_code == 200, accepted.get_json()
    assert accepted.get_json()["status"] == "accepted"


def test_only_a_logged_in_stakeholder_submits(client, ctx) -> None:
    assert client.post(URL, json=project_2023(3)).status_code == 401
    from tests.submission.conftest import ADMIN

    assert client.post(URL, json=project_2023(3), headers=ADMIN).status_code == 403
    assert stored(ctx) == (0, 0)


def test_an_empty_form_gets_every_missing_field_at_once(client, ctx, stakeholder) -> None:
    errors = refused(client.post(URL, json={}, headers=stakeholder))
    for field in ("category", "title", "entity.name", "entity.type", "entity.country", "coordinator.name",
                  "coordinator.email", "project_status", "sdgs", "answers.short_description",
                  "answers.impact", "answers.partnerships", "answers.challenges_and_prospects"):
        assert field in errors, field
    assert stored(ctx) == (0, 0)


def test_every_broken_rule_is_reported_together_field_by_field(client, ctx, stakeholder) -> None:
    data = project_2023(4)
    data["category"] = "C12"
    data["coordinator"]["email"] = "not-an-address"
    data["project_status"] = "ongoing"
    data["sdgs"] = [3, 18]
    data["answers"]["short_description"] = sentence_text(120, 99)
    data["answers"]["partnerships"] = sentence_text(20, 98)
    del data["answers"]["sdg_links"]["3"]
    errors = refused(client.post(URL, json=data, headers=stakeholder))
    assert "not one of the 18 categories" in errors["category"][0]
    assert "not an e-mail address" in errors["coordinator.email"][0]
    assert "completed" in errors["project_status"][0]
    assert any("SDG 18 does not exist" in r for r in errors["sdgs"])
    assert "has 120 words; it needs at least 150" in errors["answers.short_description"][0]
    assert "has 20 words; it needs at least 25" in errors["answers.partnerships"][0]
    assert "answers.sdg_links.3" in errors
    assert stored(ctx) == (0, 0)


def test_the_short_description_may_not_exceed_200_words(client, stakeholder) -> None:
    data = project_2023(5)
    data["answers"]["short_description"] = sentence_text(201, 97)
    errors = refused(client.post(URL, json=data, headers=stakeholder))
    assert errors == {"answers.short_description": [
        "Short description has 201 words; it may have at most 200."]}


def test_word_limits_come_from_the_editions_template(client, stakeholder, admin) -> None:
    form = client.get("/api/v1/editions/2023").get_json()["form"]
    form["boxes"][0]["min_words"] = 180
    assert client.patch("/api/v1/editions/2023", json={"form": form}, headers=admin).status_code == 200
    errors = refused(client.post(URL, json=project_2023(6), headers=stakeholder))
    assert "needs at least 180" in errors["answers.short_description"][0]


def test_a_submission_in_another_language_is_refused(client, ctx, stakeholder) -> None:
    data = project_2023(7)
    data["answers"]["impact"] = (
        "Le projet a permis de former plus de deux mille infirmières dans les zones rurales du pays. "
        "Grâce aux tablettes et à la connexion mobile, les centres de santé partagent désormais les "
        "dossiers des patients avec l'hôpital régional, ce qui réduit les délais de diagnostic et les "
        "déplacements coûteux pour les familles. ") * 4
    errors = refused(client.post(URL, json=data, headers=stakeholder))
    assert errors == {"answers.impact": ["Submissions are in English; this text reads as French."]}
    assert stored(ctx) == (0, 0)


@pytest.mark.parametrize(("local_time", "accepted"), [
    ("2022-12-07T22:59:59", True),
    ("2022-12-07T23:00:00", False),
    ("2022-12-08T09:00:00", False),
    ("2022-09-06T23:59:59", False),   # before the opening
    ("2022-09-07T00:00:00", True),
])
def test_the_deadline_is_23_00_geneva_to_the_second(client, stakeholder, local_time, accepted) -> None:
    clock.set(geneva(local_time))
    response = client.post(URL, json=project_2023(8), headers=stakeholder)
    assert (response.status_code == 201) is accepted, response.get_json()
    if not accepted:
        assert response.status_code == 403 and response.content_type == "application/problem+json"


def test_the_deadline_holds_across_summer_time(client, stakeholder, admin) -> None:
    # Move the deadline to a summer day: 23:00 Geneva is then 21:00 UTC, not 22:00. The team
    # sets these dates before the phase opens (a phase that has begun keeps its start).
    clock.set(geneva("2022-05-01T12:00"))
    assert client.patch("/api/v1/editions/2023", headers=admin, json={"phases": {
        "submission_opens": "2022-06-01T00:00:00+02:00", "submission_closes": "2022-08-31T23:00:00+02:00",
    }}).status_code == 200
    clock.set(geneva("2022-08-31T22:59:59"))
    assert client.post(URL, json=project_2023(9), headers=stakeholder).status_code == 201
    from datetime import UTC, datetime

    clock.set(datetime(2022, 8, 31, 21, 0, 0, tzinfo=UTC))
    assert client.post(URL, json=project_2023(10), headers=stakeholder).status_code == 403


def test_one_project_per_entity_per_category(client, ctx, stakeholder) -> None:
    assert client.post(URL, json=project_2023(11, entity="The Digital Health Kenya"),
                       headers=stakeholder).status_code == 201
    # Another person of the same entity, spelled differently, same category: refused.
    second = client.post(URL, json=project_2023(12, entity="digital health kenya"),
                         headers=new_stakeholder())
    assert "one project per entity per category" in refused(second)["category"][0]
    # The same entity in another category: fine.
    assert client.post(URL, json=project_2023(13, category="C4"), headers=stakeholder).status_code == 201
    assert stored(ctx) == (2, 2)


def test_an_earlier_editions_winner_is_not_eligible(client, ctx, stakeholder, admin) -> None:
    imported = client.post("/api/v1/winners", headers=admin, json={"winners": [
        {"year": 2021, "category": "C7-HLT", "title": "Project 14: Rural Telemedicine Network",
         "entity_name": "Digital Health Kenya"}]})
    assert imported.status_code == 201 and imported.get_json() == {"added": 1}
    errors = refused(client.post(URL, json=project_2023(14, title="Project 14: rural telemedicine network!"),
                                 headers=stakeholder))
    assert "won an earlier edition" in errors["title"][0]
    assert stored(ctx) == (0, 0)


def test_winners_announced_makes_the_winners_ineligible_for_later_editions(
    client, ctx, stakeholder, admin
) -> None:
    won = client.post(URL, json=project_2023(15), headers=stakeholder).get_json()
    from submission.definition import definition
    from wsis_common.consumer import Consumer
    from wsis_common.envelope import Envelope

    consumer = Consumer(ctx.db, ctx.tables, ctx.settings, definition.handlers(ctx))
    consumer.handle(Envelope(type="winners.announced", producer="review", edition=2023, payload={
        "categories": [{"category": "C7-HLT", "champions": [], "winner": {
            "submission_id": won["id"], "title": won["title"],
            "short_description": won["answers"]["short_description"]}}]}))
    # The next edition: the same project, title reworded, is refused.
    next_year = client.get("/api/v1/editions/2023").get_json()
    body = {k: next_year[k] for k in ("ordinal", "phases", "parameters", "form")}
    body.update(year=2024, ordinal=13, phases={k: v.replace("2023-", "2024-").replace("2022-", "2023-")
                                                for k, v in next_year["phases"].items()})
    assert client.post("/api/v1/editions", json=body, headers=admin).status_code == 201
    clock.set(geneva("2023-11-01T12:00"))
    again = project_2023(15, title="Telemedicine for rural Kenya")
    errors = refused(client.post("/api/v1/editions/2024/submissions", json=again, headers=new_stakeholder()))
    assert "won an earlier edition" in errors["title"][0]
    winners = client.get("/api/v1/winners", headers=admin).get_json()
    assert [(w["year"], w["source"]) for w in winners] == [(2023, "event")]
