"""What the ops dashboards read from every process besides requests: the database connections
of its pool (open, in use), and from each consumer its dead-letter queue's depth and a lag that
falls back to 0 once nothing waits. On the real PostgreSQL and RabbitMQ."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

from prometheus_client import REGISTRY
from sqlalchemy.exc import OperationalError

from tests.common.test_reliability import consumer_of
from tests.harness import probe
from tests.harness.probe import Running, effect_count, wait_until
from tests.harness.publishing import publish_body
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope


def _sample(name: str, **labels: str) -> float | None:
    return REGISTRY.get_sample_value(name, labels)


def _connections(service: str, state: str) -> float | None:
    return _sample("wsis_db_connections", service=service, state=state)


def test_the_pools_connections_open_and_in_use_follow_what_the_process_holds(
    probe_database_url: str,
) -> None:
    service = f"pool{uuid4().hex[:8]}"
    ctx = ServiceContext.build(probe.settings(service, probe_database_url, "amqp://unused/"), probe.tables)
    try:
        assert (_connections(service, "open"), _connections(service, "in_use")) == (0, 0)
        with ctx.db.sessions() as first, ctx.db.sessions() as second:
            first.connection(), second.connection()
            assert (_connections(service, "open"), _connections(service, "in_use")) == (2, 2)
        assert (_connections(service, "open"), _connections(service, "in_use")) == (2, 0), (
            "returned to the pool: still open, no longer in use")
        ctx.db.dispose()
        assert _connections(service, "open") == 0
    finally:
        ctx.db.dispose()


def test_connections_that_fail_to_open_leave_the_gauges_at_zero() -> None:
    """A failed connect returns its slot through `checkin` without a `checkout`: counted up and
    down, the gauge would drift below zero during every database outage."""
    service = f"pool{uuid4().hex[:8]}"
    url = "postgresql+psycopg://nobody@127.0.0.1:9/nothing?connect_timeout=1"
    ctx = ServiceContext.build(probe.settings(service, url, "amqp://unused/"), probe.tables)
    try:
        for _ in range(3):
            try:
                ctx.db.ping()
            except OperationalError:
                pass
            else:
                raise AssertionError("nothing listens on port 9")
        assert (_connections(service, "open"), _connections(service, "in_use")) == (0, 0)
    finally:
        ctx.db.dispose()


def test_a_dead_lettered_message_shows_in_the_dead_letter_gauge(probe_ctx: ServiceContext) -> None:
    service = probe_ctx.settings.service
    publish_body(probe_ctx.settings.broker_url, probe.ROUTING_KEY, b"not an envelope: dead-lettered at once")
    with Running(consumer_of(probe_ctx).run):
        wait_until(lambda: _sample("wsis_dead_letter_queue_messages", service=service) == 1,
                   what="the dead-letter queue's depth on the gauge")
        assert _sample("wsis_consumer_queue_messages", service=service) == 0


def test_the_consumer_lag_of_an_old_event_falls_to_zero_once_nothing_waits(
    probe_ctx: ServiceContext,
) -> None:
    service = probe_ctx.settings.service
    late = Envelope(type=probe.ROUTING_KEY, producer="elsewhere", payload={"value": "late"},
                    occurred_at=(clock.now() - timedelta(minutes=10)).isoformat())
    publish_body(probe_ctx.settings.broker_url, probe.ROUTING_KEY, late.to_json().encode())
    with Running(consumer_of(probe_ctx).run):
        # Set as the event is handled, until the next look at the queue (every 5 s).
        wait_until(lambda: (_sample("wsis_consumer_lag_seconds", service=service) or 0) >= 590,
                   what="the late event's lag")
        assert effect_count(probe_ctx.db, late.id) == 1
        wait_until(lambda: _sample("wsis_consumer_lag_seconds", service=service) == 0,
                   what="no lag once the queue is empty (it would hold a lag alert up)")
