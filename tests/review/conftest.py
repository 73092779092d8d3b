"""The review service in-process (Flask test client) on its own migrated PostgreSQL database
and its own RabbitMQ vhost (so that the end-to-end stack's review worker never takes these
tests' events), with tokens signed by a test key pair and the clock where each test sets it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from review import create_app
from review.definition import definition
from review.models import Base
from tests.harness.infra import Infrastructure
from tests.review.support import DURING_NOMINATION, PUBLIC, edition_document, send_edition
from wsis_common import migrations
from wsis_common.clock import clock
from wsis_common.config import Settings
from wsis_common.context import ServiceContext


@pytest.fixture(scope="session")
def review_vhost_url(infra: Infrastructure) -> Iterator[str]:
    with infra.own_vhost("review") as url:
        yield url


@pytest.fixture(scope="session")
def review_db(infra: Infrastructure) -> str:
    url = infra.create_database("review_unit")
    migrations.upgrade(definition.migrations_dir, url)  # the real migrations
    return url


@pytest.fixture(scope="session")
def settings(review_db: str, infra: Infrastructure) -> Settings:
    # The app never talks to the broker itself (the worker does): the tests that run the
    # worker give it the review vhost (test_broker.py).
    return replace(Settings.from_env("review"), database_url=review_db, broker_url=infra.broker_url,
                   token_public_key=PUBLIC, access_log=False, relay_poll_seconds=0.05,
                   worker_tick_seconds=0.1, backoff_max_seconds=1.0)


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
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with ctx.db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} CASCADE"))
    clock.set(DURING_NOMINATION)
    send_edition(ctx, edition_document(2023))
    yield
    clock.set(None)
