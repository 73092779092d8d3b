"""Readiness: the database and the broker can be reached. Results are cached briefly so that
a load balancer polling /readyz does not open an AMQP connection per poll.

A caller may ask for some of the checks only (`/readyz?checks=database`): a web process serves
every request with its database alone (events leave through the outbox), so Kubernetes asks
it that, and an outage of the broker does not take every web pod, the vote's included, out of
its Service."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from wsis_common import broker
from wsis_common.context import ServiceContext

CHECKS = ("database", "broker")


class ReadinessProbe:
    def __init__(self, ctx: ServiceContext, *, cache_seconds: float = 2.0) -> None:
        self.cache_seconds = cache_seconds
        self._lock = threading.Lock()
        self._results: dict[str, tuple[float, str]] = {}
        self._checks: dict[str, Callable[[], None]] = {
            "database": ctx.db.ping,
            "broker": lambda: broker.ping(ctx.settings.broker_url),
        }

    def check(self, names: tuple[str, ...] = CHECKS) -> dict[str, str]:
        """{"database": "ok" | reason, "broker": "ok" | reason}, or those of `names` only."""
        with self._lock:
            now = time.monotonic()
            for name in names:
                at, _ = self._results.get(name, (0.0, ""))
                if now - at >= self.cache_seconds:
                    self._results[name] = (now, _attempt(self._checks[name]))
            return {name: self._results[name][1] for name in names}


def _attempt(check: Callable[[], None]) -> str:
    try:
        check()
    except Exception as exc:
        return f"unreachable: {type(exc).__name__}"
    return "ok"
