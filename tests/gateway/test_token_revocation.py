"""Issue 19, tokens: an access token issued before a password change, a reset or a log-out is
refused by every service that verifies tokens, once the service has handled the gateway's
`account.credentials_changed` (and by the gateway's own API at once); a new token works.

The gateway app and the four services run in this process on their own migrated PostgreSQL
databases with the gateway's real key; the event is the one the gateway wrote in its outbox,
handed to each service's own consumer (the unit the broker loop calls), and once through
RabbitMQ to prove the queue's binding."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from notify import create_app as notify_app
from notify.config import MailSettings
from notify.definition import definition as notify_definition
from portal.models import Account, messages
from review import create_app as review_app
from review.definition import definition as review_definition
from submission import create_app as submission_app
from submission.definition import definition as submission_definition
from tests.gateway.conftest import PUBLIC
from tests.gateway.test_account_security import reset_token
from tests.gateway.test_accounts import log_in, register, verify_latest
from tests.harness.databases import migrated
from tests.harness.probe import Running, wait_until
from tests.harness.publishing import publish
from tests.voting.conftest import edition_event, nominees_event
from voting import create_app as voting_app
from voting.definition import definition as voting_definition
from wsis_common import contracts
from wsis_common.clock import clock
from wsis_common.config import Settings
from wsis_common.consumer import Consumer
from wsis_common.context import ServiceContext
from wsis_common.definition import ServiceDefinition
from wsis_common.envelope import Envelope
from wsis_common.revocations import REVOKED

PASSWORD, NEW_PASSWORD = "long enough secret", "a brand new secret"
_names = itertools.count(1)


@dataclass(frozen=True)
class Service:
    name: str
    app: Flask
    definition: ServiceDefinition
    path: str  # a GET that an admin's valid token is answered 200

    @property
    def ctx(self) -> ServiceContext:
        return self.app.extensions["wsis"]

    @property
    def client(self) -> FlaskClient:
        return self.app.test_client()

    def handle(self, envelope: Envelope) -> bool:
        handlers = self.definition.handlers(self.ctx)
        return Consumer(self.ctx.db, self.ctx.tables, self.ctx.settings, handlers).handle(envelope)

    def get(self, token: str):
        return self.client.get(self.path, headers={"Authorization": f"Bearer {token}"})


def _start(infra, broker_url: str, definition: ServiceDefinition, create, path: str,
           refresh: float = 0.0) -> Service:
    url = migrated(infra, f"revoke_{definition.name}{next(_names)}", definition.migrations_dir)
    settings = replace(Settings.from_env(definition.name), service=f"{definition.name}-revoke{next(_names)}",
                       database_url=url, broker_url=broker_url, token_public_key=PUBLIC,
                       access_log=False, revocations_refresh_seconds=refresh)
    return Service(definition.name, create(settings), definition, path)


@pytest.fixture(scope="module")
def services(infra, vhost_url: str, gateway_app: Flask) -> list[Service]:
    """Every service that verifies tokens; each rereads its revocations on every request
    (refresh 0) so that these tests need not wait: the bound is tested with voting's."""
    voting = _start(infra, vhost_url, voting_definition, voting_app, "/api/v1/editions/2023/votes/mine")
    with_edition(voting)
    return [
        _start(infra, vhost_url, submission_definition, submission_app, "/api/v1/winners"),
        voting,
        _start(infra, vhost_url, review_definition, review_app, "/api/v1/reviews/experts"),
        _start(infra, vhost_url, notify_definition, lambda s: notify_app(s, MailSettings()),
               "/api/v1/mail/failed"),
    ]


def with_edition(voting: Service) -> None:
    """The 2023 edition open for votes now, with two categories of two nominees."""
    now = clock.now()
    for envelope in (edition_event(2023, now - timedelta(days=1), now + timedelta(days=1)),
                     nominees_event(2023, {"C1": ["n1", "n2"], "C2": ["n3", "n4"]})):
        assert voting.handle(envelope)


def admin_token(client: FlaskClient, ctx: ServiceContext, password: str = PASSWORD) -> str:
    response = log_in(client, "amina", password)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["access_token"]


@pytest.fixture
def amina(gclient: FlaskClient, gctx: ServiceContext) -> str:
    """A confirmed account with the admin role (every service has an admin GET to ask)."""
    account = register(gclient)
    verify_latest(gclient, gctx)
    with gctx.db.transaction() as session:
        session.get(Account, account["id"]).roles = ["stakeholder", "admin"]
    return account["id"]


@pytest.fixture
def after_a_second() -> Iterator[None]:
    """Each token in its own second: a change revokes the tokens of EARLIER seconds only."""
    yield
    clock.set(None)


def tick() -> None:
    """The next second of the platform's clock (a token's iat is in whole seconds)."""
    clock.set(clock.now() + timedelta(seconds=1))


def changed_events(ctx: ServiceContext) -> list[Envelope]:
    with ctx.db.sessions() as session:
        bodies = session.scalars(select(messages.outbox.c.body).where(
            messages.outbox.c.routing_key == contracts.ACCOUNT_CREDENTIALS_CHANGED)
            .order_by(messages.outbox.c.position))
        return [Envelope.from_json(body) for body in bodies]


def change_password(gclient: FlaskClient, token: str) -> None:
    changed = gclient.post("/api/v1/accounts/me/password", headers={"Authorization": f"Bearer {token}"},
                           json={"current_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert changed.status_code == 200, changed.get_json()


def assert_refused(response) -> None:
    assert response.status_code == 401, response.get_json()
    assert response.get_json()["detail"] == REVOKED


def test_a_token_issued_before_a_password_change_is_refused_by_every_service_and_a_new_one_works(
    gclient, gctx, amina, services, after_a_second
) -> None:
    clock.set(clock.now())
    old = admin_token(gclient, gctx)
    for service in services:
        assert service.get(old).status_code == 200, service.name
    tick()
    change_password(gclient, old)

    assert_refused(gclient.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {old}"}))
    [event] = changed_events(gctx)
    assert event.payload == {"account_id": amina, "not_before": int(clock.now().timestamp())}
    new = admin_token(gclient, gctx, NEW_PASSWORD)  # in the change's own second: it counts
    for service in services:
        assert service.get(old).status_code == 200, f"{service.name} refused before it was told"
        assert service.handle(event)
        assert_refused(service.get(old))
        assert service.get(new).status_code == 200, service.name
    assert gclient.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {new}"}).status_code == 200


def test_a_token_issued_before_a_reset_is_refused_by_every_service(
    gclient, gctx, amina, services, after_a_second
) -> None:
    clock.set(clock.now())
    old = admin_token(gclient, gctx)
    tick()
    assert gclient.post("/api/v1/accounts/password-reset", json={"identifier": "amina"}).status_code == 202
    done = gclient.post("/api/v1/accounts/password-reset/confirm",
                        json={"token": reset_token(gctx), "password": NEW_PASSWORD})
    assert done.status_code == 200, done.get_json()
    [event] = changed_events(gctx)
    new = admin_token(gclient, gctx, NEW_PASSWORD)
    for service in services:
        service.handle(event)
        assert_refused(service.get(old))
        assert service.get(new).status_code == 200, service.name


def test_redelivery_changes_nothing_and_an_older_change_never_lowers_a_newer_one(
    gclient, gctx, amina, services, after_a_second
) -> None:
    clock.set(clock.now())
    old = admin_token(gclient, gctx)
    tick()
    change_password(gclient, old)
    [event] = changed_events(gctx)
    between = admin_token(gclient, gctx, NEW_PASSWORD)
    earlier = Envelope(type=contracts.ACCOUNT_CREDENTIALS_CHANGED, producer="gateway",
                       payload={"account_id": amina, "not_before": event.payload["not_before"] - 60})
    for service in services:
        assert service.handle(event) is True
        assert service.handle(event) is False  # the same event again: the inbox knows it
        assert service.handle(earlier) is True  # late, from an older change: handled, kept lower
        assert_refused(service.get(old))
        assert service.get(between).status_code == 200, service.name
        with service.ctx.db.sessions() as session:
            assert service.definition.revocations.since(session, 0)[amina] == event.payload["not_before"]


def test_a_log_out_revokes_the_accounts_tokens_too(gclient, gctx, amina, services, after_a_second) -> None:
    from portal.service import credentials

    clock.set(clock.now())
    old = admin_token(gclient, gctx)
    tick()
    credentials.end_sessions(gctx, amina)
    [event] = changed_events(gctx)
    submission = services[0]
    submission.handle(event)
    assert_refused(submission.get(old))


def test_the_event_reaches_a_service_through_rabbitmq_on_its_queues_binding(
    gclient, gctx, amina, services, after_a_second
) -> None:
    clock.set(clock.now())
    old = admin_token(gclient, gctx)
    tick()
    change_password(gclient, old)
    [event] = changed_events(gctx)
    review = services[2]
    consumer = Consumer(review.ctx.db, review.ctx.tables, review.ctx.settings,
                        review.definition.handlers(review.ctx))
    with Running(consumer.run):
        wait_until(consumer.connected.is_set, what="the review consumer to connect")
        publish(review.ctx.settings.broker_url, event)
        wait_until(lambda: review.get(old).status_code == 401, what="the old token to be refused")
    assert_refused(review.get(old))


def test_a_vote_with_a_token_from_before_the_change_is_refused_within_the_refresh_bound(
    infra, vhost_url, gclient, gctx, amina
) -> None:
    voting = _start(infra, vhost_url, voting_definition, voting_app, "", refresh=1.0)
    with_edition(voting)
    old = admin_token(gclient, gctx)
    headers = {"Authorization": f"Bearer {old}"}
    voted = voting.client.post("/api/v1/editions/2023/votes", headers=headers,
                               json={"category": "C1", "nominee": "n1"})
    assert voted.status_code == 201, voted.get_json()  # the token is now in voting's cache too
    time.sleep(1.05)  # a change in a later second than the token's
    change_password(gclient, old)
    [event] = changed_events(gctx)
    voting.handle(event)
    time.sleep(voting.ctx.settings.revocations_refresh_seconds + 0.05)  # the bound
    refused = voting.client.post("/api/v1/editions/2023/votes", headers=headers,
                                 json={"category": "C2", "nominee": "n3"})
    assert_refused(refused)
    new = {"Authorization": f"Bearer {admin_token(gclient, gctx, NEW_PASSWORD)}"}
    mine = voting.client.get("/api/v1/editions/2023/votes/mine", headers=new).get_json()
    assert json.dumps(mine).count('"nominee"') == 1, mine  # C1 only: the refused vote was not stored
    again = voting.client.post("/api/v1/editions/2023/votes", headers=new,
                               json={"category": "C2", "nominee": "n3"})
    assert again.status_code == 201, again.get_json()
