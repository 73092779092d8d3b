"""The group commit on the real PostgreSQL: a batch holding two votes of one stakeholder in one
category stores one; many threads submitting at once are all answered after their commit; the
verified-token cache never outlives a token nor accepts other bytes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from sqlalchemy import func, select, text

from tests.voting.conftest import MIGRATIONS
from voting import create_app, models
from voting.models.group_commit import GroupCommitter, WriterUnavailable
from voting.models.writer import Vote, VoteWriter
from voting.tokens import CachedVerifier
from wsis_common import migrations
from wsis_common.auth import InvalidToken, Principal, TokenVerifier
from wsis_common.clock import clock
from wsis_common.db import Database

NOW = datetime(2023, 1, 10, 12, 0, tzinfo=UTC)


def _vote(voter: str, category: str, nominee: str) -> Vote:
    return Vote(2023, voter, category, nominee, NOW, "Org", "NGO", "CH", None, None)


def _rows(ctx) -> int:
    with ctx.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(models.votes)) or 0


def test_a_batch_with_two_votes_of_one_stakeholder_in_one_category_stores_the_first(ctx) -> None:
    writer = VoteWriter(ctx.db)
    results = writer([_vote("ann", "C4", "a"), _vote("ann", "C4", "b"), _vote("ann", "C9", "m")])
    assert [(r.created, r.nominee) for r in results] == [(True, "a"), (False, "a"), (True, "m")]
    later = writer([_vote("ann", "C4", "c"), _vote("bob", "C4", "c")])
    assert [(r.created, r.nominee) for r in later] == [(False, "a"), (True, "c")]
    assert _rows(ctx) == 3



def test_the_writer_stores_a_batch_the_same_way_on_sqlite_as_make_run_uses(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'voting.db'}"
    migrations.upgrade(MIGRATIONS, url)
    db = Database(url)
    try:
        writer = VoteWriter(db)
        results = writer([_vote("ann", "C4", "a"), _vote("ann", "C4", "b"), _vote("bob", "C4", "b")])
        assert [(r.created, r.nominee) for r in results] == [(True, "a"), (False, "a"), (True, "b")]
        assert [(r.created, r.nominee) for r in writer([_vote("ann", "C4", "c")])] == [(False, "a")]
        with db.sessions() as session:
            stored = session.execute(select(models.votes.c.voter, models.votes.c.nominee,
                                            models.votes.c.org_country)).all()
        assert sorted(map(tuple, stored)) == [("ann", "a", "CH"), ("bob", "b", "CH")]
    finally:
        db.dispose()

def test_a_vote_the_database_refuses_fails_alone_and_the_rest_of_its_batch_is_recorded(ctx) -> None:
    writer = VoteWriter(ctx.db)
    poison = _vote("mia", "C4", "a")._replace(org_name="N" * 301)  # longer than its column
    results = writer([_vote("kai", "C4", "a"), poison, _vote("kai", "C9", "b"), _vote("kai", "C4", "z")])
    assert isinstance(results[1], psycopg.DataError)
    assert [(r.created, r.nominee) for r in (results[0], results[2], results[3])] == [
        (True, "a"), (True, "b"), (False, "a")]
    assert _rows(ctx) == 2 and writer([_vote("mia", "C4", "a")])[0].created, "the connection goes on"

    committer = GroupCommitter(lambda: VoteWriter(ctx.db), writers=1)
    with pytest.raises(psycopg.DataError):
        committer.submit(poison._replace(voter="noa"))
    assert committer.submit(_vote("noa", "C4", "a")).created


def test_concurrent_submissions_are_grouped_and_each_answered_after_its_commit(ctx) -> None:
    sizes: list[int] = []

    def make_flush():
        writer = VoteWriter(ctx.db)

        def flush(batch):
            sizes.append(len(batch))
            return writer(batch)
        return flush

    committer = GroupCommitter(make_flush, writers=2)
    start, answers = threading.Barrier(64), []

    def cast(i: int) -> None:
        start.wait()
        recorded = committer.submit(_vote(f"v{i % 32}", "C4", f"n{i}"))
        answers.append((recorded.created, _rows(ctx) >= 1))

    threads = [threading.Thread(target=cast, args=(i,)) for i in range(64)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(created for created, _ in answers) == [False] * 32 + [True] * 32
    assert all(durable for _, durable in answers), "no answer before its commit"
    assert _rows(ctx) == 32 and sum(sizes) == 64
    assert len(sizes) < 64, "concurrent votes share commits"


# 64 requests in one gevent process (as in gunicorn's gevent worker), arriving over a few turns
# of the event loop, each voting through the group commit on the real database; with "busy",
# a greenlet keeps the loop from ever being idle (a stream of other requests) all along.
_GEVENT_SURGE = """
from gevent import monkey; monkey.patch_all()
import json, sys, time
from datetime import UTC, datetime
import gevent
from voting.models.group_commit import GroupCommitter
from voting.models.writer import Vote, VoteWriter
from wsis_common.db import Database
url, mode, prefix = sys.argv[1:]
sizes, busy = [], mode == "busy"
def make_flush():
    writer = VoteWriter(Database(url))
    def flush(batch):
        sizes.append(len(batch))
        return writer(batch)
    return flush
# "settle": a cap long enough for a slow machine (the loop is idle well before); "busy": the default.
committer = GroupCommitter(make_flush, idle_wait={"eager": None, "settle": 1.0, "busy": 0.005}[mode])
def spin():
    while busy:
        gevent.sleep(0)
spinner = gevent.spawn(spin)
def request(i):
    for _ in range(i % 8):  # still being read and checked when the first ones vote
        gevent.sleep(0)
    vote = Vote(2023, f"{prefix}{i}", "C4", "n1", datetime.now(UTC), None, None, None, None, None)
    return committer.submit(vote).created
started = time.monotonic()
done = gevent.joinall([gevent.spawn(request, i) for i in range(64)], raise_error=True)
seconds = time.monotonic() - started
busy = False
spinner.join()
print(json.dumps({"created": sum(g.value for g in done), "sizes": sizes, "seconds": seconds}))
"""


def _gevent_surge(ctx, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _GEVENT_SURGE, ctx.settings.database_url, mode, mode],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_under_gevent_a_writer_takes_its_batch_once_the_requests_at_hand_have_voted(ctx) -> None:
    settled, eager = _gevent_surge(ctx, "settle"), _gevent_surge(ctx, "eager")
    assert settled["created"] == eager["created"] == 64 and _rows(ctx) == 128
    assert settled["sizes"] == [64], "one commit for the requests that were all in the process"
    assert len(eager["sizes"]) > 1, "without waiting, the first vote goes alone (the difference shown)"


def test_under_gevent_a_loop_that_is_never_idle_delays_no_vote_for_long(ctx) -> None:
    busy = _gevent_surge(ctx, "busy")
    assert busy["created"] == 64 and _rows(ctx) == 64
    # Waiting for an idle loop is capped (5 ms a batch): uncapped, every vote would wait out the
    # committer's 10 s and fail.
    assert busy["seconds"] < 2, busy


def _first_batch_then_writer(ctx, first):
    """A writer whose first batch is answered by `first` (a failure of ours) and the rest written."""
    def make_flush():
        writer, calls = VoteWriter(ctx.db), []

        def flush(batch):
            calls.append(len(batch))
            return first(batch) if len(calls) == 1 else writer(batch)
        return flush
    return make_flush


def test_a_failed_batch_answers_every_caller_with_an_error_and_the_writer_recovers(ctx) -> None:
    def database_down(_batch):
        raise RuntimeError("database down")

    committer = GroupCommitter(_first_batch_then_writer(ctx, database_down), writers=1)
    with pytest.raises(Exception, match="database down"):
        committer.submit(_vote("x", "C4", "a"))
    assert committer.submit(_vote("x", "C4", "a")).created is True


def test_a_writer_that_answers_wrongly_fails_that_batch_and_keeps_writing(ctx) -> None:
    no_result = GroupCommitter(_first_batch_then_writer(ctx, lambda _batch: []), writers=1)
    with pytest.raises(WriterUnavailable, match="0 results for a batch of 1"):
        no_result.submit(_vote("oli", "C4", "a"))
    assert no_result.submit(_vote("oli", "C4", "a")).created, "the writer lives on"


def test_the_token_cache_never_outlives_a_token_nor_accepts_other_bytes(ctx, token_signer) -> None:
    verifier = CachedVerifier(TokenVerifier(ctx.settings.token_public_key, issuer="wsis-gateway",
                                            audience="wsis-services"))
    clock.set(NOW)
    try:
        ann = Principal("ann", frozenset({"stakeholder"}), True)
        token = token_signer.sign(ann, lifetime=timedelta(minutes=15))
        assert verifier.verify(token).account_id == "ann"
        assert verifier.verify(token).account_id == "ann"  # from the cache
        header, payload, signature = token.split(".")
        # One character in the middle of the signature changed (the last ones may carry padding
        # bits only, so changing them could leave the signature's bytes as they were).
        forged = signature[:20] + ("B" if signature[20] != "B" else "C") + signature[21:]
        with pytest.raises(InvalidToken):
            verifier.verify(f"{header}.{payload}.{forged}")
        clock.set(NOW + timedelta(minutes=15, seconds=6))
        with pytest.raises(InvalidToken):
            verifier.verify(token)
    finally:
        clock.set(None)


def test_the_writer_replaces_a_connection_the_database_killed(ctx) -> None:
    writer = VoteWriter(ctx.db)
    assert writer([_vote("kim", "C4", "a")])[0].created
    backend = writer._connection.connection.dbapi_connection.info.backend_pid
    with ctx.db.engine.connect() as admin:
        admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises, nothing is recorded
        writer([_vote("lee", "C4", "a")])
    assert writer([_vote("lee", "C4", "a")])[0].created, "the next batch gets a new connection"
    assert _rows(ctx) == 2


def test_the_idle_wait_is_the_operators_to_tune_or_turn_off(ctx, monkeypatch) -> None:
    assert create_app(ctx.settings).extensions["voting"].writer.idle_wait == 0.005  # the default
    for raw, seconds in (("20", 0.02), ("0", 0)):
        monkeypatch.setenv("VOTING_IDLE_WAIT_MS", raw)
        assert create_app(ctx.settings).extensions["voting"].writer.idle_wait == seconds
    for nonsense in ("-1", "inf", "soon"):
        monkeypatch.setenv("VOTING_IDLE_WAIT_MS", nonsense)
        with pytest.raises(ValueError):
            create_app(ctx.settings)
