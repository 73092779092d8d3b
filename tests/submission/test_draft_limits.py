"""A draft is stored as sent, so it has the shape of a questionnaire: the form's own boxes,
each a text of bounded length, SDGs as whole numbers 1 to 17. Anything else is a 422 field by
field, and nothing is stored or changed."""

from __future__ import annotations

import pytest

from submission.domain.drafts import LONGEST_ANSWER

URL = "/api/v1/editions/2023/submissions"


def drafts(client, headers) -> list[dict]:
    return client.get(f"{URL}?mine=true", headers=headers).get_json()


@pytest.mark.parametrize(("body", "field"), [
    ({"answers": {"impact": "x" * (LONGEST_ANSWER + 1)}}, "answers.impact"),
    ({"answers": {f"k{i}": "x" for i in range(50_000)}}, "answers.k0"),
    ({"answers": {"impact": {"nested": "text"}}}, "answers.impact"),
    ({"answers": {"sdg_links": {"18": "A goal that does not exist"}}}, "answers.sdg_links.18"),
    ({"answers": {"sdg_links": {"3": ["not", "a", "text"]}}}, "answers.sdg_links.3"),
    ({"sdgs": [1.5]}, "sdgs.0"),
    ({"sdgs": [3, 18]}, "sdgs.1"),
    ({"sdgs": [0]}, "sdgs.0"),
])
def test_a_draft_of_no_questionnaires_shape_is_refused_and_nothing_is_stored(
        client, stakeholder, body, field) -> None:
    refused = client.post(URL, json={"draft": True, "title": "Shape", **body}, headers=stakeholder)
    assert refused.status_code == 422 and refused.mimetype == "application/problem+json"
    assert field in refused.get_json()["errors"]
    assert drafts(client, stakeholder) == []


def test_a_draft_changed_into_no_questionnaires_shape_stays_as_it_was(client, stakeholder) -> None:
    saved = client.post(URL, json={"draft": True, "title": "Kept", "sdgs": [3],
                                   "answers": {"impact": "Our impact."}}, headers=stakeholder)
    assert saved.status_code == 201
    sid = saved.get_json()["id"]
    refused = client.patch(f"/api/v1/submissions/{sid}", headers=stakeholder,
                           json={"sdgs": [18], "answers": {"impact": "Changed.", "made_up": "No such box."}})
    assert refused.status_code == 422
    assert {"sdgs.0", "answers.made_up"} <= set(refused.get_json()["errors"])
    kept = client.get(f"/api/v1/submissions/{sid}", headers=stakeholder).get_json()
    assert kept["sdgs"] == [3] and kept["answers"] == {"impact": "Our impact."}


def test_a_draft_body_over_a_megabyte_is_refused_unread(client, stakeholder) -> None:
    huge = {"draft": True, "title": "Huge", "answers": {"impact": "x" * (11 * 1024 * 1024)}}
    refused = client.post(URL, json=huge, headers=stakeholder)
    assert refused.status_code == 413 and refused.mimetype == "application/problem+json"
    assert drafts(client, stakeholder) == []


def test_a_draft_of_the_forms_boxes_and_sdg_links_is_saved(client, stakeholder) -> None:
    body = {"draft": True, "title": "Fine", "sdgs": [3, 17],
            "answers": {"impact": "y" * LONGEST_ANSWER, "sdg_links": {"3": "How.", "17": "Also."}}}
    saved = client.post(URL, json=body, headers=stakeholder)
    assert saved.status_code == 201, saved.get_json()
    assert saved.get_json()["sdgs"] == [3, 17]
