"""Issue 19, accounts: identifiers that cannot be taken over, registration that reveals no
account, passwords that can be reset and changed (ending every earlier session), exact
limits on password guesses and on mails, and the client's address from the edge proxy only."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from portal.edge import TrustedProxyFix
from portal.models import Account, messages
from portal.service import accounts as service
from portal.service import credentials
from tests.gateway.conftest import REGISTRATION
from tests.gateway.test_accounts import log_in, register

PASSWORD = REGISTRATION["password"]


def outbox(ctx, routing_key: str) -> list[dict]:
    with ctx.db.sessions() as session:
        bodies = session.scalars(select(messages.outbox.c.body).where(
            messages.outbox.c.routing_key == routing_key).order_by(messages.outbox.c.position))
        return [json.loads(b)["payload"] for b in bodies]


def bearer(client, identifier="amina", password=PASSWORD) -> dict[str, str]:
    response = log_in(client, identifier, password)
    assert response.status_code == 200, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['access_token']}"}


# -- identifiers --

def test_a_user_name_cannot_be_set_to_anothers_email_and_log_in_by_email_reaches_its_owner(
    gclient, gctx
) -> None:
    register(gclient)  # amina <amina@example.org>
    register(gclient, user_name="mallory", email="mallory@example.org")
    headers = bearer(gclient, "mallory")
    for taken in ("amina@example.org", "AMINA@example.org", "Amina"):
        refused = gclient.patch("/api/v1/accounts/me", json={"user_name": taken}, headers=headers)
        assert refused.status_code == 422, taken
        assert "user_name" in refused.get_json()["errors"], taken
    by_email = log_in(gclient, "amina@example.org", PASSWORD)
    assert by_email.status_code == 200 and by_email.get_json()["account"]["user_name"] == "amina"


def test_log_in_by_email_reaches_the_emails_owner_even_beside_an_old_user_name_that_looks_like_it(
    gclient, gctx
) -> None:
    """Accounts stored before the rule may hold such a name: an '@' still looks among e-mails only."""
    victim = register(gclient)
    register(gclient, user_name="mallory", email="mallory@example.org", password="mallory's secret!")
    with gctx.db.transaction() as session:
        mallory = session.scalars(select(Account).where(Account.user_name_key == "mallory")).one()
        mallory.user_name = mallory.user_name_key = "amina@example.org"
    reached = log_in(gclient, "amina@example.org", PASSWORD)
    assert reached.status_code == 200 and reached.get_json()["account"]["id"] == victim["id"]
    assert log_in(gclient, "amina@example.org", "mallory's secret!").status_code == 401


def test_a_user_name_with_markup_is_refused_by_patch_as_by_registration(gclient, gctx) -> None:
    register(gclient)
    headers = bearer(gclient)
    for name in ("<b>x</b>", "a\"onmouseover=x", "mallory@example.org", "ab"):
        at_registration = gclient.post("/api/v1/accounts", json={**REGISTRATION, "user_name": name,
                                                                 "email": "new@example.org"})
        by_patch = gclient.patch("/api/v1/accounts/me", json={"user_name": name}, headers=headers)
        assert at_registration.status_code == by_patch.status_code == 422, name
        assert at_registration.get_json()["errors"]["user_name"] == by_patch.get_json()["errors"]["user_name"]


# -- no enumeration --

def test_registering_an_existing_email_answers_as_a_new_one_and_mails_the_owner(gclient, gctx) -> None:
    register(gclient)
    fresh = gclient.post("/api/v1/accounts", json={**REGISTRATION, "user_name": "bruno",
                                                  "email": "bruno@example.org"})
    again = gclient.post("/api/v1/accounts", json={**REGISTRATION, "user_name": "amina2",
                                                  "email": "AMINA@example.org"})
    assert fresh.status_code == again.status_code == 201
    assert set(fresh.get_json()) == set(again.get_json())
    assert again.get_json()["email_verified"] is False and again.get_json()["user_name"] == "amina2"
    [told] = outbox(gctx, "account.registration_attempted")
    assert told["email"] == "amina@example.org" and told["user_name"] == "amina"
    assert told["reset_url"].endswith("/password-reset")
    assert len(outbox(gctx, "stakeholder.registered")) == 2, "amina's and bruno's, none for the attempt"
    with gctx.db.sessions() as session:
        assert sorted(session.scalars(select(Account.user_name_key))) == ["amina", "bruno"]


# -- password reset and change --

def reset_token(ctx) -> str:
    return parse_qs(urlsplit(outbox(ctx, "account.password_reset_requested")[-1]["reset_url"]).query)[
        "token"][0]


def test_a_forgotten_password_is_reset_by_a_single_use_link_and_the_answer_reveals_nothing(
    gclient, gctx
) -> None:
    register(gclient)
    known = gclient.post("/api/v1/accounts/password-reset", json={"identifier": "amina@example.org"})
    unknown = gclient.post("/api/v1/accounts/password-reset", json={"identifier": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 202 and known.data == unknown.data
    [mail] = outbox(gctx, "account.password_reset_requested")
    assert mail["email"] == "amina@example.org" and mail["expires_minutes"] == 30
    token = reset_token(gctx)
    weak = gclient.post("/api/v1/accounts/password-reset/confirm", json={"token": token, "password": "short"})
    assert weak.status_code == 422
    done = gclient.post("/api/v1/accounts/password-reset/confirm",
                        json={"token": token, "password": "a brand new secret"})
    assert done.status_code == 200
    assert log_in(gclient, "amina", PASSWORD).status_code == 401
    assert log_in(gclient, "amina", "a brand new secret").status_code == 200
    again = gclient.post("/api/v1/accounts/password-reset/confirm",
                         json={"token": token, "password": "yet another secret"})
    assert again.status_code == 400, "the link works once"
    forged = gclient.post("/api/v1/accounts/password-reset/confirm",
                          json={"token": token[:-2] + "xx", "password": "yet another secret"})
    assert forged.status_code == 400


def test_a_reset_link_expires_after_thirty_minutes(gclient, gctx, monkeypatch) -> None:
    from itsdangerous.timed import TimestampSigner

    register(gclient)
    issued = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: issued(self) - 31 * 60)
    gclient.post("/api/v1/accounts/password-reset", json={"identifier": "amina"})
    monkeypatch.undo()
    late = gclient.post("/api/v1/accounts/password-reset/confirm",
                        json={"token": reset_token(gctx), "password": "a brand new secret"})
    assert late.status_code == 410


def test_a_password_is_changed_only_with_the_current_one(gclient, gctx) -> None:
    register(gclient)
    headers = bearer(gclient)
    wrong = gclient.post("/api/v1/accounts/me/password", headers=headers,
                         json={"current_password": "not the password", "new_password": "a brand new secret"})
    assert wrong.status_code == 422 and "current_password" in wrong.get_json()["errors"]
    assert log_in(gclient).status_code == 200
    changed = gclient.post("/api/v1/accounts/me/password", headers=headers,
                           json={"current_password": PASSWORD, "new_password": "a brand new secret"})
    assert changed.status_code == 200
    assert log_in(gclient, "amina", "a brand new secret").status_code == 200
    assert log_in(gclient, "amina", PASSWORD).status_code == 401


def test_a_password_change_raises_the_version_every_session_is_checked_against(gclient, gctx) -> None:
    account = register(gclient)
    before = service.get_account(gctx, account["id"])["credentials_version"]
    credentials.change_password(gctx, account["id"], PASSWORD, "a brand new secret")
    after_change = service.get_account(gctx, account["id"])["credentials_version"]
    credentials.end_sessions(gctx, account["id"])
    assert before < after_change < service.get_account(gctx, account["id"])["credentials_version"]


# -- brute force --

def test_the_account_limit_counts_every_name_of_the_account_and_checks_no_sixth_password(
    gclient, gctx
) -> None:
    register(gclient)
    names = ["amina", "amina@example.org", "AMINA", "Amina@Example.org", "amina"]
    statuses = [gclient.post("/api/v1/tokens", json={"identifier": name, "password": "wrong password!"},
                             environ_base={"REMOTE_ADDR": f"198.51.100.{i}"}).status_code
                for i, name in enumerate(names)]
    assert statuses == [401] * 5
    right = gclient.post("/api/v1/tokens", json={"identifier": "amina@example.org", "password": PASSWORD},
                         environ_base={"REMOTE_ADDR": "198.51.100.99"})
    assert right.status_code == 429, "even the right password waits: the sixth attempt is not checked"


def test_concurrent_wrong_passwords_from_many_addresses_check_at_most_the_limit(gateway_app, gctx) -> None:
    from tests.gateway.conftest import REGISTRATION as R

    gateway_app.test_client().post("/api/v1/accounts", json=R)

    def attempt(i: int) -> int:
        return gateway_app.test_client().post(
            "/api/v1/tokens", json={"identifier": "amina", "password": f"wrong password {i}"},
            environ_base={"REMOTE_ADDR": f"203.0.113.{i}"}).status_code

    with ThreadPoolExecutor(10) as pool:
        statuses = list(pool.map(attempt, range(10)))
    assert statuses.count(401) == 5 and statuses.count(429) == 5


def test_the_address_limit_is_exact(gclient, gctx) -> None:
    statuses = [gclient.post("/api/v1/tokens", json={"identifier": f"nobody{i}", "password": "wrong one!"},
                             environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code for i in range(31)]
    assert statuses == [401] * 30 + [429]


def test_the_verification_mail_can_be_asked_for_three_times_an_hour(gclient, gctx) -> None:
    register(gclient)  # the registration's own mail is not counted
    headers = bearer(gclient)
    statuses = [gclient.post("/api/v1/accounts/verification", headers=headers).status_code for _ in range(5)]
    assert statuses == [202, 202, 202, 429, 429]
    assert len(outbox(gctx, "stakeholder.registered")) == 4
    refused = gclient.post("/api/v1/accounts/verification", headers=headers)
    assert "try again in" in refused.get_json()["detail"]


def test_reset_mails_are_limited_too_and_the_answer_stays_the_same(gclient, gctx) -> None:
    register(gclient)
    statuses = {gclient.post("/api/v1/accounts/password-reset", json={"identifier": "amina"}).status_code
                for _ in range(6)}
    assert statuses == {202}
    assert len(outbox(gctx, "account.password_reset_requested")) == 3


# -- the client's address --

def test_x_forwarded_for_is_believed_from_the_edge_proxy_only() -> None:
    seen: list[str] = []

    def app(environ, start_response):
        seen.append(environ["REMOTE_ADDR"])
        start_response("200 OK", [])
        return [b""]

    fix = TrustedProxyFix(app, ["10.1.2.3", "172.16.0.0/12"])
    for remote in ("127.0.0.1", "10.1.2.3", "172.20.0.5"):
        fix({"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.1",
             "wsgi.url_scheme": "http"}, lambda *a: None)
    assert seen == ["127.0.0.1", "198.51.100.1", "198.51.100.1"]
