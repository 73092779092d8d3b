"""Every refusal as a code with params beside its English (the problem's `reasons`, parallel to
`errors`), so that a page can say it in its visitor's language; and a refusal never reveals
another organisation's project."""

from __future__ import annotations

import json

import pytest

from devstack.corpus import project_2023, sentence_text
from tests.submission.conftest import geneva, new_stakeholder
from wsis_common.clock import clock

URL = "/api/v1/editions/2023/submissions"
FRENCH = ("Ce projet aide les petits agriculteurs des zones rurales à obtenir chaque jour des informations "
          "sur la météo et les prix des récoltes sur leur téléphone portable, sans frais pour eux.")
SWAHILI = ("Mradi huu unasaidia wakulima wadogo vijijini kupata taarifa za hali ya hewa na bei za mazao "
           "kupitia simu za mkononi kila siku bila malipo yoyote.")
PORTUGUESE = ("Este projeto ajuda os pequenos agricultores das zonas rurais a obter informações sobre "
              "o tempo e os preços das colheitas através do telemóvel todos os dias, sem qualquer custo.")


def codes(problem: dict, field: str) -> list[str]:
    return [r["code"] for r in problem["reasons"][field]]


def test_a_refusal_gives_each_reason_as_a_code_and_params_at_the_place_of_its_english(client,
                                                                                        stakeholder) -> None:
    response = client.post(URL, headers=stakeholder, json={
        "category": "C99", "title": "", "entity": {"name": "Kijiji Data"}, "coordinator": {"email": "nope"},
        "project_status": "ongoing", "sdgs": [3, 18],
        "answers": {"short_description": FRENCH, "impact": sentence_text(250, 1),
                    "sdg_links": {"3": "Too short.", "5": sentence_text(40, 2)}}})
    assert response.status_code == 422
    problem = response.get_json()
    errors, reasons = problem["errors"], problem["reasons"]
    assert list(reasons) == list(errors)
    assert all(len(reasons[k]) == len(errors[k]) for k in errors)
    assert reasons["category"] == [{"code": "category.unknown", "params": {"category": "C99"}}]
    assert errors["title"] == ["The project needs a title."]  # the English API clients read is kept
    assert codes(problem, "entity.type") == ["entity.required"] and reasons["entity.type"][0]["params"] == {
        "part": "type"}
    assert codes(problem, "coordinator.name") == ["coordinator.name_required"]
    assert reasons["coordinator.email"] == [{"code": "coordinator.email_invalid",
                                             "params": {"email": "nope"}}]
    assert codes(problem, "project_status") == ["project_status.invalid"]
    assert errors["project_status"] == ["The project must be completed, or with a key phase concluded, so "
                                        "that its results can be shown."]
    assert reasons["sdgs"] == [{"code": "sdgs.unknown", "params": {"number": 18}}]
    assert reasons["answers.sdg_links.3"] == [{"code": "sdg_link.too_few",
                                               "params": {"number": 3, "words": 2, "limit": 25}}]
    assert reasons["answers.sdg_links.5"] == [{"code": "sdg_link.not_claimed", "params": {"number": "5"}}]
    assert reasons["answers.short_description"] == [
        {"code": "box.too_few", "params": {"box": "short_description", "label": "Short description",
                                           "words": 31, "limit": 150}},
        {"code": "text.not_english", "params": {"language": "fr"}}]
    assert errors["answers.short_description"][1] == "Submissions are in English; this text reads as French."
    assert "answers.impact" not in reasons
    assert codes(problem, "answers.partnerships") == ["box.required"]
    assert "key_phase_concluded" not in json.dumps(problem)


@pytest.mark.parametrize(("text", "code", "name"), [(SWAHILI, "sw", "Swahili"),
                                                    (PORTUGUESE, "pt", "Portuguese")])
def test_a_text_in_any_other_language_is_named_never_a_bare_code(client, stakeholder, text, code,
                                                                 name) -> None:
    project = project_2023(40)
    project["answers"]["partnerships"] = text + " " + text
    problem = client.post(URL, json=project, headers=stakeholder).get_json()
    assert problem["reasons"]["answers.partnerships"] == [{"code": "text.not_english",
                                                           "params": {"language": code}}]
    assert problem["errors"]["answers.partnerships"] == [
        f"Submissions are in English; this text reads as {name}."]


def test_the_same_project_from_another_organisation_is_refused_without_naming_whose_it_is(
        client, stakeholder) -> None:
    first = project_2023(41, title="Mobile clinics for the Rift Valley", entity="Digital Health Kenya")
    assert client.post(URL, json=first, headers=stakeholder).status_code == 201
    copy = project_2023(41, title="Clinics on wheels", entity="Kenya Health Partners", category="C4")
    response = client.post(URL, json=copy, headers=new_stakeholder("Kenya Health Partners"))
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["reasons"]["title"] == [{"code": "project.already_submitted", "params": {}}]
    assert problem["errors"]["title"] == ["This project was already submitted this year; a project may be "
                                          "submitted only once."]
    whole = json.dumps(problem, ensure_ascii=False).lower()
    for secret in ("mobile clinics", "rift valley", "digital health kenya", "c7-hlt", "alike", "%"):
        assert secret not in whole, secret


def test_the_same_project_from_the_same_organisation_names_its_own_earlier_submission(client,
                                                                                      stakeholder) -> None:
    first = project_2023(42, title="Mobile clinics for the Rift Valley", entity="Digital Health Kenya")
    accepted = client.post(URL, json=first, headers=stakeholder).get_json()
    again = project_2023(42, title="Clinics on wheels", entity="digital health kenya", category="C4")
    problem = client.post(URL, json=again, headers=stakeholder).get_json()
    assert problem["reasons"]["title"] == [{"code": "project.already_submitted_by_you", "params": {
        "title": "Mobile clinics for the Rift Valley", "category": "C7-HLT",
        "submitted_at": accepted["submitted_at"], "submission_id": accepted["id"]}}]
    assert problem["errors"]["title"][0].startswith(
        "This project was already submitted by your organisation as "
        "\u201cMobile clinics for the Rift Valley\u201d")


def test_a_closed_window_says_when_as_a_code_with_the_instant(client, stakeholder) -> None:
    clock.set(geneva("2022-12-07T23:00"))
    problem = client.post(URL, json=project_2023(43), headers=stakeholder).get_json()
    assert problem["status"] == 403
    assert problem["reason"] == {"code": "window.closed", "params": {"at": "2022-12-07T23:00:00+01:00"}}
    assert problem["detail"] == ("Submissions closed at 2022-12-07T23:00:00+01:00; nothing is accepted "
                                 "after it.")


def test_a_schema_refusal_carries_codes_too(client, stakeholder) -> None:
    problem = client.post(URL, json={"title": "x" * 301, "entity": {"country": "KEN"}, "draft": True},
                          headers=stakeholder).get_json()
    assert problem["reasons"]["title"] == [{"code": "field.too_long", "params": {"max": 300}}]
    assert problem["reasons"]["entity.country"] == [{"code": "field.length", "params": {"equal": 2}}]


def test_the_openapi_document_describes_the_reasons_member(client) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    problem = document["components"]["schemas"]["Problem"]["properties"]
    assert {"errors", "reasons", "reason"} <= set(problem)
    assert problem["reasons"]["additionalProperties"]["items"]["$ref"].endswith("/Reason")
