"""A process's ballot cache after it sat idle: the ballot it read before the nominees were
published is not served to the first voters while one of them reloads it (only an entry that
has just expired is: at most two cache lifetimes old). The flake of the racing-votes test
(a 404 "not a nominee" now and then) and, in a real vote, the first minute after the opening."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


Answer = list  # where a request's answer lands (empty while it waits)


@contextmanager
def _a_reload_held(ctx: ServiceContext, cache: BallotCache) -> Iterator[tuple[Answer, Callable[[], Answer]]]:
    """One request reloading the ballot, held on a lock of its table for the length of the
    block; the block gets that request's answer and `ask()`, which sends one more request."""
    sent: list[threading.Thread] = []

    def ask() -> Answer:
        answer: Answer = []
        thread = threading.Thread(target=lambda: answer.append(cache.get(ctx.db.sessions, YEAR)))
        thread.start()
        sent.append(thread)
        return answer

    engine = create_engine(ctx.settings.database_url)
    try:
        with engine.connect() as blocker:
            blocker.execute(text("LOCK TABLE ballot_entries IN ACCESS EXCLUSIVE MODE"))
            first = ask()
            wait_until(lambda: cache.entry(YEAR).reloading, what="one request to reload")
            yield first, ask
            blocker.rollback()
    finally:
        for thread in sent:
            thread.join(10)
        engine.dispose()


def _not_waiting(answer: Answer) -> Answer:
    """The answer of a request sent while the table is locked, once it could have come without
    waiting for the reload (a second at most)."""
    wait_until(lambda: bool(answer), what="an answer", timeout=5)
    return answer


def test_an_idle_process_serves_no_ballot_older_than_two_lifetimes_while_it_reloads(ctx) -> None:
    cache = BallotCache(TTL)
    assert cache.get(ctx.db.sessions, YEAR) is None, "no edition yet: nothing to vote on"
    _publish(ctx)
    time.sleep(2 * TTL + 0.1)  # the process sat idle: its entry is from before the nominees

    with _a_reload_held(ctx, cache) as (first, ask):
        second = ask()
        time.sleep(0.3)
    for name, answer in (("first", first), ("second", second)):
        ballot = answer[0]
        assert ballot is not None and set(ballot.categories["C4"]) == {"cap-1", "cap-2"}, \
            f"the {name} request got the ballot from before the nominees: {ballot}"


def test_an_entry_just_expired_is_served_while_one_request_reloads_it(ctx) -> None:
    _publish(ctx)
    cache = BallotCache(TTL)
    before = cache.get(ctx.db.sessions, YEAR)
    time.sleep(TTL + 0.02)  # expired, but less than a lifetime ago
    with _a_reload_held(ctx, cache) as (_, ask):
        assert _not_waiting(ask()) == [before], \
            "the others keep the one they have, without waiting for the reload"


def test_a_reload_that_hangs_leaves_the_waiting_requests_the_ballot_they_had(ctx) -> None:
    _publish(ctx)
    cache = BallotCache(TTL)
    before = cache.get(ctx.db.sessions, YEAR)
    time.sleep(2 * TTL + 0.1)  # idle: the next requests wait for the reload, which hangs
    with _a_reload_held(ctx, cache) as (_, ask):
        assert _not_waiting(ask()) == [before], "after a second at most, the ballot it had"
