"""Accounts: registration, e-mail verification, log-in with limits that reveal nothing,
the profile that makes a voter, roles, and tokens every service accepts."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

from argon2 import PasswordHasher
from sqlalchemy import select

from portal.domain.countries import countries
from portal.models import Account
from portal.service import accounts as service
from tests.gateway.conftest import PUBLIC, REGISTRATION, verification_links
from wsis_common.auth import TokenVerifier
from wsis_common.clock import clock


def register(client, **changes) -> dict:
    response = client.post("/api/v1/accounts", json={**REGISTRATION, **changes})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def verify_latest(client, ctx) -> dict:
    token = parse_qs(urlsplit(verification_links(ctx)[-1]).query)["token"][0]
    response = client.post("/api/v1/accounts/verify", json={"token": token})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def log_in(client, identifier="amina", password=REGISTRATION["password"]):
    return client.post("/api/v1/tokens", json={"identifier": identifier, "password": password},
                       environ_base={"REMOTE_ADDR": "198.51.100.7"})


def test_registration_stores_an_argon2_hash_and_sends_a_verification_link(gclient, gctx) -> None:
    account = register(gclient)
    assert account["email"] == "amina@example.org" and account["organisation"]["country"] == "KE"
    assert account["email_verified"] is False and account["profile_complete"] is False
    with gctx.db.sessions() as session:
        stored = session.scalars(select(Account)).one()
    assert stored.password_hash.startswith("$argon2id$")
    assert PasswordHasher().verify(stored.password_hash, REGISTRATION["password"])
    [link] = verification_links(gctx)
    assert link.startswith("https://wsis.example/verify?token=")


def test_a_bad_registration_gets_every_reason_at_once_and_stores_nothing(gclient, gctx) -> None:
    response = gclient.post("/api/v1/accounts", json={
        "user_name": "a", "email": "nope", "password": "short", "organisation_name": " ",
        "organisation_type": "club", "country": "XX"})
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert set(response.get_json()["errors"]) == {
        "user_name", "email", "password", "organisation_name", "organisation_type", "country"}
    register(gclient)
    taken = gclient.post("/api/v1/accounts", json={**REGISTRATION, "user_name": "AMINA"})
    assert set(taken.get_json()["errors"]) == {"user_name"}  # the e-mail is never said to exist
    with gctx.db.sessions() as session:
        assert len(session.scalars(select(Account)).all()) == 1


def test_the_country_list_is_real_and_localised() -> None:
    english, french = dict(countries("en")), dict(countries("fr"))
    assert english["CH"] == "Switzerland" and french["CH"] == "Suisse"
    assert "KE" in english and "EU" not in english and len(english) > 240


def test_verifying_the_email_completes_the_profile_and_the_token_says_so(gclient, gctx) -> None:
    register(gclient)
    before = log_in(gclient).get_json()
    claims = TokenVerifier(PUBLIC, issuer="wsis-gateway", audience="wsis-services").verify(
        before["access_token"])
    assert claims.profile_complete is False
    assert verify_latest(gclient, gctx)["profile_complete"] is True
    after = log_in(gclient).get_json()
    principal = TokenVerifier(PUBLIC, issuer="wsis-gateway", audience="wsis-services").verify(
        after["access_token"])
    assert principal.profile_complete is True and principal.roles == {"stakeholder"}
    assert principal.organisation == {"name": "Digital Health Kenya", "type": "civil_society",
                                      "country": "KE"}
    assert after["token_type"] == "Bearer" and after["expires_in"] == 15 * 60
    assert gclient.post("/api/v1/accounts/verify", json={"token": "forged"}).status_code == 400


def test_the_token_says_whether_the_email_is_confirmed_and_a_new_one_follows_the_link(gclient, gctx) -> None:
    """Before the link is opened every token says false; after, the log-in's token and the one
    the pages mint for each request (access_token) say true, without logging in again."""
    verifier = TokenVerifier(PUBLIC, issuer="wsis-gateway", audience="wsis-services")
    account = register(gclient)
    assert verifier.verify(log_in(gclient).get_json()["access_token"]).email_verified is False
    assert verifier.verify(service.access_token(gctx, account["id"])).email_verified is False
    verify_latest(gclient, gctx)
    assert verifier.verify(service.access_token(gctx, account["id"])).email_verified is True
    assert verifier.verify(log_in(gclient).get_json()["access_token"]).email_verified is True


def test_every_token_says_when_the_account_was_created(gclient, gctx) -> None:
    """The vote keeps it: the suspicious-voting report counts votes from new accounts. The
    log-in's token, the one minted per request and the pages' reused one all carry it."""
    verifier = TokenVerifier(PUBLIC, issuer="wsis-gateway", audience="wsis-services")
    created = datetime(2023, 1, 8, 9, 30, 15, tzinfo=UTC)
    clock.set(created)
    try:
        account = register(gclient)
    finally:
        clock.set(None)
    verify_latest(gclient, gctx)
    tokens = (log_in(gclient).get_json()["access_token"], service.access_token(gctx, account["id"]),
              service.visitor_token(service.visitor(gctx, account["id"])))
    assert [verifier.verify(token).created_at for token in tokens] == [created] * 3


def test_a_profile_without_its_organisation_is_not_complete(gclient, gctx) -> None:
    register(gclient)
    verify_latest(gclient, gctx)
    token = log_in(gclient).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    refused = gclient.patch("/api/v1/accounts/me", json={"organisation_name": "", "country": "QQ"},
                            headers=headers)
    assert refused.status_code == 422
    assert set(refused.get_json()["errors"]) == {"organisation_name", "country"}
    changed = gclient.patch("/api/v1/accounts/me", json={"organisation_type": "academia"}, headers=headers)
    assert changed.get_json()["organisation"]["type"] == "academia"
    assert gclient.get("/api/v1/accounts/me", headers=headers).get_json()["profile_complete"] is True


def test_a_wrong_login_and_a_lock_out_never_reveal_which_accounts_exist(gclient, gctx) -> None:
    register(gclient)
    wrong = log_in(gclient, password="wrong password!")
    unknown = log_in(gclient, identifier="nobody-here")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json()["detail"] == unknown.get_json()["detail"]
    for _ in range(4):
        log_in(gclient, password="wrong password!")
        log_in(gclient, identifier="nobody-here")
    locked, locked_unknown = log_in(gclient), log_in(gclient, identifier="nobody-here")
    assert locked.status_code == locked_unknown.status_code == 429
    assert locked.get_json()["detail"] == locked_unknown.get_json()["detail"]
    assert "try again in" in locked.get_json()["detail"]
    # Another account from another address is not locked by these failures.
    register(gclient, user_name="bruno", email="bruno@example.org")
    other = gclient.post("/api/v1/tokens", json={"identifier": "bruno", "password": REGISTRATION["password"]},
                         environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert other.status_code == 200


def test_the_first_admin_is_created_by_one_command_and_grants_the_expert_role(
    gclient, gctx, gateway_app
) -> None:
    env = {"DATABASE_URL": gctx.settings.database_url, "ADMIN_PASSWORD": "admin password 123",
           "SECRET_KEY": "x", "PATH": "/usr/bin:/bin"}
    created = subprocess.run([sys.executable, "-m", "portal", "create-admin", "chair@itu.int", "chair"],
                             env=env, capture_output=True, text=True, timeout=60)
    assert created.returncode == 0, created.stdout + created.stderr
    admin = log_in(gclient, identifier="chair@itu.int", password="admin password 123").get_json()
    assert set(admin["account"]["roles"]) == {"admin", "stakeholder"}
    expert = register(gclient)
    admin_headers = {"Authorization": f"Bearer {admin['access_token']}"}
    granted = gclient.post(f"/api/v1/accounts/{expert['id']}/roles", json={"role": "expert"},
                           headers=admin_headers)
    assert granted.status_code == 200 and "expert" in granted.get_json()["roles"]
    stakeholder = {"Authorization": f"Bearer {log_in(gclient).get_json()['access_token']}"}
    assert gclient.post(f"/api/v1/accounts/{expert['id']}/roles", json={"role": "admin"},
                        headers=stakeholder).status_code == 403
    assert [a["user_name"] for a in gclient.get("/api/v1/accounts?q=amina", headers=admin_headers).get_json()
            ] == ["amina"]
