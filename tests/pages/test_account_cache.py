"""Issue 14 on the pages: a visitor's pages that arrive together (a voter's votes in quick
succession) read their account from PostgreSQL once per process, not once each; the account
cache's bound (a role granted elsewhere shows within it) is tests/e2e/test_pages_under_load.py's."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import psycopg
from flask.testing import FlaskClient
from sqlalchemy import event, select

from devstack.bench import libpq
from portal.models import Account
from portal.service import accounts as service
from portal.service import visitors
from tests.pages.conftest import register_and_log_in
from wsis_common.context import ServiceContext

VOTER = {"user_name": "farida", "email": "farida@example.org", "password": "long enough secret",
         "organisation_name": "Open Data Tunisia", "organisation_type": "civil_society", "country": "TN"}
TOGETHER = 12


@contextmanager
def account_reads(ctx: ServiceContext) -> Iterator[list[str]]:
    """The statements that read the accounts table, as this app sends them to PostgreSQL."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM accounts" in statement:
            seen.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", record)


def test_pages_of_one_visitor_arriving_together_read_the_account_once(
        pclient: FlaskClient, pctx: ServiceContext) -> None:
    register_and_log_in(pclient, VOTER)
    with pctx.db.sessions() as session:
        account_id = session.scalars(select(Account.id).where(Account.user_name == "farida")).one()
    visitors.accounts.clear()
    # The table held by another transaction: every read of the account waits until it is let go,
    # so that all the pages are in flight together, as a voter's votes are under load.
    with account_reads(pctx) as reads, psycopg.connect(libpq(pctx.db.url)) as holder:
        holder.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE")
        start = threading.Barrier(TOGETHER + 1)

        def page() -> dict[str, Any]:
            start.wait()
            return service.visitor(pctx, account_id)

        with ThreadPoolExecutor(TOGETHER) as pool:
            pages = [pool.submit(page) for _ in range(TOGETHER)]
            start.wait()
            time.sleep(0.5)
            holder.rollback()  # lets the table go
            documents = [p.result(timeout=30) for p in pages]
    assert {d["id"] for d in documents} == {account_id}, "every page knows its visitor"
    assert len(reads) == 1, f"{len(reads)} reads of the account for {TOGETHER} pages in flight together"
