"""The five apps in-process, each on its own fresh migrated PostgreSQL database with realistic
data (the 2023 edition with its dates, submissions, nominees, votes, mails, an account), and
the tokens of an admin and of a stakeholder signed by one test key pair. Each fixture returns
the app, the real ids of its data (by path parameter name) and the moment its clock stands at."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import pytest
from flask import Flask

from devstack.corpus import project_2023
from tests.harness.databases import migrated
from tests.harness.infra import Infrastructure
from tests.notify import events as mail_events
from tests.review import flows
from tests.review.support import DURING_NOMINATION, PRIVATE, PUBLIC, SIGNER, edition_document, geneva
from tests.review.support import send_edition as send_review_edition
from wsis_common.auth import Principal
from wsis_common.config import Settings
from wsis_common.consumer import Consumer
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope

STAKEHOLDER = Principal("acct-contract", frozenset({"stakeholder"}), True,
                        {"name": "Digital Health Kenya", "type": "Civil society", "country": "KE"},
                        email="amina@example.org", name="Amina Odhiambo", email_verified=True)
ADMIN = Principal("admin-contract", frozenset({"admin"}))
CALLERS = {"admin": ADMIN, "stakeholder": STAKEHOLDER}


def bearer(principal: Principal) -> dict[str, str]:
    return {"Authorization": f"Bearer {SIGNER.sign(principal)}"}


@dataclass
class Seeded:
    app: Flask
    real: dict[str, Any]  # path parameter -> an id that exists
    now: datetime  # where the clock stands while the app is swept


def _settings(infra: Infrastructure, service: str, migrations_dir: Any) -> Settings:
    url = migrated(infra, f"contract_{service}", migrations_dir)
    return replace(Settings.from_env(service), database_url=url, broker_url=infra.broker_url,
                   token_public_key=PUBLIC, access_log=False)


def _feed(ctx: ServiceContext, handlers: Any, *envelopes: Envelope) -> None:
    """Events handed to the service's own consumer (its inbox included), as the broker would."""
    consumer = Consumer(ctx.db, ctx.tables, ctx.settings, handlers)
    for envelope in envelopes:
        consumer.handle(envelope)


@pytest.fixture(scope="module")
def submission_app(infra: Infrastructure) -> Seeded:
    from submission import create_app
    from submission.definition import definition
    from submission.service.seed import seed
    from wsis_common.clock import clock

    app = create_app(_settings(infra, "submission", definition.migrations_dir))
    seed(app.extensions["wsis"])
    now = geneva("2022-11-01T12:00")  # inside the 2023 edition's submission phase
    clock.set(now)
    client, owner = app.test_client(), bearer(STAKEHOLDER)
    ids = []
    for number, category, draft in ((1, "C7-HLT", False), (2, "C4", False), (3, "C1", True)):
        response = client.post("/api/v1/editions/2023/submissions", headers=owner, json={
            **project_2023(number, category=category), **({"draft": True} if draft else {})})
        assert response.status_code == 201, response.json
        ids.append(response.json["id"])
    clock.set(None)
    return Seeded(app, {"year": 2023, "submission_id": ids[0]}, now)


@pytest.fixture(scope="module")
def review_app(infra: Infrastructure) -> Seeded:
    from review import create_app
    from review.definition import definition
    from wsis_common.clock import clock

    app = create_app(_settings(infra, "review", definition.migrations_dir))
    ctx, client = app.extensions["wsis"], app.test_client()
    clock.set(DURING_NOMINATION)
    send_review_edition(ctx, edition_document(2023))
    subs = flows.reviewed_category(ctx, client, [5, 4, 3])
    listed = client.get("/api/v1/reviews/editions/2023/assignments", headers=flows.ADMIN).json
    clock.set(None)
    return Seeded(app, {"year": 2023, "submission_id": subs[0]["submission_id"], "category": "C7-HLT",
                        "account_id": "exp-a", "assignment_id": _first_id(listed)}, DURING_NOMINATION)


def _first_id(listed: Any) -> Any:
    rows = listed if isinstance(listed, list) else next(v for v in listed.values() if isinstance(v, list))
    return rows[0]["id"]


@pytest.fixture(scope="module")
def voting_app(infra: Infrastructure) -> Seeded:
    from tests.voting.conftest import edition_event, nominees_event, record_votes
    from voting import create_app
    from voting.definition import definition
    from voting.events import handlers

    app = create_app(_settings(infra, "voting", definition.migrations_dir))
    ctx = app.extensions["wsis"]
    nominees = [str(uuid.uuid4()) for _ in range(3)]
    _feed(ctx, handlers(ctx), edition_event(2023, geneva("2022-12-25T00:00"), geneva("2023-01-25T23:00")),
          nominees_event(2023, {"C7-HLT": nominees, "C4": [str(uuid.uuid4())]}))
    cast_at = geneva("2023-01-02T10:00")
    record_votes(ctx, [(f"voter-{i}", "C7-HLT", nominees[i % 3], cast_at) for i in range(5)], 2023)
    return Seeded(app, {"year": 2023}, geneva("2023-01-05T12:00"))


@pytest.fixture(scope="module")
def notify_app(infra: Infrastructure) -> Seeded:
    from notify import create_app
    from notify.config import MailSettings
    from notify.definition import definition
    from notify.events import handlers

    app = create_app(_settings(infra, "notify", definition.migrations_dir), MailSettings())
    ctx = app.extensions["wsis"]
    ids = [str(uuid.uuid4()) for _ in range(2)]
    _feed(ctx, handlers(ctx, MailSettings()), mail_events.edition_updated(2023),
          *(mail_events.accepted(sid) for sid in ids), mail_events.outcome(ids[0], nominated=True),
          mail_events.outcome(ids[1], nominated=False))
    mails = app.test_client().get("/api/v1/mail/editions/2023/mails", headers=bearer(ADMIN)).json
    return Seeded(app, {"year": 2023, "mail_id": _first_id(mails)}, geneva("2023-01-05T12:00"))


@pytest.fixture(scope="module")
def gateway_app(infra: Infrastructure) -> Iterator[Seeded]:
    from portal import create_app
    from portal.definition import definition
    from portal.service import accounts as service
    from portal.service import limits

    patch = pytest.MonkeyPatch()
    for name, value in (("SECRET_KEY", "test-secret-not-for-production"), ("TOKEN_PRIVATE_KEY", PRIVATE),
                        ("PORTAL_BASE_URL", "https://wsis.example")):
        patch.setenv(name, value)
    for cached in (service.settings, service._signer, limits.account_limits):
        cached.cache_clear()
    app = create_app(_settings(infra, "gateway", definition.migrations_dir))
    service._signer()
    patch.undo()
    created = app.test_client().post("/api/v1/accounts", json={
        "user_name": "amina", "email": "amina@example.org", "password": "long enough secret",
        "organisation_name": "Digital Health Kenya", "organisation_type": "civil_society", "country": "ke"})
    assert created.status_code == 201, created.json
    yield Seeded(app, {"account_id": created.json["id"], "role": "expert"}, geneva("2023-01-05T12:00"))
    for cached in (service.settings, service._signer, limits.account_limits):
        cached.cache_clear()
