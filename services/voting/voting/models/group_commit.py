"""Group commit: the requests that arrive while one batch is being written are written together
as the next batch, in one statement and one commit. No batch waits for a timer to fill: under
light load a batch is one vote; under a surge, one commit (one WAL flush) serves many votes.
Each caller gets its answer only after its batch committed.

Writers (each with its own `flush`, e.g. its own connection) are started on first use, so
after gunicorn's fork. The waits are `threading` primitives: OS threads under gthread, and
greenlets under gevent (gunicorn patches `threading`), where an Event is gevent's own, in C.
One Event per caller and one to wake the writers: a Future and a Condition cost several
Python-level locks per vote.

Under gevent a woken writer first waits until the event loop is idle (`gevent.idle`): every
request already readable then reaches `submit` before the batch is taken, instead of the next
one. When the process has nothing else to do the loop is idle at once, so a lone vote waits for
nothing; under a surge this about doubles the batch, halving the commits, and the per-batch
work of the database and its client per vote. The wait is capped (`idle_wait`, 5 ms by
default; VOTING_IDLE_WAIT_MS): a loop kept busy by other requests is never idle."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")


def idle_waiter(limit: float) -> Callable[[], None] | None:
    """When this process runs on gevent (gunicorn's gevent worker patches `threading`): a wait
    until the event loop is idle, for at most `limit` seconds, since a loop kept busy (a stream
    of other requests) is never idle. None under OS threads, which have no such moment."""
    monkey = sys.modules.get("gevent.monkey")
    if monkey is None or not monkey.is_module_patched("threading"):
        return None
    import gevent

    def wait() -> None:
        with gevent.Timeout(limit, False):  # False: when it expires, the wait just ends
            gevent.idle()

    return wait


class WriterUnavailable(Exception):
    """The batch could not be written (e.g. the database is down); nothing was recorded."""


class _Waiter(Generic[Item, Result]):
    __slots__ = ("done", "error", "item", "result")

    def __init__(self, item: Item) -> None:
        self.item = item
        self.done = threading.Event()
        self.result: Result | None = None
        self.error: BaseException | None = None


class GroupCommitter(Generic[Item, Result]):
    def __init__(self, flush: Callable[[], Callable[[Sequence[Item]], Sequence[Result | Exception]]], *,
                 writers: int = 1, max_batch: int = 1000, timeout: float = 10.0,
                 idle_wait: float | None = 0.005) -> None:
        # flush() makes one writer's function: it writes a batch and returns one result per
        # item, in order; an exception as an item's result is raised to that item's caller.
        self._make_flush = flush
        self.writers = writers
        self.max_batch = max_batch
        self.timeout = timeout
        self._pending: list[_Waiter[Item, Result]] = []
        self._lock = threading.Lock()
        self._work = threading.Event()  # set (under _lock) exactly when _pending is not empty
        self._started = False
        self._writing = 0  # batches taken and not yet answered (under _lock)
        self.idle_wait = idle_wait  # at most this long, wait for an idle event loop (gevent); None: never
        self._idle: Callable[[], None] | None = None

    def submit(self, item: Item) -> Result:
        """Write `item` with whatever else is pending; returns once it is committed."""
        waiter: _Waiter[Item, Result] = _Waiter(item)
        with self._lock:
            if not self._started:
                self._start_writers()
            self._pending.append(waiter)
            self._work.set()
        if not waiter.done.wait(self.timeout):
            raise TimeoutError("the vote's batch was not written in time")
        if waiter.error is not None:
            raise waiter.error
        return waiter.result  # type: ignore[return-value]

    def _start_writers(self) -> None:
        # Asked here, in the process that writes: gunicorn patches a worker after the fork.
        self._idle = idle_waiter(self.idle_wait) if self.idle_wait else None
        for number in range(self.writers):
            threading.Thread(target=self._run, args=(self._make_flush(),),
                             name=f"group-commit-{number}", daemon=True).start()
        self._started = True

    def _take(self) -> list[_Waiter[Item, Result]]:
        while True:
            self._work.wait()
            if self._idle is not None and len(self._pending) < self.max_batch:
                try:
                    self._idle()
                except Exception:  # an optimisation only: it must never stop the writer
                    log.exception("waiting for an idle event loop failed; writing the batch now")
            with self._lock:
                batch = self._pending[: self.max_batch]
                del self._pending[: self.max_batch]
                if not self._pending:
                    self._work.clear()
                if batch:
                    self._writing += 1
            if batch:
                return batch

    def drain(self, timeout: float) -> bool:
        """Wait until everything submitted so far is written (or has failed), for at most
        `timeout` seconds; True if it was. At a worker's exit: a vote whose request was cut off
        by the end of the graceful period is still in the queue, and is written rather than
        dropped (its voter, who got no answer, is told on voting again that it counts)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if not self._pending and not self._writing:
                    return True
            if time.monotonic() >= deadline:
                log.error("%d queued items not written at exit", len(self._pending))
                return False
            time.sleep(0.01)  # a greenlet switch under gevent: the writer goes on meanwhile

    def _run(self, flush: Callable[[Sequence[Item]], Sequence[Result | Exception]]) -> None:
        # The loop never ends on an error: a failed batch answers its callers with
        # WriterUnavailable and the next batch is tried afresh.
        while True:
            batch = self._take()
            try:
                self._write(flush, batch)
            finally:
                with self._lock:
                    self._writing -= 1

    def _write(self, flush: Callable[[Sequence[Item]], Sequence[Result | Exception]],
               batch: list[_Waiter[Item, Result]]) -> None:
        try:
            results = flush([waiter.item for waiter in batch])
            if len(results) != len(batch):  # checked here: the loop itself must never die
                raise RuntimeError(f"{len(results)} results for a batch of {len(batch)}")
        except Exception as exc:
            log.exception("a batch of %d could not be written", len(batch))
            for waiter in batch:
                waiter.error = WriterUnavailable(str(exc))
                waiter.done.set()
            return
        for waiter, result in zip(batch, results, strict=False):
            if isinstance(result, Exception):  # this item alone failed; the others stand
                waiter.error = result
            else:
                waiter.result = result
            waiter.done.set()
