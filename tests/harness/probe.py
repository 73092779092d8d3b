"""A tiny service made only of the shared package, to test the event machinery on the real
database and broker: its handler records one `effects` row per event it applies, so a second
effect of one event shows up as a second row."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select
from sqlalchemy.orm import Session

from wsis_common.config import Settings
from wsis_common.context import ServiceContext
from wsis_common.db import Database
from wsis_common.envelope import Envelope
from wsis_common.messaging import MessageTables

metadata = MetaData()
tables = MessageTables(metadata)
effects = Table(
    "effects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False),
    Column("value", String(100)),
)
ROUTING_KEY = "probe.happened"


def apply_effect(session: Session, envelope: Envelope) -> None:
    if envelope.payload.get("poison"):
        raise RuntimeError("this event can never be handled")
    session.execute(insert(effects).values(event_id=envelope.id, value=envelope.payload.get("value")))


HANDLERS = {ROUTING_KEY: apply_effect}


def settings(service: str, database_url: str, broker_url: str) -> Settings:
    return Settings(
        service=service,
        database_url=database_url,
        broker_url=broker_url,
        relay_poll_seconds=0.05,
        consumer_max_attempts=3,
        backoff_max_seconds=1.0,
    )


def context(service: str, database_url: str, broker_url: str) -> ServiceContext:
    return ServiceContext(settings(service, database_url, broker_url),
                          Database(database_url), tables, None)


def effect_count(db: Database, event_id: str | None = None) -> int:
    query = select(func.count()).select_from(effects)
    if event_id is not None:
        query = query.where(effects.c.event_id == event_id)
    with db.sessions() as session:
        return session.scalar(query) or 0


def wait_until(predicate: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.05)


class Running:
    """Run a relay's or consumer's `run(stop)` in a thread for the length of a `with` block."""

    def __init__(self, runner: Callable[[threading.Event], None]) -> None:
        self.stop = threading.Event()
        self.thread = threading.Thread(target=runner, args=(self.stop,), daemon=True)

    def __enter__(self) -> Running:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        self.thread.join(15)
