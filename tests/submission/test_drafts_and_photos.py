"""Drafts saved and resumed before the deadline, my submissions, withdrawal, and the photo."""

from __future__ import annotations

from devstack.corpus import project_2023
from tests.submission.conftest import geneva, new_stakeholder
from wsis_common.clock import clock

URL = "/api/v1/editions/2023/submissions"


def test_a_draft_is_saved_resumed_and_submitted_with_every_rule(client, stakeholder) -> None:
    data = project_2023(20)
    partial = {"title": data["title"], "category": "C7-HLT", "draft": True}
    draft = client.post(URL, json=partial, headers=stakeholder)
    assert draft.status_code == 201 and draft.get_json()["status"] == "draft"
    sid = draft.get_json()["id"]

    refused = client.post(f"/api/v1/submissions/{sid}/submit", headers=stakeholder)
    assert refused.status_code == 422 and "answers.impact" in refused.get_json()["errors"]
    assert client.get(f"/api/v1/submissions/{sid}", headers=stakeholder).get_json()["status"] == "draft"

    rest = {k: v for k, v in data.items() if k not in ("title", "category")}
    assert client.patch(f"/api/v1/submissions/{sid}", json=rest, headers=stakeholder).status_code == 200
    submitted = client.post(f"/api/v1/submissions/{sid}/submit", headers=stakeholder)
    assert submitted.status_code == 200, submitted.get_json()
    assert submitted.get_json()["status"] == "accepted"
    assert client.patch(f"/api/v1/submissions/{sid}", json={"title": "x"},
                        headers=stakeholder).status_code == 409


def test_a_stakeholder_sees_only_their_own_submissions(client, stakeholder) -> None:
    mine = client.post(URL, json=project_2023(21), headers=stakeholder).get_json()
    other = new_stakeholder("Another Org")
    theirs = client.post(URL, json=project_2023(22, entity="Another Org"), headers=other).get_json()
    listed = client.get(f"{URL}?mine=true", headers=stakeholder).get_json()
    assert [s["id"] for s in listed] == [mine["id"]]
    assert client.get(f"/api/v1/submissions/{theirs['id']}", headers=stakeholder).status_code == 404


def test_withdrawal_before_the_deadline_frees_the_slot_and_after_it_is_refused(
    client, stakeholder
) -> None:
    first = client.post(URL, json=project_2023(23), headers=stakeholder).get_json()
    assert client.delete(f"/api/v1/submissions/{first['id']}", headers=stakeholder).status_code == 204
    assert client.get(f"{URL}?mine=true", headers=stakeholder).get_json() == []
    # The entity may now submit in that category again, even the same project.
    again = client.post(URL, json=project_2023(23), headers=stakeholder)
    assert again.status_code == 201, again.get_json()
    clock.set(geneva("2022-12-07T23:00:00"))
    late = client.delete(f"/api/v1/submissions/{again.get_json()['id']}", headers=stakeholder)
    assert late.status_code == 403 and "closed" in late.get_json()["detail"]


def test_a_photo_is_checked_stored_and_served_back(client, stakeholder, png) -> None:
    clock.set(geneva("2017-12-01T12:00"))
    sid = client.post("/api/v1/editions/2018/submissions", json={"draft": True, "title": "Photo test"},
                      headers=stakeholder).get_json()["id"]
    not_an_image = client.put(f"/api/v1/submissions/{sid}/photo", data=b"GIF89a not really",
                              headers=stakeholder)
    assert not_an_image.status_code == 422 and "photo" in not_an_image.get_json()["errors"]
    too_large = client.put(f"/api/v1/submissions/{sid}/photo", data=png + b"\0" * 5_300_000,
                           headers=stakeholder)
    assert too_large.status_code == 422 and "limit is 5,242,880" in too_large.get_json()["errors"]["photo"][0]
    stored = client.put(f"/api/v1/submissions/{sid}/photo", data=png, headers=stakeholder)
    assert stored.get_json() == {"content_type": "image/png", "width": 64, "height": 48, "bytes": len(png)}
    served = client.get(f"/api/v1/submissions/{sid}/photo", headers=stakeholder)
    assert served.data == png and served.content_type == "image/png"
    assert client.get(f"/api/v1/submissions/{sid}/photo", headers=new_stakeholder()).status_code == 404
