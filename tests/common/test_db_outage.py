"""A database outage, shared by every service (wsis_common.web, .outage): a request answers 503
problem+json with Retry-After and changes nothing, the pool recovers by itself when the
database is back, bad SQL stays a 500, and no request waits more than a few seconds for a
connection (the pool's, or a new one from a server that never answers). The outage is a
TcpProxy cut between the probe service and the real PostgreSQL."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from flask import Flask, jsonify
from flask.testing import FlaskClient
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from tests.harness import probe
from tests.harness.db_outage import DatabaseProxy, assert_unavailable, proxied_database_of, through_proxy
from wsis_common.context import ServiceContext
from wsis_common.db import CONNECT_TIMEOUT_SECONDS, POOL_TIMEOUT_SECONDS, Database
from wsis_common.outage import LastGood, database_unreachable
from wsis_common.web import create_service_app

proxied = proxied_database_of("probe_ctx")


@pytest.fixture
def app(proxied: DatabaseProxy, probe_ctx: ServiceContext) -> Iterator[Flask]:
    ctx = probe.context(probe_ctx.settings.service, proxied.url, probe_ctx.settings.broker_url)
    app, _api = create_service_app(ctx, title="probe")

    @app.post("/effects/<value>")
    def add(value: str):
        with ctx.db.transaction() as session:
            session.execute(insert(probe.effects).values(event_id="web", value=value))
        return jsonify(value=value), 201

    @app.get("/bad-sql")
    def bad_sql():
        with ctx.db.sessions() as session:
            session.execute(text("SELECT * FROM no_such_table"))

    yield app
    ctx.db.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_a_write_during_an_outage_answers_503_with_retry_after_and_the_retry_succeeds(
        client: FlaskClient, proxied: DatabaseProxy, probe_ctx: ServiceContext) -> None:
    assert client.post("/effects/before").status_code == 201  # the pool holds a connection
    with proxied.outage():
        problem = assert_unavailable(client.post("/effects/during"))
        assert "try again" in problem["detail"]
    assert probe.effect_count(probe_ctx.db, "web") == 1  # nothing of the refused request
    assert client.post("/effects/during").status_code == 201  # the pool recovered by itself
    assert probe.effect_count(probe_ctx.db, "web") == 2


def test_bad_sql_stays_a_500(client: FlaskClient) -> None:
    response = client.get("/bad-sql")
    assert response.status_code == 500 and "Retry-After" not in response.headers


def test_the_pool_recovers_by_itself_when_the_database_is_back(proxied: DatabaseProxy) -> None:
    db = Database(proxied.url, pool_size=2)
    try:
        with db.engine.connect() as one, db.engine.connect() as two:  # two pooled connections
            one.execute(text("SELECT 1"))
            two.execute(text("SELECT 1"))
        proxied.proxy.cut()
        for _ in range(3):  # every pooled connection is dead, and new ones are refused
            with pytest.raises(OperationalError) as refused:
                db.ping()
            assert database_unreachable(refused.value)
        proxied.proxy.restore()
        for _ in range(3):  # no dispose, no restart: the same engine serves again
            db.ping()
    finally:
        db.dispose()


def test_only_an_unreachable_database_counts_as_an_outage(probe_ctx: ServiceContext,
                                                          proxied: DatabaseProxy) -> None:
    db = probe_ctx.db
    with pytest.raises(ProgrammingError) as bad, db.sessions() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    with pytest.raises(IntegrityError) as duplicate, db.transaction() as session:
        session.execute(insert(probe.effects).values(id=1, event_id="a"))
        session.execute(insert(probe.effects).values(id=1, event_id="b"))
    assert not database_unreachable(bad.value) and not database_unreachable(duplicate.value)
    assert database_unreachable(PoolTimeout("QueuePool limit of size 5 overflow 5 reached"))
    cut_off = Database(proxied.url)
    try:
        cut_off.ping()
        with proxied.outage(), pytest.raises(OperationalError) as closed:
            cut_off.ping()
        assert database_unreachable(closed.value)
        wrapped = RuntimeError("the batch could not be written")
        wrapped.__cause__ = closed.value
        assert database_unreachable(wrapped)
    finally:
        cut_off.dispose()


def test_last_good_serves_what_it_read_through_an_outage_and_logs_it_once(
        proxied: DatabaseProxy, caplog: pytest.LogCaptureFixture) -> None:
    db = Database(proxied.url)
    reads: LastGood[int] = LastGood("answer")

    def read() -> int:
        with db.engine.connect() as conn:
            return int(conn.execute(text("SELECT 42")).scalar_one())

    try:
        with proxied.outage(), pytest.raises(OperationalError):
            reads.read("x", read)  # nothing read before: nothing to serve
        assert reads.read("x", read) == 42
        with proxied.outage(), caplog.at_level(logging.WARNING, logger="wsis_common.outage"):
            assert [reads.read("x", read) for _ in range(3)] == [42, 42, 42]
        assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
        assert reads.read("x", read) == 42
        with pytest.raises(ZeroDivisionError):  # not an outage: raised as it is
            reads.read("x", lambda: 1 // 0)
    finally:
        db.dispose()


def _within(seconds: float, job) -> BaseException | None:
    """What `job` raised, run on a thread of its own; fails if it still runs after `seconds`."""
    raised: list[BaseException | None] = []

    def run() -> None:
        try:
            job()
            raised.append(None)
        except BaseException as exc:  # handed to the test
            raised.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert raised, f"still waiting after {seconds:.0f} s"
    return raised[0]


def test_a_request_waits_for_a_pooled_connection_a_few_seconds_at_most(probe_ctx: ServiceContext) -> None:
    db = Database(probe_ctx.settings.database_url, pool_size=1)  # one pooled, one overflow
    try:
        with db.engine.connect() as one, db.engine.connect() as two:  # every connection held
            one.execute(text("SELECT 1"))
            two.execute(text("SELECT 1"))
            started = time.monotonic()
            error = _within(POOL_TIMEOUT_SECONDS + 5, db.ping)
            waited = time.monotonic() - started
        assert isinstance(error, PoolTimeout) and database_unreachable(error), error
        assert waited < POOL_TIMEOUT_SECONDS + 1, f"waited {waited:.1f} s for a connection"
    finally:
        db.dispose()


def test_a_database_that_accepts_but_never_answers_is_an_outage_after_seconds_not_a_hang(
        probe_ctx: ServiceContext) -> None:
    with socket.socket() as silent:  # the kernel completes the handshake; nothing ever answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        db = Database(through_proxy(probe_ctx.settings.database_url, silent.getsockname()[1]))
        try:
            error = _within(CONNECT_TIMEOUT_SECONDS + 5, db.ping)
            assert isinstance(error, OperationalError) and database_unreachable(error), error
        finally:
            db.dispose()
