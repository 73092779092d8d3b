"""A value a process reads from its database and keeps for `ttl` seconds (voting's ballot, every
service's view of the revoked tokens), reloaded by one request at a time while the others keep
going: none of them queues behind a reload for longer than a second.

Why not a plain lock around the reload: under gevent a saturated process (votes shed at its
in-flight bound, `wsis_common.inflight`) turns its event loop once per 0.3-2 s, and every wait
of a request (a lock hand-off, each round trip of the reload) costs a turn. A reload that all
requests wait for took 2-6 s there, and it was due again a second later: the admitted votes
spent the flood queued behind it and none was answered (services/voting/bench/README.md,
"Under a flood").

The rule: while one request reloads the value, the others serve the one it replaces if that
one was read less than two lifetimes before the reload began, however long the reload takes (a
saturated process takes seconds). Otherwise (the process sat idle, or `expire()` was called:
the value may have changed since) they wait for the reload, a second at most, and then serve
the one they have (a reload that hangs: the database out). A request that waited takes what
the reload it waited for read, however old: it never reloads again behind it. Only before the
first read is there nothing to serve; those requests wait for it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

# How long a request waits for another's reload before it serves the value it has: a reload
# takes milliseconds, unless the database hangs or the process is saturated.
LONGEST_WAIT = 1.0

_NEVER = float("-inf")


class Refreshing(Generic[T]):
    """`get(load)`: the value, at most `ttl` seconds old when nothing is reloading it (counted
    from the start of its read: a change committed during the read shows at the next one)."""

    def __init__(self, ttl: float, *, longest_wait: float = LONGEST_WAIT) -> None:
        self.ttl = ttl
        self.longest_wait = longest_wait
        self._value: T | None = None
        self._read_at = _NEVER  # when the read of _value began: its age (-inf: expired, never read)
        self._got_at = _NEVER  # when that read ended: what "recent" is counted from
        self._reads = 0  # reads completed: a request that waited sees whether one ended meanwhile
        self._lock = threading.Lock()
        # Set by the reloading request (under the lock): the value it replaces is recent, so the
        # others serve it meanwhile. False until it says so: they wait.
        self._replacing_recent = False

    @property
    def reloading(self) -> bool:
        return self._lock.locked()

    def expire(self) -> None:
        """The value changed (this process wrote it): the next request reads it again, and the
        others wait for that read (a second at most) rather than serve the old value."""
        self._read_at = self._got_at = _NEVER

    def get(self, load: Callable[[], T]) -> T:
        if time.monotonic() - self._read_at < self.ttl:
            return self._value  # type: ignore[return-value]  # read at least once
        reads = self._reads
        if not self._lock.acquire(blocking=False):
            if reads and self._replacing_recent:
                return self._value  # type: ignore[return-value]  # another request reloads it
            if not reads:
                self._lock.acquire()  # nothing to serve yet: wait for the first read
            elif not self._lock.acquire(timeout=self.longest_wait):
                return self._value  # type: ignore[return-value]  # the reload hangs: the one it has
        try:
            if self._reads != reads:
                return self._value  # type: ignore[return-value]  # read meanwhile by another request
            started = time.monotonic()
            self._replacing_recent = started - self._got_at < 2 * self.ttl
            value = load()
            self._value, self._read_at, self._got_at = value, started, time.monotonic()
            self._reads += 1
            return value
        finally:
            self._replacing_recent = False
            self._lock.release()
