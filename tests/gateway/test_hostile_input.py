"""Hostile input on registration and log-in: a 4xx problem naming the field, never a 500,
and no account stored."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from portal.models import Account
from tests.gateway.conftest import REGISTRATION


def accounts(ctx) -> int:
    with ctx.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(Account))


def problem(answer, status: int) -> dict:
    assert answer.status_code == status, answer.get_data(as_text=True)
    assert answer.mimetype == "application/problem+json"
    return answer.get_json()


def test_a_nul_in_a_registration_field_is_refused_naming_it(gclient, gctx) -> None:
    for name in ("user_name", "organisation_name", "email"):
        sent = {**REGISTRATION, name: REGISTRATION[name] + "\x00"}
        assert problem(gclient.post("/api/v1/accounts", json=sent), 422)["errors"].keys() == {name}
    assert accounts(gctx) == 0


def test_a_nul_in_the_log_in_identifier_is_refused_naming_it(gclient, gctx) -> None:
    found = problem(gclient.post("/api/v1/tokens", json={"identifier": "amina\x00", "password": "x" * 12}),
                    422)
    assert list(found["errors"]) == ["identifier"]


def test_deeply_nested_json_on_registration_and_log_in_is_refused_before_parsing(gclient, gctx) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    for path in ("/api/v1/accounts", "/api/v1/tokens"):
        problem(gclient.post(path, data=deep, content_type="application/json"), 400)
    nested = json.dumps({**REGISTRATION, "user_name": "x"})[:-1] + ', "extra": ' + "[" * 40 + "]" * 40 + "}"
    problem(gclient.post("/api/v1/accounts", data=nested, content_type="application/json"), 400)
    assert accounts(gctx) == 0


def test_a_nul_in_the_path_or_the_query_is_refused(gclient, gctx) -> None:
    problem(gclient.post("/api/v1/accounts/acct%00/roles", json={"roles": ["admin"]}), 422)
    problem(gclient.post("/api/v1/accounts/verify?token=%00", json={"token": "t"}), 422)
