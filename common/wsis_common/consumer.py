"""The event consumer of a service: its durable quorum queue, manual acks after the handler's
transaction commits, the inbox for idempotency, a dead-letter queue for poison messages, and
reconnection with capped, jittered backoff after a broker restart. Outages of the broker or
the database are logged once when they start and once when they end (wsis_common.outages)."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Mapping

from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPError
from pika.spec import Basic, BasicProperties
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from wsis_common import broker
from wsis_common.backoff import Backoff
from wsis_common.clock import clock
from wsis_common.config import Settings
from wsis_common.db import Database
from wsis_common.envelope import Envelope, MalformedEnvelope
from wsis_common.logs import bind_request_id, unbind_request_id
from wsis_common.messaging import MessageTables
from wsis_common.metrics import (
    CONSUMER_LAG,
    CONSUMER_QUEUE_DEPTH,
    DEAD_LETTER_QUEUE_DEPTH,
    EVENTS_DEAD_LETTERED,
    EVENTS_HANDLED,
)
from wsis_common.outage import database_unreachable
from wsis_common.outages import Outages, Side

log = logging.getLogger(__name__)

Handler = Callable[[Session, Envelope], None]

# A database outage is waited out inside the delivery's callback, where pika answers no
# heartbeat: the wait stays well under the broker's heartbeat timeout (broker.connect).
_LONGEST_WAIT_IN_CALLBACK = 10.0


class _AlreadyHandled(Exception):
    pass


class Consumer:
    def __init__(
        self,
        db: Database,
        tables: MessageTables,
        settings: Settings,
        handlers: Mapping[str, Handler],
        outages: Outages | None = None,
    ) -> None:
        self.db = db
        self.tables = tables
        self.settings = settings
        self.handlers = dict(handlers)
        self.connected = threading.Event()
        self._stop = threading.Event()
        self.outages = outages or Outages(settings.service)
        self._database_backoff = Backoff(cap=min(settings.backoff_max_seconds, _LONGEST_WAIT_IN_CALLBACK))
        self._handled_since_look = False
        EVENTS_DEAD_LETTERED.labels(settings.service)  # exported as 0 from the start

    # -- handling one event (no broker involved: the unit that tests and the loop share) --

    def handle(self, envelope: Envelope) -> bool:
        """Apply the event once. Returns False when it had been handled before."""
        inbox = self.tables.inbox
        try:
            with self.db.transaction() as session:
                seen = session.scalar(
                    select(inbox.c.event_id).where(inbox.c.event_id == envelope.id)
                )
                if seen is not None:
                    raise _AlreadyHandled
                try:
                    # Inserted first: a concurrent duplicate waits on this key, then fails.
                    session.execute(
                        insert(inbox).values(
                            event_id=envelope.id,
                            routing_key=envelope.type,
                            handled_at=clock.now(),
                        )
                    )
                except IntegrityError as exc:
                    raise _AlreadyHandled from exc
                handler = self.handlers.get(envelope.type)
                if handler is not None:
                    handler(session, envelope)
        except _AlreadyHandled:
            EVENTS_HANDLED.labels(self.settings.service, envelope.type, "duplicate").inc()
            return False
        EVENTS_HANDLED.labels(self.settings.service, envelope.type, "handled").inc()
        log.info("handled %s %s from %s", envelope.type, envelope.id, envelope.producer)
        lag = (clock.now() - envelope.occurred()).total_seconds()
        CONSUMER_LAG.labels(self.settings.service).set(max(lag, 0.0))
        self._handled_since_look = True
        return True

    # -- the broker loop --

    def run(self, stop: threading.Event) -> None:
        self._stop = stop
        backoff = Backoff(cap=self.settings.backoff_max_seconds)
        while not stop.is_set():
            connection = None
            began = time.monotonic()
            try:
                connection = broker.connect(self.settings.broker_url)
                channel = connection.channel()
                queue = broker.declare_service_queue(channel, self.settings, self.handlers)
                channel.basic_qos(prefetch_count=self.settings.consumer_prefetch)
                channel.basic_consume(queue, self._on_message, auto_ack=False)
                self.connected.set()
                log.info("consumer connected to %s", queue)
                next_depth_check = 0.0
                while not stop.is_set():
                    connection.process_data_events(time_limit=0.5)
                    if time.monotonic() >= next_depth_check:
                        self._look_at_queues(channel, queue)
                        next_depth_check = time.monotonic() + 5
                        # A whole round went through: only now is the broker back for good.
                        backoff.reset()
                        self.outages.up(Side.BROKER, began)
            except (AMQPError, OSError) as exc:
                self.outages.down(Side.BROKER, exc, began)
                stop.wait(backoff.next_delay())
            finally:
                self.connected.clear()
                if connection is not None and connection.is_open:
                    with contextlib.suppress(AMQPError, OSError):
                        connection.close()

    def _look_at_queues(self, channel: BlockingChannel, queue: str) -> None:
        """The queue's depth and its dead-letter queue's, as gauges (a passive declare each,
        every few seconds, so /metrics never asks the broker)."""
        service = self.settings.service
        depth = channel.queue_declare(queue, passive=True).method.message_count
        CONSUMER_QUEUE_DEPTH.labels(service).set(depth)
        dead = channel.queue_declare(broker.dead_letter_queue_name(service), passive=True)
        DEAD_LETTER_QUEUE_DEPTH.labels(service).set(dead.method.message_count)
        if depth == 0 and not self._handled_since_look:
            # Idle for a whole look: the lag of the last event handled, maybe hours ago, is no
            # lag now (it would hold a lag alert up for as long as no event comes).
            CONSUMER_LAG.labels(service).set(0.0)
        self._handled_since_look = False

    def _on_message(
        self,
        channel: BlockingChannel,
        method: Basic.Deliver,
        properties: BasicProperties,
        body: bytes,
    ) -> None:
        headers = properties.headers or {}
        token = bind_request_id(headers.get("x-request-id"))  # every log line of this delivery
        try:
            self._deliver(channel, method, headers, body)
        finally:
            unbind_request_id(token)

    def _deliver(self, channel: BlockingChannel, method: Basic.Deliver, headers: dict, body: bytes) -> None:
        try:
            envelope = Envelope.from_json(body)
        except MalformedEnvelope as exc:
            log.error("not an event envelope, dead-lettered: %s", exc)
            self._dead_letter(channel, method)
            return
        began = time.monotonic()
        try:
            self.handle(envelope)
        except Exception as exc:
            if database_unreachable(exc):  # not the message's fault: it must not count
                # Wait out the outage instead of burning the message's attempts.
                self.outages.down(Side.DATABASE, exc, began)
                self._stop.wait(self._database_backoff.next_delay())
                channel.basic_nack(method.delivery_tag, requeue=True)
                return
            attempts = int(headers.get("x-delivery-count", 0)) + 1
            if attempts >= self.settings.consumer_max_attempts:
                log.exception("event %s (%s) failed %d times, dead-lettered",
                              envelope.id, envelope.type, attempts)
                self._dead_letter(channel, method)
            else:
                log.warning("event %s (%s) failed (attempt %d), requeued: %r",
                            envelope.id, envelope.type, attempts, exc)
                channel.basic_nack(method.delivery_tag, requeue=True)
            return
        self._database_backoff.reset()
        self.outages.up(Side.DATABASE, began)
        # Acked only now, after the handler's transaction committed.
        channel.basic_ack(method.delivery_tag)

    def _dead_letter(self, channel: BlockingChannel, method: Basic.Deliver) -> None:
        channel.basic_reject(method.delivery_tag, requeue=False)
        EVENTS_DEAD_LETTERED.labels(self.settings.service).inc()
