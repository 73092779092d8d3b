"""The outbox relay: sends unsent outbox rows to the events exchange with publisher confirms,
and marks them sent only after the broker confirmed them. Through a broker or database outage
it backs off and keeps trying; a crash between confirm and commit sends an event twice at
worst, which every consumer's inbox absorbs."""

from __future__ import annotations

import contextlib
import logging
import threading

import pika
from pika.exceptions import AMQPError
from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from wsis_common import broker
from wsis_common.backoff import Backoff
from wsis_common.clock import clock
from wsis_common.config import Settings
from wsis_common.db import Database
from wsis_common.messaging import MessageTables
from wsis_common.metrics import EVENTS_PUBLISHED

log = logging.getLogger(__name__)


class OutboxRelay:
    def __init__(self, db: Database, tables: MessageTables, settings: Settings) -> None:
        self.db = db
        self.tables = tables
        self.settings = settings
        self._connection: pika.BlockingConnection | None = None
        self._channel = None
        self.connected = threading.Event()

    def run(self, stop: threading.Event) -> None:
        backoff = Backoff(cap=self.settings.backoff_max_seconds)
        while not stop.is_set():
            try:
                self._open()
                backoff.reset()
                while not stop.is_set():
                    if self.relay_once() == 0:
                        # sleep() on the connection keeps its heartbeats answered while idle.
                        self._connection.sleep(self.settings.relay_poll_seconds)
            except (AMQPError, SQLAlchemyError, OSError) as exc:
                delay = backoff.next_delay()
                log.warning("outbox relay interrupted, retrying in %.1fs: %r", delay, exc)
                self._close()
                stop.wait(delay)
        self._close()

    def relay_once(self) -> int:
        """Send one batch; returns how many events the broker confirmed."""
        outbox = self.tables.outbox
        with self.db.transaction() as session:
            rows = session.execute(
                select(outbox.c.position, outbox.c.event_id, outbox.c.routing_key,
                       outbox.c.body, outbox.c.request_id)
                .where(outbox.c.sent_at.is_(None))
                .order_by(outbox.c.position)
                .limit(self.settings.relay_batch_size)
                # Two relays of one service never send the same row at the same time.
                .with_for_update(skip_locked=True)
            ).all()
            if not rows:
                return 0
            for row in rows:
                # With confirm_delivery, basic_publish returns only once the broker has
                # confirmed (persisted) the message, and raises if it refused it.
                self._channel.basic_publish(
                    exchange=self.settings.exchange,
                    routing_key=row.routing_key,
                    body=row.body.encode(),
                    properties=pika.BasicProperties(
                        content_type="application/json",
                        delivery_mode=pika.DeliveryMode.Persistent,
                        message_id=row.event_id,
                        headers={"x-request-id": row.request_id} if row.request_id else None,
                    ),
                )
            session.execute(
                update(outbox)
                .where(outbox.c.position.in_([row.position for row in rows]))
                .values(sent_at=clock.now())
            )
        EVENTS_PUBLISHED.labels(self.settings.service).inc(len(rows))
        return len(rows)

    def _open(self) -> None:
        self._connection = broker.connect(self.settings.broker_url)
        self._channel = self._connection.channel()
        self._channel.confirm_delivery()
        broker.declare_exchange(self._channel, self.settings)
        self.connected.set()
        log.info("outbox relay connected")

    def _close(self) -> None:
        self.connected.clear()
        if self._connection is not None and self._connection.is_open:
            with contextlib.suppress(AMQPError, OSError):
                self._connection.close()
        self._connection = None
        self._channel = None
