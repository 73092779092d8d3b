"""Failed log-ins are limited per account and per address (the `limits` library; in Redis
when REDIS_URL is set, so that every gateway replica shares the counts). The per-account
limit counts attempts on any identifier, existing or not, so it reveals nothing."""

from __future__ import annotations

from functools import cache

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from portal.config import PortalSettings


class LoginLimits:
    def __init__(self, settings: PortalSettings) -> None:
        self._limiter = FixedWindowRateLimiter(storage_from_string(settings.rate_limit_storage))
        self.per_account = parse(settings.failed_logins_per_account)
        self.per_address = parse(settings.failed_logins_per_address)

    def allowed(self, identifier: str, address: str) -> bool:
        return (self._limiter.test(self.per_account, "account", identifier)
                and self._limiter.test(self.per_address, "address", address))

    def failed(self, identifier: str, address: str) -> None:
        self._limiter.hit(self.per_account, "account", identifier)
        self._limiter.hit(self.per_address, "address", address)

    def succeeded(self, identifier: str) -> None:
        self._limiter.clear(self.per_account, "account", identifier)

    def retry_after_seconds(self, identifier: str, address: str) -> int:
        stats = [self._limiter.get_window_stats(self.per_account, "account", identifier),
                 self._limiter.get_window_stats(self.per_address, "address", address)]
        import time

        return max(0, int(max(s.reset_time for s in stats) - time.time()))


@cache
def login_limits(settings: PortalSettings) -> LoginLimits:
    return LoginLimits(settings)
