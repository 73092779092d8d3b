"""The review service in-process (Flask test client) on its own migrated PostgreSQL database
and its own RabbitMQ vhost (so that the end-to-end stack's review worker never takes these
tests' events), with tokens signed by a test key pair and the clock where each test sets it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from review import create_app
from review.definition import definition
from tests.harness.databases import empty
from tests.harness.infra import Infrastructure
from tests.harness.plugin import ServiceSettings, vhost_fixture
from tests.review.support import DURING_NOMINATION, PUBLIC, edition_document, send_edition
from wsis_common.clock import clock
from wsis_common.config import Settings
from wsis_common.context import ServiceContext

review_vhost_url = vhost_fixture("review")


@pytest.fixture(scope="session")
def settings(service_settings: ServiceSettings, infra: Infrastructure) -> Settings:
    # The app never talks to the broker itself (the worker does): the tests that run the
    # worker give it the review vhost (test_broker.py).
    return service_settings(definition, "review_unit", broker_url=infra.broker_url, token_public_key=PUBLIC,
                            relay_poll_seconds=0.05, worker_tick_seconds=0.1, backoff_max_seconds=1.0)


@pytest.fixture(scope="session")
def app(settings: Settings) -> Flask:
    return create_app(settings)


@pytest.fixture
def ctx(app: Flask) -> ServiceContext:
    return app.extensions["wsis"]


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(autouse=True)
def clean(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test starts from the 2023 edition alone, during its nomination phase."""
    if "ctx" not in request.fixturenames:
        yield
        return
    ctx: ServiceContext = request.getfixturevalue("ctx")
    empty(ctx.db)
    clock.set(DURING_NOMINATION)
    send_edition(ctx, edition_document(2023))
    yield
    clock.set(None)
