"""The chair's and the experts' steps through the API, for tests that need a category in a
given state (reviewed, closed, confirmed, with finalists)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask.testing import FlaskClient

from tests.review.support import ADMIN, accept, expert_token, feed, review_body
from wsis_common import contracts
from wsis_common.context import ServiceContext

BASE = "/api/v1/reviews/editions/2023"


def record_expert(client: FlaskClient, account_id: str, organisation: str = "University of Geneva") -> None:
    response = client.put(f"/api/v1/reviews/experts/{account_id}", headers=ADMIN, json={
        "name": account_id.title(), "email": f"{account_id}@experts.org",
        "organisation": {"name": organisation, "type": "Academia", "country": "CH"}})
    assert response.status_code == 200, response.json


def assign(client: FlaskClient, expert_id: str, *, category: str | None = None,
           submission_id: str | None = None) -> Any:
    body = {"expert_id": expert_id, **({"category": category} if category else {}),
            **({"submission_id": submission_id} if submission_id else {})}
    return client.post(f"{BASE}/assignments", headers=ADMIN, json=body)


def assigned_submission(ctx: ServiceContext, client: FlaskClient, experts: Sequence[str] = ("exp-a",), *,
                        category: str = "C4") -> str:
    """The id of one accepted submission of `category`, whose experts (recorded here) are
    assigned to the category."""
    for expert in experts:
        record_expert(client, expert)
        assert assign(client, expert, category=category).status_code == 201
    return accept(ctx, category=category)["submission_id"]


def put_review(client: FlaskClient, expert_id: str, submission_id: str, value: int = 4, **kwargs: Any) -> Any:
    return client.put(f"/api/v1/reviews/{submission_id}", headers=expert_token(expert_id),
                      json=review_body(value, **kwargs))


def reviewed_category(ctx: ServiceContext, client: FlaskClient, values: Sequence[int], *,
                      category: str = "C7-HLT", experts: Sequence[str] = ("exp-a", "exp-b"),
                      year: int = 2023) -> list[dict[str, Any]]:
    """Submissions of one category, each reviewed by every expert with the score in `values`
    (the first gets values[0] on every criterion, and so on): rank follows `values`."""
    subs = [accept(ctx, category=category, year=year, title=f"{category} project {i + 1}")
            for i in range(len(values))]
    for expert in experts:
        record_expert(client, expert)
        assert assign(client, expert, category=category).status_code == 201
    for sub, value in zip(subs, values, strict=True):
        for expert in experts:
            assert put_review(client, expert, sub["submission_id"], value).status_code == 200
    return subs


def close(client: FlaskClient, category: str) -> Any:
    return client.post(f"{BASE}/categories/{category}/close", headers=ADMIN)


def confirm(client: FlaskClient, category: str, ids: list[str] | None = None) -> Any:
    return client.put(f"{BASE}/categories/{category}/nominees", headers=ADMIN, json={"submission_ids": ids})


def finalists_arrive(ctx: ServiceContext, category: str, ids: Sequence[str], year: int = 2023) -> None:
    """`voting.closed` for one category, handed to the consumer (test_broker sends it for real)."""
    feed(ctx, contracts.VOTING_CLOSED, {"categories": [{
        "category": category, "tie_at_cut": False, "tie_break": None,
        "finalists": [{"submission_id": sid, "votes": 100 - i, "rank": i + 1} for i, sid in enumerate(ids)],
    }]}, year, producer="voting")
