"""Issue 19, at the producer: what the submission API accepts is what every consumer can
store. A text outside its contract (wsis_common.limits) is a 422 naming the field with a
code, never a 201 that a consumer dead-letters, never a 500."""

from __future__ import annotations

import json

import pytest

from devstack.corpus import project_2023
from tests.submission.conftest import new_stakeholder
from wsis_common import limits

URL = "/api/v1/editions/2023/submissions"


def _codes(problem: dict, field: str) -> list[str]:
    return [r["code"] for r in problem["reasons"][field]]


def _accepted_payloads(ctx) -> list[dict]:
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(ctx.tables.outbox.select().where(
            ctx.tables.outbox.c.routing_key == "submission.accepted")).all()
    return [json.loads(row.body)["payload"] for row in rows]


def test_a_nul_in_the_short_description_is_refused_field_by_field(client, stakeholder) -> None:
    project = project_2023(1)
    project["answers"]["short_description"] = "Clinics\x00 " + project["answers"]["short_description"]
    response = client.post(URL, json=project, headers=stakeholder)
    assert response.status_code == 422
    problem = response.get_json()
    assert _codes(problem, "answers.short_description") == ["text.control_character"]
    assert problem["reasons"]["answers.short_description"][0]["params"] == {"codepoint": "U+0000"}


def test_a_nul_in_the_entity_name_is_a_422_not_a_500(client, stakeholder) -> None:
    response = client.post(URL, json=project_2023(2, entity="Digital\x00Health"), headers=stakeholder)
    assert response.status_code == 422
    assert _codes(response.get_json(), "entity.name") == ["text.control_character"]


def test_an_unpaired_surrogate_in_a_name_is_a_422(client, stakeholder) -> None:
    project = project_2023(3)
    project["coordinator"]["name"] = "Amina \ud800"
    response = client.post(URL, json=project, headers=stakeholder)
    assert response.status_code == 422
    assert _codes(response.get_json(), "coordinator.name") == ["text.unpaired_surrogate"]


def test_a_name_is_measured_after_normalisation_so_110_ligatures_are_too_long(client, stakeholder) -> None:
    response = client.post(URL, json=project_2023(4, entity="\ufb03" * 110), headers=stakeholder)
    assert response.status_code == 422  # 'ﬃ' is 'ffi': 330 characters once normal
    assert _codes(response.get_json(), "entity.name") == ["field.too_long"]


def test_a_name_at_its_limit_once_normal_is_accepted_and_sent_normal(client, ctx, stakeholder) -> None:
    response = client.post(URL, json=project_2023(5, entity="\ufb03" * 100), headers=stakeholder)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["entity"]["name"] == "ffi" * 100
    assert [p["entity"]["name"] for p in _accepted_payloads(ctx)] == ["ffi" * 100]


@pytest.mark.parametrize("length", [270, 290, limits.TITLE.max_length])
def test_a_long_title_within_its_contract_is_accepted_and_sent_whole(client, ctx, length: int) -> None:
    title = f"Project {length} " + "x" * (length - len(f"Project {length} "))
    response = client.post(URL, json=project_2023(length, title=title), headers=new_stakeholder())
    assert response.status_code == 201, response.get_json()
    assert [p["title"] for p in _accepted_payloads(ctx)] == [title]


def test_a_title_beyond_its_contract_is_a_clear_422(client, stakeholder) -> None:
    title = "y" * (limits.TITLE.max_length + 1)
    response = client.post(URL, json=project_2023(6, title=title), headers=stakeholder)
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["reasons"]["title"] == [{"code": "field.too_long", "params": {"max": 300}}]


def test_a_long_text_keeps_its_line_breaks_but_a_title_may_not_have_one(client, stakeholder) -> None:
    project = project_2023(7, title="Two\nlines")
    project["answers"]["impact"] = "First paragraph.\r\n\tSecond. " + project["answers"]["impact"]
    response = client.post(URL, json=project, headers=stakeholder)
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"title"}
