"""A token check while another request reloads the revoked tokens (wsis_common.revocations),
on the real PostgreSQL, the reload held on a lock of the table: the check answers from the view
it has, at once when that view has only just expired, within a second when it is older; it
never queues behind the reload. Queued behind it, a saturated voting process answered no vote
at all under a flood (services/voting/bench/README.md, "Under a flood")."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import MetaData, delete, text

from tests.harness.probe import wait_until
from wsis_common.auth import Principal
from wsis_common.db import Database
from wsis_common.revocations import RevocationView, TokenRevocations

REFRESH = 0.2
HELD = 4.0  # how long the reload is held: far longer than any check may wait


@pytest.fixture
def revocations(probe_database_url: str) -> Iterator[tuple[Database, TokenRevocations]]:
    db = Database(probe_database_url)
    revocations = TokenRevocations(MetaData())
    revocations.table.create(db.engine, checkfirst=True)
    with db.transaction() as session:
        session.execute(delete(revocations.table))
    yield db, revocations
    db.dispose()


def _amina(issued_at: int) -> Principal:
    return Principal("amina", frozenset({"stakeholder"}), True, issued_at=issued_at)


@contextmanager
def _reload_held(db: Database, view: RevocationView) -> Iterator[None]:
    """One check reloading the view, held on a lock of the table for HELD seconds."""
    with db.engine.connect() as blocker:
        blocker.execute(text("LOCK TABLE token_revocations IN ACCESS EXCLUSIVE MODE"))
        holder = threading.Thread(target=view.refuses, args=(_amina(0),))
        holder.start()
        wait_until(lambda: view.view.reloading, what="one check to reload")
        try:
            yield
        finally:
            time.sleep(max(0.0, HELD - 1.5))
            blocker.rollback()
            holder.join(10)


def _timed_check(view: RevocationView, principal: Principal) -> tuple[bool, float]:
    """A check on a thread of its own: its answer and how long it took (HELD: none came)."""
    answer: list[bool] = []
    started = time.monotonic()
    check = threading.Thread(target=lambda: answer.append(view.refuses(principal)))
    check.start()
    check.join(HELD - 1.0)
    return (answer[0], time.monotonic() - started) if answer else (False, HELD)


def _revoked_view(revocations: tuple[Database, TokenRevocations]) -> tuple[RevocationView, Principal]:
    db, table = revocations
    now = int(time.time())
    with db.transaction() as session:
        table.record(session, "amina", now)
    view = RevocationView(db, table, horizon_seconds=3600, refresh_seconds=REFRESH)
    old_token = _amina(now - 60)
    assert view.refuses(old_token), "read once: her token from before the change is refused"
    return view, old_token


def test_a_check_while_the_reload_hangs_answers_within_a_second_from_the_view_it_had(revocations) -> None:
    view, old_token = _revoked_view(revocations)
    time.sleep(2 * REFRESH + 0.1)  # the process sat idle: the view is older than two refreshes
    with _reload_held(revocations[0], view):
        refused, seconds = _timed_check(view, old_token)
    assert seconds < 1.8, f"the check waited {seconds:.1f} s for a reload that hangs"
    assert refused, "the view it had still refuses the token"


def test_a_check_right_after_the_view_expired_does_not_wait_for_the_reload(revocations) -> None:
    view, old_token = _revoked_view(revocations)
    time.sleep(REFRESH + 0.05)  # only just expired
    with _reload_held(revocations[0], view):
        refused, seconds = _timed_check(view, old_token)
    assert seconds < 0.5, f"the check waited {seconds:.1f} s for another request's reload"
    assert refused
