"""Readiness: the database and the broker can be reached. Results are cached briefly so that
a load balancer polling /readyz does not open an AMQP connection per poll."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from wsis_common import broker
from wsis_common.context import ServiceContext


class ReadinessProbe:
    def __init__(self, ctx: ServiceContext, *, cache_seconds: float = 2.0) -> None:
        self.ctx = ctx
        self.cache_seconds = cache_seconds
        self._lock = threading.Lock()
        self._at = 0.0
        self._result: dict[str, str] = {}

    def check(self) -> dict[str, str]:
        """{"database": "ok" | reason, "broker": "ok" | reason}"""
        with self._lock:
            if time.monotonic() - self._at < self.cache_seconds:
                return self._result
            self._result = {
                "database": _attempt(self.ctx.db.ping),
                "broker": _attempt(lambda: broker.ping(self.ctx.settings.broker_url)),
            }
            self._at = time.monotonic()
            return self._result


def _attempt(check: Callable[[], None]) -> str:
    try:
        check()
    except Exception as exc:
        return f"unreachable: {type(exc).__name__}"
    return "ok"
