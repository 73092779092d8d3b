"""The event machinery's guarantees, each against the real PostgreSQL and RabbitMQ:
a change and its event commit together; an event committed while the broker is unreachable
or stopped is relayed once it is back; a consumer killed between commit and ack causes no
second effect; a poison message is dead-lettered while the messages behind it are handled;
relay and consumer survive a broker restart."""

from __future__ import annotations

import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import pika
import pytest
from sqlalchemy import func, insert, select

from devstack.tcp_proxy import TcpProxy
from tests.common.conftest import queue_depth
from tests.harness import probe
from tests.harness.crashing_consumer import CRASH_EXIT_CODE
from tests.harness.infra import Infrastructure
from tests.harness.probe import Running, effect_count, wait_until
from tests.harness.publishing import publish_body
from wsis_common import broker
from wsis_common.consumer import Consumer
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope
from wsis_common.messaging import outbox_backlog, publish
from wsis_common.relay import OutboxRelay


def publish_probe(ctx: ServiceContext, value: str, **extra: object) -> Envelope:
    with ctx.db.transaction() as session:
        return publish(session, ctx.tables, type=probe.ROUTING_KEY, producer=ctx.settings.service,
                       payload={"value": value, **extra})


def backlog(ctx: ServiceContext) -> int:
    with ctx.db.sessions() as session:
        return outbox_backlog(session, ctx.tables)


def relay_of(ctx: ServiceContext) -> OutboxRelay:
    return OutboxRelay(ctx.db, ctx.tables, ctx.settings)


def consumer_of(ctx: ServiceContext) -> Consumer:
    return Consumer(ctx.db, ctx.tables, ctx.settings, probe.HANDLERS)


def queue_of(ctx: ServiceContext) -> str:
    return broker.queue_name(ctx.settings.service)


def dead_letters_of(ctx: ServiceContext) -> str:
    return broker.dead_letter_queue_name(ctx.settings.service)


def test_an_event_commits_with_its_change_and_never_without_it(probe_ctx: ServiceContext) -> None:
    with probe_ctx.db.transaction() as session:
        session.execute(insert(probe.effects).values(event_id="change", value="kept"))
        kept = publish(session, probe_ctx.tables, type=probe.ROUTING_KEY, producer="test",
                       payload={"value": "kept"})
    with pytest.raises(RuntimeError), probe_ctx.db.transaction() as session:
        session.execute(insert(probe.effects).values(event_id="change", value="rolled back"))
        publish(session, probe_ctx.tables, type=probe.ROUTING_KEY, producer="test",
                payload={"value": "rolled back"})
        raise RuntimeError("the request failed after publishing")

    with probe_ctx.db.sessions() as session:
        assert session.scalars(select(probe.tables.outbox.c.event_id)).all() == [kept.id]
        assert session.scalars(select(probe.effects.c.value)).all() == ["kept"]

    with Running(relay_of(probe_ctx).run):
        wait_until(lambda: backlog(probe_ctx) == 0, what="the relay to send the event")
    assert queue_depth(probe_ctx.settings.broker_url, queue_of(probe_ctx)) == 1
    with pika.BlockingConnection(pika.URLParameters(probe_ctx.settings.broker_url)) as connection:
        _method, properties, body = connection.channel().basic_get(queue_of(probe_ctx), auto_ack=True)
    received = Envelope.from_json(body)
    assert received.id == kept.id == properties.message_id
    assert received.payload == {"value": "kept"}
    assert properties.delivery_mode == 2, "events must be persistent messages"


def test_an_event_committed_while_the_broker_is_unreachable_is_relayed_when_it_is_back(
    probe_ctx: ServiceContext,
) -> None:
    parts = urlsplit(probe_ctx.settings.broker_url)
    proxy = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5672).start()
    through_proxy = urlunsplit((parts.scheme, f"{parts.username}:{parts.password}@127.0.0.1:{proxy.port}",
                                parts.path, "", ""))
    cut_off = probe.context(probe_ctx.settings.service, probe_ctx.settings.database_url, through_proxy)
    relay = relay_of(cut_off)
    with Running(relay.run):
        wait_until(relay.connected.is_set, what="the relay to connect")
        proxy.cut()
        event = publish_probe(probe_ctx, "during the outage")
        time.sleep(1.5)
        assert backlog(probe_ctx) == 1, "an event the broker never confirmed must stay unsent"
        proxy.restore()
        wait_until(lambda: backlog(probe_ctx) == 0, what="the relay to reconnect and send")
    proxy.cut()
    cut_off.db.dispose()
    with Running(consumer_of(probe_ctx).run):
        wait_until(lambda: effect_count(probe_ctx.db, event.id) == 1, what="the event's effect")


def test_a_consumer_killed_between_commit_and_ack_causes_no_second_effect(
    probe_ctx: ServiceContext,
) -> None:
    event = publish_probe(probe_ctx, "once")
    with Running(relay_of(probe_ctx).run):
        wait_until(lambda: backlog(probe_ctx) == 0, what="the relay")

    crashed = subprocess.run(
        [sys.executable, "-m", "tests.harness.crashing_consumer", probe_ctx.settings.service,
         probe_ctx.settings.database_url, probe_ctx.settings.broker_url],
        timeout=60, capture_output=True,
    )
    assert crashed.returncode == CRASH_EXIT_CODE, crashed.stderr.decode()[-2000:]
    assert effect_count(probe_ctx.db, event.id) == 1, "the handler ran and committed"
    wait_until(lambda: queue_depth(probe_ctx.settings.broker_url, queue_of(probe_ctx)) == 1,
               what="the unacked event to return to the queue")

    consumer = consumer_of(probe_ctx)
    with Running(consumer.run):
        wait_until(lambda: queue_depth(probe_ctx.settings.broker_url, queue_of(probe_ctx)) == 0,
                   what="the redelivery to be acked")
    assert effect_count(probe_ctx.db, event.id) == 1, "the redelivery must change nothing"
    assert queue_depth(probe_ctx.settings.broker_url, dead_letters_of(probe_ctx)) == 0, (
        "the redelivery must be recognised as handled, not fail until it is dead-lettered"
    )


def test_a_poison_message_is_dead_lettered_and_the_messages_behind_it_are_handled(
    probe_ctx: ServiceContext,
) -> None:
    poison = publish_probe(probe_ctx, "poison", poison=True)
    good = [publish_probe(probe_ctx, f"good {i}") for i in range(3)]
    publish_body(probe_ctx.settings.broker_url, probe.ROUTING_KEY, b"this is not an event envelope")
    url = probe_ctx.settings.broker_url
    with Running(relay_of(probe_ctx).run), Running(consumer_of(probe_ctx).run):
        wait_until(lambda: all(effect_count(probe_ctx.db, e.id) == 1 for e in good),
                   what="the good events behind the poison one")
        wait_until(lambda: queue_depth(url, dead_letters_of(probe_ctx)) == 2,
                   what="the poison and the malformed message in the dead-letter queue")
        wait_until(lambda: queue_depth(url, queue_of(probe_ctx)) == 0, what="an empty queue")
    assert effect_count(probe_ctx.db, poison.id) == 0
    with pika.BlockingConnection(pika.URLParameters(url)) as connection:
        channel = connection.channel()
        bodies = []
        for _ in range(2):
            _m, _p, body = channel.basic_get(dead_letters_of(probe_ctx), auto_ack=True)
            bodies.append(body)
    assert b"this is not an event envelope" in bodies
    assert any(b'"poison":true' in body for body in bodies)


def test_relay_and_consumer_survive_a_broker_restart_and_lose_nothing(
    probe_ctx: ServiceContext, infra: Infrastructure,
) -> None:
    relay, consumer = relay_of(probe_ctx), consumer_of(probe_ctx)
    with Running(relay.run), Running(consumer.run):
        before = publish_probe(probe_ctx, "before the restart")
        wait_until(lambda: effect_count(probe_ctx.db, before.id) == 1, what="the first event")
        infra.broker.stop_app()
        try:
            during = publish_probe(probe_ctx, "committed while the broker is stopped")
            time.sleep(1.0)
            assert backlog(probe_ctx) == 1
        finally:
            infra.broker.start_app()
        wait_until(lambda: effect_count(probe_ctx.db, during.id) == 1, timeout=60,
                   what="the event committed during the outage")
        after = publish_probe(probe_ctx, "after the restart")
        wait_until(lambda: effect_count(probe_ctx.db, after.id) == 1, what="an event after")
        assert relay.connected.is_set() and consumer.connected.is_set()
    assert effect_count(probe_ctx.db) == 3


def test_the_same_event_delivered_twice_or_concurrently_has_one_effect(
    probe_ctx: ServiceContext,
) -> None:
    """What a relay that crashed between the broker's confirm and its commit would cause."""
    event = Envelope(type=probe.ROUTING_KEY, producer="test", payload={"value": "twice"})
    publish_body(probe_ctx.settings.broker_url, probe.ROUTING_KEY, event.to_json().encode())
    publish_body(probe_ctx.settings.broker_url, probe.ROUTING_KEY, event.to_json().encode())
    with Running(consumer_of(probe_ctx).run):
        wait_until(lambda: queue_depth(probe_ctx.settings.broker_url, queue_of(probe_ctx)) == 0,
                   what="both deliveries to be acked")
    assert effect_count(probe_ctx.db, event.id) == 1

    from concurrent.futures import ThreadPoolExecutor

    racing = Envelope(type=probe.ROUTING_KEY, producer="test", payload={"value": "racing"})
    consumer = consumer_of(probe_ctx)
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(lambda _i: consumer.handle(racing), range(8)))
    assert outcomes.count(True) == 1
    assert effect_count(probe_ctx.db, racing.id) == 1
    with probe_ctx.db.sessions() as session:
        inbox = probe.tables.inbox
        assert session.scalar(select(func.count()).select_from(inbox)
                              .where(inbox.c.event_id == racing.id)) == 1
