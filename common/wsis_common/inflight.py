"""Load shedding: at most N requests of one kind in flight in this process; the next one is
refused at once with a 503 problem and `Retry-After`, before it costs any database work.

A saturated process that queues without a bound answers everyone late (each queued request
waits for all before it) and, past the proxy's timeout, answers no one. Refusing the excess
keeps the accepted requests fast and tells the refused ones, at once, when to come back.

The slots are a non-blocking semaphore: `threading`'s, which under gunicorn's gevent worker is
gevent's own (patched before the app is loaded), and an OS-thread semaphore under gthread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from prometheus_client import Counter

from wsis_common.problems import Problem

REQUESTS_SHED = Counter(
    "wsis_requests_shed_total", "Requests refused at once (503) because too many were in flight",
    ["service", "endpoint"],
)


_UNBOUNDED: AbstractContextManager[None] = nullcontext()  # reusable: it holds no state


class Overloaded(Problem):
    """A 503 problem with `Retry-After`: too many requests of this kind are in flight here."""

    def __init__(self, retry_after: int, detail: str) -> None:
        super().__init__(503, detail, title="Too busy", retry_after=retry_after)


class InFlightLimiter:
    """`with limiter.slot():` runs the block if fewer than `limit` blocks are running in this
    process, else raises Overloaded at once (nothing waits for a slot)."""

    def __init__(self, limit: int, *, service: str, endpoint: str, retry_after: int = 1,
                 detail: str = "Too many requests are in flight just now; try again in a moment.") -> None:
        if limit < 0:
            raise ValueError(f"an in-flight limit is 0 (none) or more, not {limit}")
        self.limit = limit
        self.retry_after = retry_after
        self.detail = detail
        self._slots = threading.BoundedSemaphore(limit) if limit else None
        self._shed = REQUESTS_SHED.labels(service, endpoint)

    def slot(self) -> AbstractContextManager[None]:
        # No bound (0): one shared do-nothing context, so that the off switch costs no
        # generator and no semaphore on every request.
        return _UNBOUNDED if self._slots is None else self._bounded_slot(self._slots)

    @contextmanager
    def _bounded_slot(self, slots: threading.BoundedSemaphore) -> Iterator[None]:
        if not slots.acquire(blocking=False):
            self._shed.inc()
            raise Overloaded(self.retry_after, self.detail)
        try:
            yield
        finally:
            slots.release()
