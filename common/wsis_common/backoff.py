"""Capped exponential backoff with full jitter, for reconnecting to the broker or database."""

from __future__ import annotations

import random


class Backoff:
    def __init__(self, *, base: float = 0.2, cap: float = 30.0) -> None:
        self.base = base
        self.cap = cap
        self.failures = 0

    def next_delay(self) -> float:
        self.failures += 1
        ceiling = min(self.cap, self.base * 2 ** min(self.failures, 16))
        return random.uniform(ceiling / 2, ceiling)

    def reset(self) -> None:
        self.failures = 0
