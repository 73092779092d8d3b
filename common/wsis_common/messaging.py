"""The outbox and inbox tables every service has, and `publish` into the outbox.

An event is written into `outbox` in the SAME transaction as the change that caused it; the
relay sends it later. A consumer records each handled event id in `inbox` in the same
transaction as its effect, so a redelivered event changes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Session

from wsis_common.clock import clock
from wsis_common.envelope import Envelope
from wsis_common.logs import current_request_id

# BigInteger autoincrement is not an alias of ROWID on SQLite; Integer is. Keep both working.
_Position = BigInteger().with_variant(Integer(), "sqlite")


class MessageTables:
    """`outbox` and `inbox`, declared on a service's own MetaData (so Alembic sees them)."""

    def __init__(self, metadata: MetaData) -> None:
        self.outbox = Table(
            "outbox",
            metadata,
            Column("position", _Position, primary_key=True, autoincrement=True),
            Column("event_id", String(36), nullable=False, unique=True),
            Column("routing_key", String(100), nullable=False),
            Column("body", Text, nullable=False),
            Column("request_id", String(100)),
            Column("created_at", DateTime(timezone=True), nullable=False),
            Column("sent_at", DateTime(timezone=True)),
            Index(
                "ix_outbox_unsent",
                "position",
                postgresql_where=Column("sent_at").is_(None),
                sqlite_where=Column("sent_at").is_(None),
            ),
        )
        self.inbox = Table(
            "inbox",
            metadata,
            Column("event_id", String(36), primary_key=True),
            Column("routing_key", String(100), nullable=False),
            Column("handled_at", DateTime(timezone=True), nullable=False),
        )


def publish(
    session: Session,
    tables: MessageTables,
    *,
    type: str,
    producer: str,
    payload: dict[str, Any],
    edition: int | None = None,
) -> Envelope:
    """Write an event into the outbox inside the caller's transaction (nothing is sent here)."""
    envelope = Envelope(type=type, producer=producer, payload=payload, edition=edition)
    session.execute(
        insert(tables.outbox).values(
            event_id=envelope.id,
            routing_key=envelope.routing_key,
            body=envelope.to_json(),
            request_id=current_request_id(),
            created_at=clock.now(),
        )
    )
    return envelope


def outbox_backlog(session: Session, tables: MessageTables) -> int:
    """How many events wait in the outbox for the relay."""
    outbox = tables.outbox
    query = select(func.count()).select_from(outbox).where(outbox.c.sent_at.is_(None))
    return session.scalar(query) or 0
