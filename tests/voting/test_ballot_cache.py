"""A process's ballot cache after it sat idle: the ballot it read before the nominees were
published is not served to the first voters while one of them reloads it (only an entry that
has just expired is: at most two cache lifetimes old). The flake of the racing-votes test
(a 404 "not a nominee" now and then) and, in a real vote, the first minute after the opening."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, text

from tests.harness.probe import wait_until
from tests.voting.conftest import edition_event, nominees_event
from voting import models
from voting.models.ballot import store
from voting.service.ballot import BallotCache
from wsis_common.context import ServiceContext

YEAR = 2031
TTL = 0.2


def _publish(ctx: ServiceContext) -> None:
    now = datetime.now(UTC)
    with ctx.db.transaction() as session:
        models.editions.store(session, edition_event(YEAR, now - timedelta(days=1), now + timedelta(days=1)))
        store(session, nominees_event(YEAR, {"C4": ["cap-1", "cap-2"]}))


def test_an_idle_process_serves_no_ballot_older_than_two_lifetimes_while_it_reloads(ctx) -> None:
    cache = BallotCache(TTL)
    assert cache.get(ctx.db.sessions, YEAR) is None, "no edition yet: nothing to vote on"
    _publish(ctx)
    time.sleep(2 * TTL + 0.1)  # the process sat idle: its entry is from before the nominees

    answers: dict[str, object] = {}
    engine = create_engine(ctx.settings.database_url)
    with engine.connect() as blocker:
        # The reload waits on the table while the first request holds it; the second arrives.
        blocker.execute(text("LOCK TABLE ballot_entries IN ACCESS EXCLUSIVE MODE"))
        first = threading.Thread(target=lambda: answers.setdefault("first", cache.get(ctx.db.sessions, YEAR)))
        first.start()
        wait_until(lambda: cache._lock.locked(), what="the first request to reload")
        second = threading.Thread(
            target=lambda: answers.setdefault("second", cache.get(ctx.db.sessions, YEAR)))
        second.start()
        time.sleep(0.3)
        blocker.rollback()
    first.join(10)
    second.join(10)
    engine.dispose()
    for name in ("first", "second"):
        ballot = answers[name]
        assert ballot is not None and set(ballot.categories["C4"]) == {"cap-1", "cap-2"}, \
            f"the {name} request got the ballot from before the nominees: {ballot}"


def test_an_entry_just_expired_is_served_while_one_request_reloads_it(ctx) -> None:
    _publish(ctx)
    cache = BallotCache(TTL)
    before = cache.get(ctx.db.sessions, YEAR)
    time.sleep(TTL + 0.02)  # expired, but less than a lifetime ago
    engine = create_engine(ctx.settings.database_url)
    with engine.connect() as blocker:
        blocker.execute(text("LOCK TABLE ballot_entries IN ACCESS EXCLUSIVE MODE"))
        reloading = threading.Thread(target=cache.get, args=(ctx.db.sessions, YEAR))
        reloading.start()
        wait_until(lambda: cache._lock.locked(), what="one request to reload")
        got: list[object] = []
        other = threading.Thread(target=lambda: got.append(cache.get(ctx.db.sessions, YEAR)))
        other.start()
        other.join(5)  # the table is still locked: an answer now is one that did not wait
        assert got == [before], "the others keep the one they have, without waiting for the reload"
        blocker.rollback()
    reloading.join(10)
    engine.dispose()


def test_a_reload_that_hangs_leaves_the_waiting_requests_the_ballot_they_had(ctx) -> None:
    _publish(ctx)
    cache = BallotCache(TTL)
    before = cache.get(ctx.db.sessions, YEAR)
    time.sleep(2 * TTL + 0.1)  # idle: the next requests wait for the reload...
    engine = create_engine(ctx.settings.database_url)
    with engine.connect() as blocker:
        blocker.execute(text("LOCK TABLE ballot_entries IN ACCESS EXCLUSIVE MODE"))  # ...which hangs
        reloading = threading.Thread(target=cache.get, args=(ctx.db.sessions, YEAR))
        reloading.start()
        wait_until(lambda: cache._lock.locked(), what="one request to reload")
        got: list[object] = []
        other = threading.Thread(target=lambda: got.append(cache.get(ctx.db.sessions, YEAR)))
        other.start()
        other.join(5)  # the table is still locked: this answer did not wait for the reload's end
        assert got == [before], "after a second at most, the ballot it had"
        blocker.rollback()
    reloading.join(10)
    engine.dispose()
