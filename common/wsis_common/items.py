"""One poison item never blocks the others of its event.

An event may mean several effects: a mail per finalist, a row per nominee. Applied in one
transaction, one item that cannot be stored (a value no column holds, a submission this
service never heard of) would fail the whole event, again on every redelivery, until it is
dead-lettered with every other item of it. Here each item gets a savepoint: a failing item
is rolled back alone and logged at error level with the event and the item (and counted in
`wsis_event_items_failed_total`, which the WSIS team's alerting watches), and the others are
committed with the inbox record, so a redelivery applies none of them twice.

A database that cannot be reached is not the item's fault: that error is raised, and the
whole event is retried later, as the consumer does for any event.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from wsis_common.envelope import Envelope
from wsis_common.metrics import EVENT_ITEMS_FAILED
from wsis_common.outage import database_unreachable

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class ItemFailure:
    item: str
    reason: str


def apply_each(session: Session, envelope: Envelope, items: Iterable[T], apply: Callable[[T], object], *,
               describe: Callable[[T], str]) -> list[ItemFailure]:
    """Apply every item in its own savepoint; the failed ones, logged, are returned."""
    failures: list[ItemFailure] = []
    for item in items:
        try:
            with session.begin_nested():  # flushed on exit: a column's refusal surfaces here
                apply(item)
        except Exception as exc:
            if database_unreachable(exc):
                raise
            failures.append(ItemFailure(describe(item), repr(exc)))
            EVENT_ITEMS_FAILED.labels(envelope.type).inc()
            log.error("event %s (%s): item %s failed and was skipped, the other items applied: %r",
                      envelope.id, envelope.type, describe(item), exc)
    return failures
