"""Attempts are counted in the gateway's database, one atomic upsert per attempt, so every
process and replica shares the counts and the limits are exact: per-process memory let two
workers each allow the limit (10 wrong passwords through a limit of 5).

An attempt is counted before the password is checked: concurrent attempts from many
addresses each take a number, and only those within the limit are checked. The per-account
key is the account's id whatever names it (user name or e-mail); for a name no account
has, the name itself, so a refused attempt looks the same either way. The rates and what a
counted attempt means are plain rules (domain/limits.py)."""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from sqlalchemy import text
from sqlalchemy.orm import Session

from portal.config import PortalSettings
from portal.domain.limits import AccountLimits, Hit, Rate
from wsis_common.clock import clock

_HIT = text("""
    INSERT INTO attempt_counts (key, window_start, count) VALUES (:key, :now, 1)
    ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN attempt_counts.window_start <= :expired THEN 1
                     ELSE attempt_counts.count + 1 END,
        window_start = CASE WHEN attempt_counts.window_start <= :expired THEN :now
                            ELSE attempt_counts.window_start END
    RETURNING count, window_start""")
_REFUND = text("UPDATE attempt_counts SET count = GREATEST(count - 1, 0) WHERE key = :key")
_CLEAR = text("DELETE FROM attempt_counts WHERE key = :key")


def hit(session: Session, key: str, rate: Rate) -> Hit:
    """Count one attempt on `key` (in the caller's transaction, which should commit at once)."""
    now = clock.now()
    count, start = session.execute(_HIT, {"key": key[:400], "now": now,
                                          "expired": now - timedelta(seconds=rate.seconds)}).one()
    return Hit(count <= rate.amount, start + timedelta(seconds=rate.seconds))


def refund(session: Session, key: str) -> None:
    session.execute(_REFUND, {"key": key[:400]})


def clear(session: Session, key: str) -> None:
    session.execute(_CLEAR, {"key": key[:400]})


@cache
def account_limits(settings: PortalSettings) -> AccountLimits:
    return AccountLimits(Rate.of(settings.failed_logins_per_account),
                         Rate.of(settings.failed_logins_per_address),
                         Rate.of(settings.mails_per_account))
