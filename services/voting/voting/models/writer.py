"""Writing the votes: one batch of the group commit (voting.models.group_commit) at a time.

A vote writes one row and reads nothing (the ballot is cached per process); the primary key of
`votes` refuses a second vote in a category, whichever process or replica the two requests
reach, and the writer says for whom the first was."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Connection, select, tuple_

from voting import models
from voting.metrics import VOTE_BATCH_SECONDS, VOTE_BATCH_SIZE, count_votes
from wsis_common.db import Database

log = logging.getLogger(__name__)


class Vote(NamedTuple):
    """CastVote: one stakeholder's choice in one category, checked and timed at arrival. A
    tuple (cheap to make on the hot path) whose fields are the columns of `votes`, in order."""

    edition: int
    voter: str
    category: str
    nominee: str
    cast_at: datetime
    org_name: str | None
    org_type: str | None
    org_country: str | None
    email_domain: str | None
    address: str | None
    account_created_at: datetime | None = None  # from the token: None when it did not say


class Recorded(NamedTuple):
    """What the database holds for (edition, voter, category) after the vote's batch."""

    created: bool
    nominee: str
    cast_at: datetime


def _key(vote: Vote) -> tuple[int, str, str]:
    return (vote.edition, vote.voter, vote.category)


_COLUMNS = Vote._fields


class VoteWriter:
    """Writes a batch of votes: one INSERT ... ON CONFLICT DO NOTHING RETURNING and, only for the
    votes refused as second votes, one SELECT of what had been chosen.

    On PostgreSQL the INSERT takes the whole batch as one JSON parameter (an array of rows,
    encoded in C), so it is one statement text whatever the batch size: psycopg parses it once
    and the server prepares it once. A multi-row VALUES list of a new length each time cost
    ~0.1 ms of Python per batch to parse, and one array per column ~2 us per value to adapt.
    The parameter is cast to jsonb, parsed once: on `json`, each of the `->>` re-reads its
    row's text, and pgbench on this statement did 1.3-2x fewer batches per second of CPU.
    Elsewhere (SQLite, for local runs) it is a multi-row VALUES list. It goes straight to the
    DBAPI cursor (SQLAlchemy's executemany costs ~0.3 ms of Python per row) in autocommit mode:
    one statement is one atomic transaction, committed (WAL flushed) before the database
    answers, so a batch costs ONE round trip instead of three (BEGIN/INSERT/COMMIT). It keeps
    one connection (its writer is the only user), replaced after an error."""

    def __init__(self, db: Database) -> None:
        self.db = db
        dialect = db.engine.dialect
        self._json = dialect.name == "postgresql"
        if self._json:
            casts = {"edition": "::int", "cast_at": "::timestamptz", "account_created_at": "::timestamptz"}
            values = ", ".join(f"(r->>{i}){casts.get(name, '')}" for i, name in enumerate(_COLUMNS))
            self._from_json = (f"INSERT INTO votes ({', '.join(_COLUMNS)}) "
                               f"SELECT {values} FROM jsonb_array_elements(%s::jsonb) AS r "
                               "ON CONFLICT DO NOTHING RETURNING edition, voter, category")
        else:  # one multi-row VALUES statement per batch size, with SQLAlchemy's bind processors
            mark = "?" if dialect.paramstyle == "qmark" else "%s"
            self._row = "(" + ", ".join([mark] * len(_COLUMNS)) + ")"
            self._processors = [models.votes.c[name].type.dialect_impl(dialect).bind_processor(dialect)
                                for name in _COLUMNS]
            self._statements: dict[int, str] = {}
        self._connection: Connection | None = None

    def _insert(self, votes: Sequence[Vote]) -> tuple[str, tuple]:
        if self._json:
            # Votes are tuples: the batch is a JSON array of rows, encoded in C.
            return self._from_json, (json.dumps(votes, default=datetime.isoformat),)
        rows = len(votes)
        if rows not in self._statements:
            self._statements[rows] = (
                f"INSERT INTO votes ({', '.join(_COLUMNS)}) VALUES {', '.join([self._row] * rows)} "
                "ON CONFLICT DO NOTHING RETURNING edition, voter, category")
        values = []
        for vote in votes:
            for value, process in zip(vote, self._processors, strict=True):
                values.append(process(value) if process and value is not None else value)
        return self._statements[rows], tuple(values)

    def __call__(self, batch: Sequence[Vote]) -> list[Recorded | Exception]:
        """One result per vote, in order: what is recorded, or why this vote alone could not be."""
        try:
            return list(self._write(batch))
        except Exception as exc:
            if not self._refused_for_its_data(exc):
                raise
            if len(batch) == 1:
                return [exc]
        # The database refused something in the batch (a value it cannot store): each vote is
        # written alone, so that the one at fault fails and the others are recorded.
        log.warning("a batch of %d votes was refused for its data; writing them one by one", len(batch))
        results: list[Recorded | Exception] = []
        for vote in batch:
            try:
                results.extend(self._write([vote]))
            except Exception as exc:
                if not self._refused_for_its_data(exc):
                    raise
                results.append(exc)
        return results

    def _refused_for_its_data(self, exc: Exception) -> bool:
        dbapi = self.db.engine.dialect.loaded_dbapi
        return isinstance(exc, (dbapi.DataError, dbapi.IntegrityError))

    def _write(self, batch: Sequence[Vote]) -> list[Recorded]:
        first: dict[tuple[int, str, str], Vote] = {}
        for vote in batch:
            first.setdefault(_key(vote), vote)  # a second vote in the same batch is a conflict
        if self._connection is None:
            self._connection = self.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        started = time.perf_counter()
        try:
            # SQLAlchemy set the connection up (autocommit, per dialect); the hot statement goes
            # straight to its DBAPI cursor, saving ~0.3 ms of CPU per batch.
            cursor = self._connection.connection.dbapi_connection.cursor()
            try:
                cursor.execute(*self._insert(list(first.values())))
                created = set(map(tuple, cursor.fetchall()))
            finally:
                cursor.close()
            refused = [key for key in first if key not in created]
            # Committed rows only: what a concurrent first vote stored, or an earlier one.
            chosen = self._chosen(refused) if refused else {}
        except Exception as exc:
            if not self._refused_for_its_data(exc):  # the statement failed, not the connection
                self._connection.invalidate()
                self._connection.close()
                self._connection = None
            raise
        VOTE_BATCH_SIZE.labels("voting").observe(len(batch))
        VOTE_BATCH_SECONDS.labels("voting").observe(time.perf_counter() - started)
        count_votes(category for _edition, _voter, category in created)
        results = []
        for vote in batch:
            key = _key(vote)
            if key in created and first[key] is vote:
                results.append(Recorded(True, vote.nominee, vote.cast_at))
            elif key in created:
                results.append(Recorded(False, first[key].nominee, first[key].cast_at))
            else:
                results.append(Recorded(False, *chosen[key]))
        return results

    def _chosen(self, keys: list[tuple[int, str, str]]) -> dict[tuple[int, str, str], tuple[str, datetime]]:
        table = models.votes
        assert self._connection is not None
        rows = self._connection.execute(
            select(table.c.edition, table.c.voter, table.c.category, table.c.nominee, table.c.cast_at)
            .where(tuple_(table.c.edition, table.c.voter, table.c.category).in_(keys)))
        return {(r.edition, r.voter, r.category): (r.nominee, r.cast_at) for r in rows}
