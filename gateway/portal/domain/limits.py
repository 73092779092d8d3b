"""The limits on attempts, in plain Python: a rate ("5 per 15 minutes"), one counted attempt
and whether it is within its limit, and the three limits of accounts. The counting itself is
in the gateway's database, shared by every process (service/limits.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from limits import parse

from wsis_common.clock import clock


@dataclass(frozen=True)
class Rate:
    """At most `amount` attempts per fixed window of `seconds` ("5 per 15 minutes")."""

    amount: int
    seconds: int

    @classmethod
    def of(cls, text_: str) -> Rate:
        item = parse(text_)
        return cls(item.amount, item.get_expiry())


@dataclass(frozen=True)
class Hit:
    """One counted attempt: whether it is within its limit, and when its window ends."""

    allowed: bool
    resets_at: datetime

    def retry_after_seconds(self) -> int:
        return max(1, int((self.resets_at - clock.now()).total_seconds()))


@dataclass(frozen=True)
class AccountLimits:
    failed_logins_per_account: Rate
    failed_logins_per_address: Rate
    mails_per_account: Rate  # verification links, reset links, "someone registered as you"
