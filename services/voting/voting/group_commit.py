"""Group commit: the requests that arrive while one batch is being written are written together
as the next batch, in one statement and one commit. Nobody waits for a timer: under light
load a batch is one vote; under a surge, one commit (one WAL flush) serves hundreds of votes.
Each caller gets its answer only after its batch committed.

A few writer threads per process (each with its own `flush`, e.g. its own connection), started
on first use (so after gunicorn's fork): while one batch waits for its commit, the next one is
already on its way, and the database groups their WAL flushes."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")


class WriterUnavailable(Exception):
    """The batch could not be written (e.g. the database is down); nothing was recorded."""


class GroupCommitter(Generic[Item, Result]):
    def __init__(self, flush: Callable[[], Callable[[Sequence[Item]], Sequence[Result]]], *,
                 writers: int = 2, max_batch: int = 1000, timeout: float = 10.0) -> None:
        # flush() makes one writer's function: it writes a batch in one transaction and returns
        # one result per item, in order.
        self._make_flush = flush
        self.writers = writers
        self.max_batch = max_batch
        self.timeout = timeout
        self._pending: list[tuple[Item, Future]] = []
        self._ready = threading.Condition()
        self._threads: list[threading.Thread] = []

    def submit(self, item: Item) -> Result:
        """Write `item` with whatever else is pending; returns once it is committed."""
        future: Future = Future()
        with self._ready:
            if len(self._threads) < self.writers or not all(t.is_alive() for t in self._threads):
                self._start_writers()
            self._pending.append((item, future))
            self._ready.notify()
        return future.result(self.timeout)

    def _start_writers(self) -> None:
        self._threads = [t for t in self._threads if t.is_alive()]
        while len(self._threads) < self.writers:
            thread = threading.Thread(target=self._run, args=(self._make_flush(),),
                                      name=f"group-commit-{len(self._threads)}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def _run(self, flush: Callable[[Sequence[Item]], Sequence[Result]]) -> None:
        while True:
            with self._ready:
                while not self._pending:
                    self._ready.wait()
                batch = self._pending[: self.max_batch]
                del self._pending[: self.max_batch]
            try:
                results = flush([item for item, _ in batch])
            except Exception as exc:
                log.exception("a batch of %d could not be written", len(batch))
                for _, future in batch:
                    future.set_exception(WriterUnavailable(str(exc)))
                continue
            for (_, future), result in zip(batch, results, strict=True):
                future.set_result(result)
