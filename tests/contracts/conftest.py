"""The producer and every consumer of `submission.accepted` (and of `nominees.published`) on
their own migrated PostgreSQL databases: the submission app in-process, the consumers'
real handlers run by the shared Consumer (the unit the broker loop calls)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask

from notify import definition as notify_definition
from notify import events as notify_events
from notify.config import MailSettings
from review import definition as review_definition
from submission import create_app
from submission import definition as submission_definition
from submission.service.seed import seed
from tests.harness.databases import migrated
from tests.harness.infra import Infrastructure
from tests.harness.plugin import ServiceSettings
from tests.submission.conftest import PUBLIC, geneva
from voting import definition as voting_definition
from wsis_common.clock import clock
from wsis_common.config import Settings
from wsis_common.consumer import Consumer
from wsis_common.context import ServiceContext
from wsis_common.definition import ServiceDefinition

_names = itertools.count(1)


@dataclass(frozen=True)
class Consumers:
    review: Consumer
    notify: Consumer
    voting: Consumer


def _context(definition: ServiceDefinition, url: str, broker_url: str) -> ServiceContext:
    settings = Settings(service=f"{definition.name}-contracts{next(_names)}", database_url=url,
                        broker_url=broker_url, token_public_key=PUBLIC)
    return definition.context(settings)


@pytest.fixture(scope="session")
def producer(service_settings: ServiceSettings, vhost_url: str) -> Iterator[Flask]:
    settings = service_settings(submission_definition.definition, "contracts_submission",
                                broker_url=vhost_url, token_public_key=PUBLIC)
    app = create_app(settings)
    seed(app.extensions["wsis"])
    yield app


@pytest.fixture(autouse=True)
def submission_phase() -> Iterator[None]:
    """Each test runs inside the 2023 edition's submission phase, and gives the clock back: a
    session-wide setting leaked into every later folder (the e2e stacks' tokens expired)."""
    clock.set(geneva("2022-11-01T12:00"))
    yield
    clock.set(None)


@pytest.fixture(scope="session")
def consumers(infra: Infrastructure, vhost_url: str) -> Consumers:
    def consumer(definition: ServiceDefinition, handlers) -> Consumer:
        url = migrated(infra, f"contracts_{definition.name}", definition.migrations_dir)
        ctx = _context(definition, url, vhost_url)
        return Consumer(ctx.db, ctx.tables, ctx.settings, handlers(ctx))

    return Consumers(
        review=consumer(review_definition.definition, review_definition.definition.handlers),
        notify=consumer(notify_definition.definition,
                        lambda ctx: notify_events.handlers(ctx, MailSettings())),
        voting=consumer(voting_definition.definition, voting_definition.definition.handlers),
    )
