"""Hostile input on the vote and the voting routes: a 4xx problem, never a 500, and no vote
stored. The vote reads its body itself, so it runs the shared checks on what it reads."""

from __future__ import annotations

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import func, select

from voting import models
from wsis_common.clock import clock

VOTES = "/api/v1/editions/2023/votes"


@pytest.fixture
def forge(keys):
    """A token with these claims, signed with the test signer's own key."""
    key = serialization.load_pem_private_key(keys[0].encode(), password=None)

    def sign(**claims) -> dict[str, str]:
        base = {"sub": "acct-9", "aud": "wsis-services", "iss": "wsis-gateway",
                "exp": int(clock.now().timestamp()) + 60, "roles": ["stakeholder"],
                "profile_complete": True}
        return {"Authorization": "Bearer " + jwt.encode({**base, **claims}, key, algorithm="EdDSA")}

    return sign


def problem(answer, status: int) -> dict:
    assert answer.status_code == status, answer.get_data(as_text=True)
    assert answer.mimetype == "application/problem+json"
    return answer.get_json()


def stored_votes(ctx) -> int:
    with ctx.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(models.votes))


def test_a_vote_nested_ten_thousand_levels_deep_is_refused_before_parsing(ctx, client, forge) -> None:
    body = "[" * 2000 + "]" * 2000  # the vote's 4 KiB limit holds 2,048 levels
    problem(client.post(VOTES, data=body, content_type="application/json", headers=forge()), 400)
    deeper = "[" * 10_000 + "]" * 10_000
    problem(client.post(VOTES, data=deeper, content_type="application/json", headers=forge()), 413)
    assert stored_votes(ctx) == 0


def test_a_vote_with_a_nul_in_a_field_is_refused_naming_it(ctx, client, forge) -> None:
    body = '{"category": "C7-HLT", "nominee": "abc\\u0000def"}'
    found = problem(client.post(VOTES, data=body, content_type="application/json", headers=forge()), 422)
    assert list(found["errors"]) == ["nominee"] and stored_votes(ctx) == 0


def test_a_year_beyond_an_integer_column_is_no_page_even_anonymously(client) -> None:
    for year in (2**31, 2**63, 10**30):
        problem(client.get(f"/api/v1/editions/{year}/ballot"), 404)
    problem(client.get("/api/v1/editions/-1/ballot"), 404)
    problem(client.get(f"/api/v1/editions/{2**31 - 1}/ballot"), 404)  # the largest: no edition


@pytest.mark.parametrize("claims", [{"exp": "4102444800"}, {"roles": {"admin": True}},
                                    {"roles": "admin"}, {"sub": 1}])
def test_a_token_with_a_claim_of_the_wrong_type_is_refused_never_admin(client, forge, claims) -> None:
    found = problem(client.get("/api/v1/editions/2023/votes/counts", headers=forge(**claims)), 401)
    assert "not valid" in found["detail"]
