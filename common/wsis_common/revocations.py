"""Tokens issued before a password change, a reset or a log-out stop working at every service.

Access tokens are verified offline (auth.py) and live TOKEN_LIFETIME_MINUTES; to end them
early the gateway publishes `account.credentials_changed` (account_id, not_before), each
service keeps the newest `not_before` per account in its own `token_revocations` table (as
it keeps its outbox and inbox: `TokenRevocations(metadata)`), and `authenticate()` (web.py)
refuses a token whose `iat` is older.

The check reads a per-process view of the revocations that can still matter (those younger
than the longest token lifetime: an older one only concerns tokens that have expired
anyway), reloaded at most every REVOCATIONS_REFRESH_SECONDS (1 s). So a request costs a
dict look-up, a process one small query a second, and a revoked token works at most that
long after its service handled the event, give or take one reload: the view is reloaded by
one request while the others use the one it replaces (`wsis_common.refreshing`: a request
never queues behind a reload for more than a second; one that queued behind every reload
is what stopped voting under a flood).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Index, MetaData, String, Table, case, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from wsis_common.auth import Principal
from wsis_common.clock import clock
from wsis_common.db import Database
from wsis_common.envelope import Envelope
from wsis_common.refreshing import Refreshing

REVOKED = ("This token was issued before the password was changed or the account logged out; "
           "log in again.")


def is_revoked(issued_at: int, not_before: int | None) -> bool:
    """The rule: a token issued in an earlier second than the change no longer counts (one
    issued in the change's own second still does, so a log-in right after it works)."""
    return not_before is not None and issued_at < not_before


class TokenRevocations:
    """`token_revocations`, declared on a service's own MetaData (so Alembic sees it)."""

    def __init__(self, metadata: MetaData) -> None:
        self.table = Table(
            "token_revocations",
            metadata,
            Column("account_id", String(64), primary_key=True),
            Column("not_before", BigInteger, nullable=False),  # epoch seconds, as a token's iat
            Column("received_at", DateTime(timezone=True), nullable=False),
            Index("ix_token_revocations_not_before", "not_before"),
        )

    def store(self, session: Session, envelope: Envelope) -> None:
        """Handler of `account.credentials_changed`."""
        payload: dict[str, Any] = envelope.payload
        self.record(session, str(payload["account_id"]), int(payload["not_before"]))

    def record(self, session: Session, account_id: str, not_before: int) -> None:
        """One upsert keeping the newest instant: events may come late, twice or out of order."""
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        insert = dialect.insert(self.table).values(
            account_id=account_id, not_before=not_before, received_at=clock.now())
        newer = insert.excluded.not_before > self.table.c.not_before
        session.execute(insert.on_conflict_do_update(
            index_elements=[self.table.c.account_id],
            set_={"not_before": case((newer, insert.excluded.not_before), else_=self.table.c.not_before),
                  "received_at": case((newer, insert.excluded.received_at),
                                      else_=self.table.c.received_at)},
        ))

    def since(self, session: Session, instant: int) -> dict[str, int]:
        """account id -> not_before, for the revocations at or after `instant`."""
        rows = session.execute(select(self.table.c.account_id, self.table.c.not_before)
                               .where(self.table.c.not_before >= instant))
        return {account_id: not_before for account_id, not_before in rows}


class RevocationView:
    """This process's copy of the recent revocations, at most `refresh_seconds` old while no
    request is reloading it (`wsis_common.refreshing`)."""

    def __init__(self, db: Database, revocations: TokenRevocations, *, horizon_seconds: float,
                 refresh_seconds: float) -> None:
        self.db, self.revocations = db, revocations
        self.horizon_seconds, self.refresh_seconds = horizon_seconds, refresh_seconds
        self.view: Refreshing[dict[str, int]] = Refreshing(refresh_seconds)

    def refuses(self, principal: Principal) -> bool:
        return is_revoked(principal.issued_at, self.view.get(self._read).get(principal.account_id))

    def expire(self) -> None:
        """This process committed a revocation: the next check reads the table again (and the
        others wait for that read, a second at most)."""
        self.view.expire()

    def _read(self) -> dict[str, int]:
        oldest = int(clock.now().timestamp() - self.horizon_seconds)
        with self.db.sessions() as session:
            return self.revocations.since(session, oldest)
