"""The outbox relay: sends unsent outbox rows to the events exchange with publisher confirms,
and marks them sent only after the broker confirmed them. Through a broker or database outage
it backs off (exponential, jittered, capped) and keeps trying; the backoff resets only after a
whole cycle succeeded, and a database outage leaves the broker connection alone. A crash
between confirm and commit sends an event twice at worst, which every consumer's inbox absorbs."""

from __future__ import annotations

import contextlib
import logging
import threading
import time

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
from wsis_common.outage import database_unreachable
from wsis_common.outages import Outages, Side

log = logging.getLogger(__name__)

_HEARTBEAT_SLICE = 0.5  # seconds: how long a wait goes without serving the broker or `stop`


class OutboxRelay:
    def __init__(self, db: Database, tables: MessageTables, settings: Settings,
                 outages: Outages | None = None) -> None:
        self.db = db
        self.tables = tables
        self.settings = settings
        self.outages = outages or Outages(settings.service)
        self._connection: pika.BlockingConnection | None = None
        self._channel = None
        self.connected = threading.Event()
        self.backoff_seconds = 0.0  # the current wait after a failure, 0 while all is well
        self.connections_opened = 0

    def run(self, stop: threading.Event) -> None:
        backoff = Backoff(cap=self.settings.backoff_max_seconds)
        while not stop.is_set():
            began = time.monotonic()
            try:
                if self._connection is None:
                    self._open()
                    self.outages.up(Side.BROKER, began)
                sent = self.relay_once()
            except (AMQPError, OSError) as exc:
                self._close()
                self.outages.down(Side.BROKER, exc, began)
                wait = self.backoff_seconds = backoff.next_delay()
            except SQLAlchemyError as exc:
                # The broker is fine: keep its connection rather than reopen it every retry.
                if database_unreachable(exc):
                    self.outages.down(Side.DATABASE, exc, began)
                else:
                    log.exception("outbox relay failed")  # a defect, not an outage: loud
                wait = self.backoff_seconds = backoff.next_delay()
            else:
                backoff.reset()
                self.backoff_seconds = 0.0
                self.outages.up(Side.DATABASE, began)
                self.outages.up(Side.BROKER, began)
                wait = 0.0 if sent else self.settings.relay_poll_seconds
            self._wait(stop, wait)
        self._close()

    def _wait(self, stop: threading.Event, seconds: float) -> None:
        """Wait while answering the broker's heartbeats (pika serves them only when called)."""
        deadline = time.monotonic() + seconds
        while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
            if self._connection is None:
                stop.wait(left)
                return
            try:
                self._connection.sleep(min(left, _HEARTBEAT_SLICE))
            except (AMQPError, OSError):
                self._close()  # the next cycle reconnects, and reports the broker if it fails

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
        self.connections_opened += 1
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
