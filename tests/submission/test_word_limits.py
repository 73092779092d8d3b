"""Word limits at the submission API (issue 16): both ends of every range hold with texts
full of URLs, times, dates and amounts counted as a word processor counts them; the limits the
calls give are kept, the others are the WSIS team's low floor, and each says where it is from."""

from __future__ import annotations

import copy

import pytest

from devstack.corpus import REALISTIC_2023_ANSWERS, project_2018, project_2023, rich_text
from submission.service.reference import shipped_editions
from tests.submission.conftest import geneva
from wsis_common.clock import clock
from wsis_common.words import count_words

FLOOR = 25  # the WSIS team's floor for a box the call gives no minimum for


def submit(client, year: int, data: dict, headers: dict, png: bytes):
    """Submit as the stakeholder would: 2018 asks for a photo, sent with a draft first."""
    if year == 2023:
        return client.post(f"/api/v1/editions/{year}/submissions", json=data, headers=headers)
    clock.set(geneva("2017-12-01T12:00"))
    draft = client.post("/api/v1/editions/2018/submissions", json={**data, "draft": True}, headers=headers)
    assert draft.status_code == 201, draft.get_json()
    sid = draft.get_json()["id"]
    assert client.put(f"/api/v1/submissions/{sid}/photo", data=png, headers=headers).status_code == 200
    return client.post(f"/api/v1/submissions/{sid}/submit", headers=headers)


# (edition, box, words, accepted): the call's own ends and the floor's.
ENDS = [
    (2023, "short_description", 149, False), (2023, "short_description", 150, True),
    (2023, "short_description", 200, True), (2023, "short_description", 201, False),
    (2023, "impact", FLOOR - 1, False), (2023, "impact", FLOOR, True),
    (2023, "partnerships", FLOOR - 1, False), (2023, "partnerships", FLOOR, True),
    (2023, "challenges_and_prospects", FLOOR - 1, False), (2023, "challenges_and_prospects", FLOOR, True),
    (2023, "sdg_links.3", FLOOR - 1, False), (2023, "sdg_links.3", FLOOR, True),
    (2018, "summary", FLOOR - 1, False), (2018, "summary", FLOOR, True),
    (2018, "summary", 100, True), (2018, "summary", 101, False),
    (2018, "project_information", 1499, False), (2018, "project_information", 1500, True),
    (2018, "project_information", 2000, True), (2018, "project_information", 2001, False),
]


@pytest.mark.parametrize(("year", "box", "n_words", "accepted"), ENDS,
                         ids=[f"{y}-{b}-{n}" for y, b, n, _ in ENDS])
def test_each_box_is_accepted_at_both_ends_of_its_range_and_refused_one_word_beyond(
        client, stakeholder, png, year: int, box: str, n_words: int, accepted: bool) -> None:
    data = project_2023(11) if year == 2023 else project_2018(11)
    text = rich_text(n_words, seed=1)
    assert count_words(text) == n_words  # URLs, times, dates, amounts: one word each
    if box.startswith("sdg_links."):
        data["answers"]["sdg_links"][box.split(".")[1]] = text
    else:
        data["answers"][box] = text
    response = submit(client, year, data, stakeholder, png)
    if accepted:
        assert response.status_code in (200, 201), response.get_json()
        assert response.get_json()["status"] == "accepted"
    else:
        assert response.status_code == 422, response.get_json()
        reasons = response.get_json()["errors"]
        assert list(reasons) == [f"answers.{box}"]
        assert f"has {n_words} words" in reasons[f"answers.{box}"][0]


def test_a_realistic_2023_project_with_short_real_paragraphs_is_accepted(client, stakeholder) -> None:
    data = project_2023(12)
    data["answers"] = copy.deepcopy(REALISTIC_2023_ANSWERS)
    response = client.post("/api/v1/editions/2023/submissions", json=data, headers=stakeholder)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["status"] == "accepted"


def test_the_calls_numbers_are_kept_and_every_other_is_the_floor_with_its_source() -> None:
    forms = {edition["year"]: edition["form"] for edition in shipped_editions()}
    limits = {(year, box["name"]): (box.get("min_words"), box.get("max_words"))
              for year, form in forms.items() for box in form["boxes"]}
    assert limits == {
        (2023, "short_description"): (150, 200),  # call 2023, rule 6
        (2023, "impact"): (FLOOR, None), (2023, "partnerships"): (FLOOR, None),
        (2023, "challenges_and_prospects"): (FLOOR, None),
        (2018, "summary"): (FLOOR, 100),  # call 2018: "summary (100 words)"
        (2018, "project_information"): (1500, 2000),  # call 2018: "1500-2000 words"
    }
    assert forms[2023]["sdg_links"]["min_words"] == FLOOR
    boxes = [box for form in forms.values() for box in form["boxes"]] + [forms[2023]["sdg_links"]]
    for box in boxes:
        for end in ("min", "max"):
            if box.get(f"{end}_words") is not None:
                source = box[f"{end}_words_from"]
                floor = box[f"{end}_words"] == FLOOR
                assert ("floor" in source) if floor else source.startswith("call 20"), source


def test_an_admins_change_of_the_form_keeps_where_each_limit_comes_from(client, admin) -> None:
    form = client.get("/api/v1/editions/2023").get_json()["form"]
    form["boxes"][1]["min_words"] = 40
    form["boxes"][1]["min_words_from"] = "WSIS team, 2023-01-05: raised after the review"
    assert client.patch("/api/v1/editions/2023", json={"form": form}, headers=admin).status_code == 200
    kept = client.get("/api/v1/editions/2023").get_json()["form"]
    assert kept == form
    assert kept["sdg_links"]["min_words_from"].startswith("WSIS team's floor")
