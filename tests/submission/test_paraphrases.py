"""A full rewrite of the same project is still the same project (rule 3), and two different
projects of one organisation that share its "About us" paragraph are still two projects:
the anchor signal, on the hand-written pair corpus and through the API."""

from __future__ import annotations

from typing import Any

import pytest

from devstack.corpus import project_2023, sentence_text
from devstack.paraphrase_pairs import (
    DIFFERENT_KINDS,
    SAME_KINDS,
    flagged_per_kind,
    new_method,
    old_method,
)
from devstack.paraphrase_texts import BOILERPLATE, PARAPHRASES, PROJECTS, Project
from tests.submission.conftest import new_stakeholder

URL = "/api/v1/editions/2023/submissions"
NEW, OLD = flagged_per_kind(new_method), flagged_per_kind(old_method)


@pytest.mark.parametrize("kind", SAME_KINDS)
def test_every_kind_of_resubmission_of_the_same_project_is_caught(kind: str) -> None:
    flagged, total = NEW[kind]
    assert flagged == total, f"{kind}: {flagged}/{total} caught"


@pytest.mark.parametrize("kind", DIFFERENT_KINDS)
def test_no_kind_of_different_project_is_mistaken_for_a_duplicate(kind: str) -> None:
    flagged, total = NEW[kind]
    assert flagged == 0, f"{kind}: {flagged}/{total} wrongly flagged"


@pytest.mark.parametrize("kind", ["full paraphrase", "submitted by a partner", "summarised / translated back",
                                  "in another category"])
def test_wording_alone_misses_the_rewrites_the_anchors_catch(kind: str) -> None:
    flagged, total = OLD[kind]
    assert flagged < total / 2, f"{kind}: wording alone catches {flagged}/{total}; is the corpus still hard?"


def _body(project: Project, seed: int, *, entity: str | None = None, category: str | None = None,
          description: str | None = None, title: str | None = None) -> dict[str, Any]:
    """A valid 2023 submission around a corpus description; the other boxes are filler."""
    body = project_2023(seed, entity=entity or project.entity, category=category or project.category,
                        country=project.country)
    body["title"] = title or project.title
    words = (description or project.text).split()
    # Some corpus descriptions are shorter than the form's 150 words: filler makes up the rest.
    filler = sentence_text(160 - len(words), seed).split() if len(words) < 160 else []
    body["answers"]["short_description"] = " ".join(words + filler)
    return body


def test_a_full_paraphrase_of_an_accepted_project_is_refused(client, stakeholder) -> None:
    base = PROJECTS[8]
    assert client.post(URL, json=_body(base, 60), headers=stakeholder).status_code == 201
    title, text = PARAPHRASES[8]
    again = _body(base, 61, title=title, description=text, category="C7-SCI")
    response = client.post(URL, json=again, headers=new_stakeholder(base.entity))
    assert response.status_code == 422, response.get_json()
    assert "already submitted" in response.get_json()["errors"]["title"][0]


def test_two_projects_of_one_organisation_sharing_its_about_us_paragraph_are_both_accepted(
        client, stakeholder) -> None:
    entity, about = "Tech4Good Africa", BOILERPLATE["Tech4Good Africa"]
    # Two telemedicine projects in Kenya, the organisation's paragraph pasted into both.
    for seed, project, category in ((62, PROJECTS[0], "C7-HLT"), (63, PROJECTS[1], "C3")):
        body = _body(project, seed, entity=entity, category=category)
        body["answers"]["partnerships"] = about
        response = client.post(URL, json=body, headers=stakeholder)
        assert response.status_code == 201, response.get_json()
