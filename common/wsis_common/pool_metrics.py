"""A process's database connections as a gauge (`wsis_db_connections{state="open"|"in_use"}`),
kept by SQLAlchemy's pool events: no query, no work at scrape time, and summed over gunicorn's
live workers (the gauge's multiprocess mode).

The gauges are set from sets of the connections seen, not counted up and down: a failed
connect fires `checkin` without a `checkout`, which a plain counter would turn into drift
exactly during a database outage."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event

from wsis_common.metrics import DB_CONNECTIONS


class PoolWatch:
    def __init__(self, engine: Engine, service: str) -> None:
        self._open: set[int] = set()
        self._in_use: set[int] = set()
        self._open_gauge = DB_CONNECTIONS.labels(service, "open")
        self._in_use_gauge = DB_CONNECTIONS.labels(service, "in_use")
        self._open_gauge.set(0)
        self._in_use_gauge.set(0)
        pool = engine.pool
        event.listen(pool, "connect", self._connected)
        event.listen(pool, "close", self._closed)
        event.listen(pool, "close_detached", self._closed_detached)
        event.listen(pool, "checkout", self._checked_out)
        event.listen(pool, "checkin", self._checked_in)
        event.listen(pool, "detach", self._detached)

    @property
    def open(self) -> int:
        return len(self._open)

    @property
    def in_use(self) -> int:
        return len(self._in_use)

    def _connected(self, dbapi_connection: Any, _record: Any) -> None:
        self._open.add(id(dbapi_connection))
        self._open_gauge.set(len(self._open))

    def _closed(self, dbapi_connection: Any, _record: Any) -> None:
        self._closed_detached(dbapi_connection)

    def _closed_detached(self, dbapi_connection: Any) -> None:
        self._open.discard(id(dbapi_connection))
        self._open_gauge.set(len(self._open))

    def _checked_out(self, _dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        self._in_use.add(id(record))
        self._in_use_gauge.set(len(self._in_use))

    def _checked_in(self, _dbapi_connection: Any, record: Any) -> None:
        self._in_use.discard(id(record))
        self._in_use_gauge.set(len(self._in_use))

    def _detached(self, _dbapi_connection: Any, record: Any) -> None:
        # A detached connection never comes back through `checkin`; it stays open until closed.
        self._checked_in(None, record)


def watch_pool(engine: Engine, service: str) -> PoolWatch:
    return PoolWatch(engine, service)
