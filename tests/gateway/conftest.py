"""The gateway app in-process on its own fresh PostgreSQL database, with its signing key,
its secret, and the verification mails read from its outbox (the notify service, which
turns them into e-mail, is tested on its own and end to end)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal import create_app
from portal.definition import definition
from portal.models import messages
from portal.service import accounts as service
from portal.service import limits
from tests.harness.databases import empty
from tests.harness.plugin import ServiceSettings
from wsis_common.auth import generate_keypair
from wsis_common.context import ServiceContext

PRIVATE, PUBLIC = generate_keypair()


@pytest.fixture(scope="session")
def gateway_app(service_settings: ServiceSettings, vhost_url: str) -> Iterator[Flask]:
    patch = pytest.MonkeyPatch()
    patch.setenv("SECRET_KEY", "test-secret-not-for-production")
    patch.setenv("TOKEN_PRIVATE_KEY", PRIVATE)
    patch.setenv("PORTAL_BASE_URL", "https://wsis.example")
    patch.setenv("FAILED_LOGINS_PER_ACCOUNT", "5 per 15 minutes")
    for cached in (service.settings, service._signer, limits.account_limits):
        cached.cache_clear()
    settings = service_settings(definition, "gateway_unit", broker_url=vhost_url, token_public_key=PUBLIC)
    app = create_app(settings)
    service._signer()  # read (and cached) while the test's key is in the environment
    # Undone at once: stacks started later by other tests inherit this process's environment.
    patch.undo()
    yield app
    for cached in (service.settings, service._signer, limits.account_limits):
        cached.cache_clear()


@pytest.fixture
def gctx(gateway_app: Flask) -> ServiceContext:
    ctx = gateway_app.extensions["wsis"]
    empty(ctx.db)
    return ctx


@pytest.fixture
def gclient(gateway_app: Flask, gctx: ServiceContext) -> FlaskClient:
    return gateway_app.test_client()


def verification_links(ctx: ServiceContext) -> list[str]:
    with ctx.db.sessions() as session:
        bodies = session.scalars(select(messages.outbox.c.body).where(
            messages.outbox.c.routing_key == "stakeholder.registered").order_by(messages.outbox.c.position))
        return [json.loads(b)["payload"]["verification_url"] for b in bodies]


REGISTRATION = {"user_name": "amina", "email": "Amina@Example.org", "password": "long enough secret",
                "organisation_name": "Digital Health Kenya", "organisation_type": "civil_society",
                "country": "ke"}
