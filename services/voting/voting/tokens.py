"""A cheap token check for the vote's hot path: a verified token is remembered (per process)
until it expires, so a stakeholder voting in several categories with one token pays for one
Ed25519 check. The key is the whole token, signature included: only the very same bytes hit.
What is remembered is the signature's verdict only: `authenticate()` asks the revocations
(wsis_common.revocations) after this, on every request, so a token that a password change
ended is refused here too within the revocations' refresh bound."""

from __future__ import annotations

import base64
import json
import threading

from wsis_common.auth import Principal, TokenVerifier
from wsis_common.clock import clock

_LEEWAY_SECONDS = 5  # as TokenVerifier: a token is refused once exp < now - 5 s


class CachedVerifier:
    def __init__(self, inner: TokenVerifier, *, max_entries: int = 200_000) -> None:
        self.inner = inner
        self.max_entries = max_entries
        self._verified: dict[str, tuple[Principal, float]] = {}
        self._lock = threading.Lock()

    def verify(self, token: str) -> Principal:
        hit = self._verified.get(token)
        if hit is not None and hit[1] >= clock.now().timestamp() - _LEEWAY_SECONDS:
            return hit[0]
        principal = self.inner.verify(token)  # raises InvalidToken, expired ones included
        payload = token.split(".")[1]
        expires = float(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["exp"])
        with self._lock:
            if len(self._verified) >= self.max_entries:
                self._verified.clear()  # simplest bound; tokens live 15 minutes anyway
            self._verified[token] = (principal, expires)
        return principal
