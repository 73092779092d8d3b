"""`python -m <service> replay-dead-letters` on the real broker (a vhost of this test's own) and
the real database: a dead-lettered event is handled after the replay, once; a dry run and a
limit move what they say; what is not an event stays where it is."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.common.conftest import queue_depth
from tests.harness import probe
from tests.harness.infra import Infrastructure
from tests.harness.probe import Running, effect_count, wait_until
from tests.harness.publishing import publish_body
from wsis_common import broker, dead_letters
from wsis_common.config import DEAD_LETTER_EXCHANGE
from wsis_common.consumer import Consumer
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope

# The queues of a real service's name, so that its own command line finds them.
SERVICE = "review"


@pytest.fixture
def own_vhost_url(infra: Infrastructure) -> Iterator[str]:
    with infra.own_vhost("dead-letters") as url:
        yield url


@pytest.fixture
def ctx(probe_database_url: str, own_vhost_url: str) -> Iterator[ServiceContext]:
    context = probe.context(SERVICE, probe_database_url, own_vhost_url)
    with broker.connect(own_vhost_url) as connection:
        broker.declare_service_queue(connection.channel(), context.settings, probe.HANDLERS)
    yield context
    context.db.dispose()


def send(url: str, envelope: Envelope | bytes, *, to_dead_letters: bool = False) -> None:
    """Publish an event as the relay does, or put a message straight into the dead letters."""
    body = envelope if isinstance(envelope, bytes) else envelope.to_json().encode()
    if to_dead_letters:
        publish_body(url, SERVICE, body, exchange=DEAD_LETTER_EXCHANGE)
    else:
        publish_body(url, probe.ROUTING_KEY, body)


def replay_command(url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BROKER_URL": url, "WSIS_DATA_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", SERVICE, "replay-dead-letters", *args],
                          env=env, capture_output=True, text=True, timeout=60)


def test_a_dead_lettered_event_is_handled_once_after_the_replay(
    ctx: ServiceContext, tmp_path: Path,
) -> None:
    url = ctx.settings.broker_url
    broken = threading.Event()
    broken.set()

    def handler(session: Session, envelope: Envelope) -> None:
        if broken.is_set():  # the bug the operators fix before replaying
            raise RuntimeError("the handler's dependency is broken")
        probe.apply_effect(session, envelope)

    event = Envelope(type=probe.ROUTING_KEY, producer="test", payload={"value": "late"})
    with Running(Consumer(ctx.db, ctx.tables, ctx.settings, {probe.ROUTING_KEY: handler}).run):
        send(url, event)
        wait_until(lambda: queue_depth(url, broker.dead_letter_queue_name(SERVICE)) == 1,
                   what="the event dead-lettered after its attempts")
        assert effect_count(ctx.db, event.id) == 0
        broken.clear()

        listed = replay_command(url, tmp_path, "--dry-run")
        assert listed.returncode == 0, listed.stderr
        assert f"would replay: {probe.ROUTING_KEY} {event.id}" in listed.stdout
        assert queue_depth(url, broker.dead_letter_queue_name(SERVICE)) == 1
        assert effect_count(ctx.db, event.id) == 0

        moved = replay_command(url, tmp_path)
        assert moved.returncode == 0, moved.stderr
        assert f"moved 1 event(s) from {SERVICE}.dead to {SERVICE}.events" in moved.stdout
        wait_until(lambda: effect_count(ctx.db, event.id) == 1, what="the replayed event handled")
        wait_until(lambda: queue_depth(url, broker.queue_name(SERVICE)) == 0, what="its ack")

        again = replay_command(url, tmp_path)
        assert "moved 0 event(s)" in again.stdout
    assert queue_depth(url, broker.dead_letter_queue_name(SERVICE)) == 0
    assert effect_count(ctx.db, event.id) == 1


def test_copies_apply_once_a_limit_moves_that_many_and_what_is_no_event_stays(
    ctx: ServiceContext,
) -> None:
    url = ctx.settings.broker_url
    dead = broker.dead_letter_queue_name(SERVICE)
    event = Envelope(type=probe.ROUTING_KEY, producer="test", payload={"value": "twice"})
    # Two copies, as a replay interrupted between the broker's confirm and its ack leaves.
    send(url, event, to_dead_letters=True)
    send(url, b"not an event envelope", to_dead_letters=True)
    send(url, event, to_dead_letters=True)

    first = dead_letters.replay(ctx.settings, limit=1, say=lambda _line: None)
    assert [e.id for e in first.replayed] == [event.id]
    assert queue_depth(url, dead) == 2 and queue_depth(url, broker.queue_name(SERVICE)) == 1

    rest = dead_letters.replay(ctx.settings, say=lambda _line: None)
    assert [e.id for e in rest.replayed] == [event.id]
    assert len(rest.kept) == 1 and "not an event envelope" in rest.kept[0]
    with Running(Consumer(ctx.db, ctx.tables, ctx.settings, probe.HANDLERS).run):
        wait_until(lambda: queue_depth(url, broker.queue_name(SERVICE)) == 0,
                   what="both copies acked")
    assert effect_count(ctx.db, event.id) == 1
    assert queue_depth(url, dead) == 1  # the message that is no event, for a person to read


def test_a_broker_without_the_services_queues_is_said_in_one_line(
    own_vhost_url: str, tmp_path: Path,
) -> None:
    result = replay_command(own_vhost_url, tmp_path, "--limit", "5")
    assert result.returncode == 2
    assert f"no queue {SERVICE}.events on this broker" in result.stderr
    assert "Traceback" not in result.stderr
