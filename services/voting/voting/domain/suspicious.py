"""The rules of the WSIS team's report of suspicious voting: bursts of votes for one nominee
sharing a trait within a short window, and the share of votes from new accounts per nominee,
flagged where it is far above the rest of its category's. Leads for the team, not verdicts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

# What votes may share to make a burst: the client address nginx saw, and from the voter's token
# the e-mail domain, the organisation (its name, in any case) and its country.
TRAITS = ("address", "email_domain", "organisation", "country")


@dataclass(frozen=True)
class Burst:
    """At least `votes` votes for one nominee, sharing one trait, within `first`..`last`."""

    category: str
    nominee: str
    trait: str  # one of TRAITS
    value: str
    votes: int
    first: datetime
    last: datetime


def bursts(
    rows: Iterable[tuple[str, str, str, datetime]],
    *,
    trait: str,
    window: timedelta,
    threshold: int,
) -> list[Burst]:
    """Runs of at least `threshold` votes within `window` for one nominee sharing one trait
    value; overlapping runs merge into one burst. `rows` are (category, nominee, value,
    cast_at), ordered by the first three, then by time. Largest bursts first."""
    found: list[Burst] = []
    key: tuple[str, str, str] | None = None
    times: list[datetime] = []
    for category, nominee, value, cast_at in [*rows, ("", "", "", None)]:  # flushes the last
        if cast_at is not None and (category, nominee, value) == key:
            times.append(cast_at)
            continue
        if key is not None:
            found += [Burst(key[0], key[1], trait, key[2], last - first + 1, times[first], times[last])
                      for first, last in _runs(times, window, threshold)]
        if cast_at is None:
            break
        key, times = (category, nominee, value), [cast_at]
    return sorted(found, key=lambda b: (-b.votes, b.first))


def _runs(times: Sequence[datetime], window: timedelta, threshold: int) -> list[tuple[int, int]]:
    """Index ranges (inclusive) of merged sliding windows holding >= threshold votes."""
    runs: list[tuple[int, int]] = []
    start = 0
    for end in range(len(times)):
        while times[end] - times[start] > window:
            start += 1
        if end - start + 1 >= threshold:
            if runs and start <= runs[-1][1]:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
    return runs


# -- new accounts ----------------------------------------------------------------------------

# How young an account may be when it votes to count as new: sock puppets are made just before
# they are used. The report's default (`new_account_hours`); the team may ask for another.
NEW_ACCOUNT_WINDOW = timedelta(hours=48)


@dataclass(frozen=True)
class NewAccountRule:
    """When a vote is from a new account, and when a nominee's share of such votes stands out.

    A vote is from a new account when the account was created at most `window` before the vote
    (or after it: a clock a little off is no reason to miss one). A nominee is flagged when

    - at least `least_votes` of its votes are from new accounts (one or two are no pattern), and
    - its share of new-account votes is at least `ratio` times the share among the other
      nominees of its category taken together (the rest of the category: compared with the
      whole category, a nominee holding most of its votes would be compared with itself).

    Shares count only the votes whose account age is known (tokens signed before they said when
    the account was created leave it unknown). A nominee whose category has no other vote of a
    known age has nothing to be compared with and is not flagged; its share is still shown."""

    window: timedelta = NEW_ACCOUNT_WINDOW
    ratio: float = 2.0
    least_votes: int = 5


@dataclass(frozen=True)
class NewAccountCount:
    """One nominee's votes: all of them, those whose account age is known, those from new accounts."""

    category: str
    nominee: str
    votes: int
    known: int
    new: int
    share: float | None  # new / known; None when no vote's age is known
    rest_share: float | None  # the same for the rest of the category; None: nothing to compare
    flagged: bool


@dataclass(frozen=True)
class NewAccountCategory:
    """A category's votes (all, of a known account age, from new accounts) and its nominees'."""

    category: str
    votes: int
    known: int
    new: int
    share: float | None
    nominees: list[NewAccountCount]


def new_account_counts(rows: Iterable[tuple[str, str, datetime, datetime | None]],
                       rule: NewAccountRule) -> list[NewAccountCategory]:
    """Each category with votes, and in it each nominee with votes (most new-account votes
    first), from `rows` of (category, nominee, cast_at, account_created_at or None), in any order."""
    counts: dict[str, dict[str, list[int]]] = {}  # category -> nominee -> [votes, known, new]
    for category, nominee, cast_at, created_at in rows:
        count = counts.setdefault(category, {}).setdefault(nominee, [0, 0, 0])
        count[0] += 1
        if created_at is not None:
            count[1] += 1
            count[2] += cast_at - created_at <= rule.window
    found = []
    for category, nominees in sorted(counts.items()):
        votes, known, new = (sum(column) for column in zip(*nominees.values(), strict=True))
        each = sorted((_nominee(category, nominee, count, known, new, rule)
                       for nominee, count in nominees.items()), key=lambda n: (-n.new, -n.votes, n.nominee))
        found.append(NewAccountCategory(category, votes, known, new, _share(new, known), each))
    return found


def _nominee(category: str, nominee: str, count: list[int], category_known: int, category_new: int,
             rule: NewAccountRule) -> NewAccountCount:
    votes, known, new = count
    share = _share(new, known)
    rest_share = _share(category_new - new, category_known - known)
    flagged = (share is not None and rest_share is not None and new >= rule.least_votes
               and share >= rule.ratio * rest_share)
    return NewAccountCount(category, nominee, votes, known, new, share, rest_share, flagged)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
