"""The same project never twice: not by another entity, not in another category, not with a
reworded title or lightly edited text. MinHash over word 3-shingles, threshold 0.3."""

from __future__ import annotations

import pytest

from devstack.corpus import lightly_edited, project_2023, sentence_text
from submission.domain import similarity
from tests.submission.conftest import new_stakeholder

URL = "/api/v1/editions/2023/submissions"

# A small corpus of pairs: (what the second text is, how it is made, caught?)
BASE = sentence_text(300, 1)
PAIRS = [
    ("the same text", BASE, True),
    ("one word in 12 changed", lightly_edited(BASE, 12, 1), True),
    ("one word in 6 changed", lightly_edited(BASE, 6, 2), True),
    ("the first half only", " ".join(BASE.split()[:150]), True),
    ("a third of the text only", " ".join(BASE.split()[:100]), True),
    ("one word in 4 changed", lightly_edited(BASE, 4, 4), False),
    ("one word in 3 changed", lightly_edited(BASE, 3, 3), False),
    ("another project on the same topics", sentence_text(300, 2), False),
]


@pytest.mark.parametrize(("what", "text", "caught"), PAIRS, ids=[p[0] for p in PAIRS])
def test_the_threshold_catches_light_edits_and_lets_other_projects_through(what, text, caught) -> None:
    score = similarity.similarity(similarity.signature(BASE), similarity.signature(text))
    print(f"{what:40s} estimated Jaccard {score:.2f} -> {'caught' if caught else 'passes'}")
    assert (score >= similarity.DUPLICATE_THRESHOLD) is caught


def test_the_same_project_by_another_entity_in_another_category_is_refused(client, stakeholder) -> None:
    assert client.post(URL, json=project_2023(30), headers=stakeholder).status_code == 201
    copy = project_2023(30, entity="Kenya Health Partners", category="C4")
    response = client.post(URL, json=copy, headers=new_stakeholder("Kenya Health Partners"))
    assert response.status_code == 422
    assert "already submitted" in response.get_json()["errors"]["title"][0]


def test_a_reworded_title_and_lightly_edited_text_is_still_the_same_project(client, stakeholder) -> None:
    original = project_2023(31)
    assert client.post(URL, json=original, headers=stakeholder).status_code == 201
    copy = project_2023(31, title="Telehealth for rural clinics", entity="Other Org", category="C3")
    for box in ("short_description", "impact", "partnerships", "challenges_and_prospects"):
        copy["answers"][box] = lightly_edited(original["answers"][box], 10, 5)
    response = client.post(URL, json=copy, headers=new_stakeholder("Other Org"))
    assert response.status_code == 422
    assert "already submitted" in response.get_json()["errors"]["title"][0]


def test_a_different_project_is_not_mistaken_for_a_duplicate(client, stakeholder) -> None:
    for seed in range(32, 37):
        response = client.post(URL, json=project_2023(seed, category=f"C{seed - 31}"), headers=stakeholder)
        assert response.status_code == 201, response.get_json()
