"""What each page needs to know about its visitor, kept a few seconds in this process.

Every page looked its visitor's account up in the gateway's database and signed a new service
token (another read, and an RSA signature) on every request: 2 of a page vote's ~4
transactions. The account is kept ACCOUNT_CACHE_SECONDS (default 5) per process, so a change
made elsewhere (a role granted in another process or pod) shows within that bound; a change
made through this process's own use cases (`forget`) shows at once. A service token is reused
while less than half its lifetime has passed and the account reads the same (roles,
profile, e-mail): a changed account gets a new token with its next page.

Pages of one visitor that arrive together (a voter's votes in quick succession, a page and its
form's POST) all missed an empty entry and each read the account: `load` lets the first read
it and the others wait for that read (per process; ACCOUNT_CACHE_SINGLE_FLIGHT=0 turns it off,
`make bench-pages` compares)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from portal import config

_MAX_ENTRIES = 50_000  # about 1 kB each: a bounded share of the worker's memory
_LOAD_WAIT_SECONDS = 10.0  # a read that takes longer: the waiting pages read for themselves


class TimedCache:
    """key -> value for `seconds`; the oldest entries go first when full. One per process:
    gevent's greenlets switch only on I/O, so the dict operations need no lock."""

    def __init__(self, seconds: float, max_entries: int = _MAX_ENTRIES) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self._entries: OrderedDict[Any, tuple[float, Any]] = OrderedDict()
        self._loading: dict[Any, threading.Event] = {}  # threading's Event is gevent's when patched
        self.single_flight = config.account_cache_single_flight()

    def get(self, key: Any) -> Any | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[0] <= time.monotonic():
            self._entries.pop(key, None)
            return None
        return entry[1]

    def put(self, key: Any, value: Any, seconds: float | None = None) -> None:
        if self.seconds <= 0:
            return
        self._entries.pop(key, None)
        self._entries[key] = (time.monotonic() + (self.seconds if seconds is None else seconds), value)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def load(self, key: Any, read: Callable[[], Any]) -> Any:
        """The entry, else `read()` kept: one read at a time per key, the others waiting for it."""
        value = self.get(key)
        if value is not None:
            return value
        if self.seconds <= 0 or not self.single_flight:
            value = read()
            self.put(key, value)
            return value
        pending = self._loading.get(key)
        if pending is not None:
            pending.wait(_LOAD_WAIT_SECONDS)
            value = self.get(key)
            return value if value is not None else read()  # its read failed: ours may not
        done = self._loading[key] = threading.Event()
        try:
            value = read()
            self.put(key, value)
            return value
        finally:
            self._loading.pop(key, None)
            done.set()

    def forget(self, key: Any) -> None:
        self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()


accounts = TimedCache(config.account_cache_seconds())
tokens = TimedCache(3600.0 if accounts.seconds > 0 else 0.0)  # each entry: half its token's lifetime


def token_key(document: dict[str, Any]) -> tuple[Any, ...]:
    """What a token says about its account: a new token as soon as any of it changes."""
    organisation = document.get("organisation") or {}
    return (document["id"], tuple(document.get("roles", [])), document.get("profile_complete"),
            document.get("email"), document.get("user_name"), document.get("email_verified"),
            organisation.get("name"), organisation.get("type"), organisation.get("country"),
            document.get("credentials_version"))


def forget(account_id: str) -> None:
    """This process changed the account: its next page reads it anew."""
    accounts.forget(account_id)
