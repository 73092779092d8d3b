"""A database that cannot be reached, told apart from a statement that is wrong.

An outage (connection refused or reset, the server closed the connection or is shutting
down, the pool timed out) is nobody's fault and passes: a request answers 503 with
Retry-After, a consumer waits and redelivers, and a read that the process can answer from
what it already holds is answered from it (`LastGood`). Bad SQL (ProgrammingError,
IntegrityError, DataError) stays what it is."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

import psycopg
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

log = logging.getLogger(__name__)

_SQLALCHEMY = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)
_DBAPI = (psycopg.OperationalError, psycopg.InterfaceError)
# SQLite reports a syntax error as an OperationalError too: only these mean "not now".
_SQLITE_BUSY = ("database is locked", "database table is locked", "unable to open database",
                "disk i/o error")


def database_unreachable(error: BaseException | None) -> bool:
    """The database could not be reached (this error, or one it was raised from)."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if _unreachable(error):
            return True
        error = error.__cause__
    return False


def _unreachable(error: BaseException) -> bool:
    original = getattr(error, "orig", None) if isinstance(error, DBAPIError) else error
    if isinstance(original, sqlite3.Error):
        return any(words in str(original).lower() for words in _SQLITE_BUSY)
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True  # SQLAlchemy saw a disconnect, whatever class the driver gave it
    return isinstance(error, _SQLALCHEMY) or isinstance(original, _DBAPI)


T = TypeVar("T")


class LastGood(Generic[T]):
    """The last value each read returned, per key: what a read answers while the database
    cannot be reached (or what `passes` says), if this process read it before. Logged once
    per outage."""

    def __init__(self, what: str, passes: Callable[[BaseException], bool] = database_unreachable) -> None:
        self.what = what
        self.passes = passes
        self._values: dict[Hashable, T] = {}
        self._stale: set[Hashable] = set()
        self._lock = threading.Lock()

    def read(self, key: Hashable, read: Callable[[], T]) -> T:
        try:
            value = read()
        except Exception as exc:
            if not self.passes(exc) or key not in self._values:
                raise
            with self._lock:
                first = key not in self._stale
                self._stale.add(key)
            if first:
                log.warning("unreachable: serving the last %s read (%s) until it is back: %r",
                            self.what, key, exc)
            return self._values[key]
        self._values[key] = value
        if key in self._stale:
            with self._lock:
                self._stale.discard(key)
            log.info("reachable again: %s (%s) read afresh", self.what, key)
        return value
