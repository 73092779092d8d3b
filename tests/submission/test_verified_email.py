"""Only an account with a confirmed e-mail address submits: the token's `email_verified`
claim. Drafts may be prepared while the verification mail is on its way."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from devstack.corpus import project_2023
from submission.models import Submission, messages
from tests.submission.conftest import ADMIN, bearer, new_principal, new_stakeholder

URL = "/api/v1/editions/2023/submissions"
DETAIL = ("Confirm your e-mail address before you submit: open the link in the mail we sent you, "
          "or ask for a new one on your profile page.")


def stored(ctx) -> dict[str, int]:
    """Submissions by status, and `submission.accepted` events in the outbox."""
    with ctx.db.sessions() as session:
        by_status = dict(session.execute(
            select(Submission.status, func.count()).group_by(Submission.status)).all())
        events = session.scalar(select(func.count()).select_from(messages.outbox).where(
            messages.outbox.c.routing_key == "submission.accepted"))
    return {**by_status, "events": events}


def assert_not_verified(response) -> None:
    assert response.status_code == 403, response.get_json()
    assert response.content_type == "application/problem+json"
    problem = response.get_json()
    assert problem["code"] == "email_not_verified"
    assert problem["title"] == "E-mail address not confirmed" and problem["detail"] == DETAIL


def test_an_unverified_stakeholder_cannot_submit_at_once_and_nothing_is_stored(client, ctx) -> None:
    unverified = new_stakeholder(email_verified=False)
    assert_not_verified(client.post(URL, json=project_2023(60), headers=unverified))
    assert stored(ctx) == {"events": 0}
    assert client.get(f"{URL}?mine=true", headers=unverified).get_json() == []


def test_an_unverified_stakeholder_prepares_a_draft_but_cannot_submit_it(client, ctx) -> None:
    unverified = new_stakeholder(email_verified=False)
    draft = client.post(URL, json={**project_2023(61), "draft": True}, headers=unverified)
    assert draft.status_code == 201 and draft.get_json()["status"] == "draft"
    sid = draft.get_json()["id"]
    changed = client.patch(f"/api/v1/submissions/{sid}", json={"title": "Clinics online"}, headers=unverified)
    assert changed.status_code == 200 and changed.get_json()["title"] == "Clinics online"

    assert_not_verified(client.post(f"/api/v1/submissions/{sid}/submit", headers=unverified))
    kept = client.get(f"/api/v1/submissions/{sid}", headers=unverified).get_json()
    assert kept["status"] == "draft" and kept["submitted_at"] is None and kept["title"] == "Clinics online"
    assert stored(ctx) == {"draft": 1, "events": 0}


def test_once_verified_the_same_account_submits_its_draft(client, ctx) -> None:
    """After the link is opened the gateway signs the same account with the claim set."""
    person = new_principal(email_verified=False)
    sid = client.post(URL, json={**project_2023(62), "draft": True}, headers=bearer(person)).get_json()["id"]
    assert_not_verified(client.post(f"/api/v1/submissions/{sid}/submit", headers=bearer(person)))

    verified = bearer(replace(person, email_verified=True))
    submitted = client.post(f"/api/v1/submissions/{sid}/submit", headers=verified)
    assert submitted.status_code == 200, submitted.get_json()
    assert submitted.get_json()["status"] == "accepted"
    assert stored(ctx) == {"accepted": 1, "events": 1}


def test_a_verified_stakeholder_submits_at_once(client, ctx) -> None:
    accepted = client.post(URL, json=project_2023(63), headers=new_stakeholder())
    assert accepted.status_code == 201, accepted.get_json()
    assert accepted.get_json()["status"] == "accepted"
    assert stored(ctx) == {"accepted": 1, "events": 1}


def test_an_admin_submitting_someone_elses_draft_is_not_asked_for_their_own_address(client, ctx) -> None:
    """As before the rule: the admin does not enter the contest; the owner's draft is theirs."""
    owner = new_stakeholder()
    sid = client.post(URL, json={**project_2023(64), "draft": True}, headers=owner).get_json()["id"]
    submitted = client.post(f"/api/v1/submissions/{sid}/submit", headers=ADMIN)
    assert submitted.status_code == 200, submitted.get_json()
    assert stored(ctx) == {"accepted": 1, "events": 1}


def test_the_refusal_is_in_the_openapi_document(client) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/editions/{year}/submissions", "/api/v1/submissions/{submission_id}/submit"):
        assert "email_not_verified" in paths[path]["post"]["responses"]["403"]["description"], path
