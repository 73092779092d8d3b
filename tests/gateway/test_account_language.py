"""The language of a person's mails: chosen at registration, shown and changed on the profile
(the accounts API), and told to notify with each change (`account.updated` in the outbox)."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests.gateway.conftest import REGISTRATION
from tests.gateway.test_accounts import log_in
from wsis_common.context import ServiceContext


def published(ctx: ServiceContext, routing_key: str) -> list[dict]:
    tables = ctx.tables
    with ctx.db.sessions() as session:
        bodies = session.scalars(select(tables.outbox.c.body).where(
            tables.outbox.c.routing_key == routing_key).order_by(tables.outbox.c.position))
        return [json.loads(b)["payload"] for b in bodies]


def test_the_language_chosen_at_registration_travels_with_the_verification_mail(gclient, gctx) -> None:
    created = gclient.post("/api/v1/accounts", json={**REGISTRATION, "language": "ar"})
    assert created.status_code == 201 and created.get_json()["language"] == "ar"
    [registered] = published(gctx, "stakeholder.registered")
    assert registered["language"] == "ar"


def test_an_account_that_never_chose_gets_english_and_a_language_outside_the_six_is_refused(
    gclient, gctx,
) -> None:
    refused = gclient.post("/api/v1/accounts", json={**REGISTRATION, "language": "de"})
    assert refused.status_code == 422 and "language" in refused.get_json()["errors"]
    created = gclient.post("/api/v1/accounts", json=REGISTRATION)
    assert created.get_json()["language"] == "en"
    assert published(gctx, "stakeholder.registered")[0]["language"] == "en"


def test_changing_the_language_on_the_profile_tells_notify(gclient, gctx) -> None:
    account = gclient.post("/api/v1/accounts", json={**REGISTRATION, "language": "fr"}).get_json()
    headers = {"Authorization": f"Bearer {log_in(gclient).get_json()['access_token']}"}
    assert gclient.patch("/api/v1/accounts/me", json={"language": "xx"}, headers=headers).status_code == 422
    changed = gclient.patch("/api/v1/accounts/me", json={"language": "zh"}, headers=headers)
    assert changed.status_code == 200 and changed.get_json()["language"] == "zh"
    assert gclient.get("/api/v1/accounts/me", headers=headers).get_json()["language"] == "zh"
    gclient.patch("/api/v1/accounts/me", json={"language": "zh", "organisation_type": "academia"},
                  headers=headers)  # the same language again: nothing to tell
    assert published(gctx, "account.updated") == [
        {"account_id": account["id"], "email": "amina@example.org", "language": "zh"}]


def test_the_openapi_document_shows_the_language(gclient) -> None:
    schemas = gclient.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    for name in ("Registration", "Account", "ProfilePatch"):
        assert "language" in schemas[name]["properties"], name


def test_the_account_mails_carry_the_owner_s_language(gclient, gctx) -> None:
    """A reset link and the notice of a registration with a known address go in the language
    of the account's owner (not of whoever asked): notify needs not have heard of it yet."""
    gclient.post("/api/v1/accounts", json={**REGISTRATION, "language": "ar"})
    assert gclient.post("/api/v1/accounts/password-reset", json={"identifier": "amina"}).status_code == 202
    [reset] = published(gctx, "account.password_reset_requested")
    assert reset["language"] == "ar"
    again = gclient.post("/api/v1/accounts", json={**REGISTRATION, "user_name": "amina2", "language": "fr"})
    assert again.status_code == 201
    [told] = published(gctx, "account.registration_attempted")
    assert told["email"] == "amina@example.org" and told["language"] == "ar"
