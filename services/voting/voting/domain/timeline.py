"""Votes over time, for the WSIS team's live page: the buckets (a Geneva hour or day) that hold
votes, each with its count per category, 0 where a category had none, so that each category's
line is continuous and a surge shows as a peak on it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from wsis_common.clock import GENEVA

BUCKETS = ("hour", "day")


def truncate(instant: datetime, bucket: str) -> datetime:
    """The first instant of the Geneva hour or day that holds `instant`."""
    local = instant.astimezone(GENEVA).replace(minute=0, second=0, microsecond=0)
    if bucket == "day":
        local = local.replace(hour=0)
    return local


def per_bucket(counted: Iterable[tuple[str, datetime, int]],
               categories: Iterable[str]) -> list[tuple[datetime, dict[str, int]]]:
    """Every bucket of `counted` (category, bucket start, votes), oldest first, with its votes
    per category: every one of `categories`, 0 where it had none."""
    every = list(categories)
    found: dict[datetime, dict[str, int]] = defaultdict(lambda: dict.fromkeys(every, 0))
    for category, start, votes in counted:
        found[start][category] = found[start].get(category, 0) + votes
    return sorted(found.items())
