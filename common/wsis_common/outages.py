"""Whether a worker's database and broker are reachable, as its threads last saw them.

The relay, the consumer and the scheduler each report what their last attempt found; the
first report that a side is down logs one line (which side, the error in one line) and the
first report that it is back logs one line (how long it lasted). Nothing is logged per retry,
so an outage of an hour is two lines, not a traceback per tick."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)


class Side(StrEnum):
    DATABASE = "database"
    BROKER = "broker"


def one_line(exc: BaseException, limit: int = 300) -> str:
    """`Type: first line of the message`: SQLAlchemy's messages run over several lines."""
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return text[:limit]


@dataclass
class _State:
    down_since: float | None = None  # monotonic, None while up
    # When the attempt that last changed the state began: a report of an attempt that began
    # earlier comes from before that change (a thread slow to report) and must not undo it.
    changed_by: float = float("-inf")


class Outages(Collector):
    def __init__(self, service: str) -> None:
        self.service = service
        self._lock = threading.Lock()
        self._states = {side: _State() for side in Side}

    def down(self, side: Side, exc: BaseException, attempt_began: float) -> None:
        with self._lock:
            state = self._states[side]
            if state.down_since is not None or attempt_began < state.changed_by:
                return
            state.down_since, state.changed_by = time.monotonic(), attempt_began
        log.warning("%s outage started: %s", side, one_line(exc),
                    extra={"side": str(side), "error": one_line(exc)})

    def up(self, side: Side, attempt_began: float) -> None:
        with self._lock:
            state = self._states[side]
            if state.down_since is None or attempt_began < state.changed_by:
                return
            lasted = time.monotonic() - state.down_since
            state.down_since, state.changed_by = None, attempt_began
        log.info("%s outage ended after %.1fs", side, lasted,
                 extra={"side": str(side), "outage_seconds": round(lasted, 3)})

    def is_up(self, side: Side) -> bool:
        with self._lock:
            return self._states[side].down_since is None

    def collect(self) -> Iterable[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "wsis_dependency_up", "1 while the worker reaches the database or broker, 0 during an outage",
            labels=["service", "side"],
        )
        for side in Side:
            family.add_metric([self.service, str(side)], 1.0 if self.is_up(side) else 0.0)
        yield family
