"""Fixtures for the shared package's tests: one probe database, a probe service per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pika
import pytest

from tests.harness import probe
from tests.harness.databases import empty
from tests.harness.infra import Infrastructure
from wsis_common import broker
from wsis_common.context import ServiceContext

_names = itertools.count()


@pytest.fixture(scope="session")
def probe_database_url(infra: Infrastructure) -> str:
    url = infra.create_database("probe")
    ctx = probe.context("probe", url, "amqp://unused/")
    probe.metadata.create_all(ctx.db.engine)
    ctx.db.dispose()
    return url


@pytest.fixture
def probe_ctx(probe_database_url: str, vhost_url: str) -> Iterator[ServiceContext]:
    """A fresh probe service: empty tables, and its own queue declared and bound already."""
    ctx = probe.context(f"probe{next(_names)}", probe_database_url, vhost_url)
    empty(ctx.db)
    with broker.connect(vhost_url) as connection:
        broker.declare_service_queue(connection.channel(), ctx.settings, probe.HANDLERS)
    yield ctx
    ctx.db.dispose()


def queue_depth(url: str, queue: str) -> int:
    with pika.BlockingConnection(pika.URLParameters(url)) as connection:
        return connection.channel().queue_declare(queue, passive=True).method.message_count
