"""The rules of the public vote (phase 3), in plain Python: no Flask, no SQLAlchemy.

Who may vote and when, what a ballot accepts, the end of each voting week, the ranking and
the finalists at the close with the tie rule (README "Voting")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from wsis_common import phases
from wsis_common.clock import in_geneva


@dataclass(frozen=True)
class Window(phases.Window):
    """The edition's vote (the shared phase window, `voting_opens` to `voting_closes`) and
    how many finalists it makes per category."""

    opens: datetime
    closes: datetime
    finalists: int  # N: the top N per category become finalists

    @classmethod
    def of(cls, edition: Mapping) -> Window:
        vote = phases.Schedule.of_edition(edition).window("voting")
        if vote.opens is None or vote.closes is None:
            raise KeyError("the edition has no voting_opens or voting_closes")
        parameters = edition.get("parameters") or {}
        return cls(vote.opens, vote.closes,
                   finalists=int(parameters.get("finalists_per_category") or 0))

    def refusal(self, now: datetime) -> str | None:
        """Why a vote at `now` is refused, or None while the vote is open."""
        if self.not_yet(now):
            return f"The vote opens on {_geneva(self.opens)}; it is not open yet."
        if self.is_over(now):
            return f"The vote closed on {_geneva(self.closes)}; no vote is taken after the deadline."
        return None


def _geneva(instant: datetime) -> str:
    return in_geneva(instant).strftime("%d %B %Y at %H:%M:%S Geneva time")


PROFILE_INCOMPLETE = (
    "Only stakeholders whose profile is complete may vote: add your organisation's name, type "
    "and country (and your user name and e-mail) to your profile, then log in again."
)


def ballot_errors(ballot: Mapping[str, Iterable[str]], category: str, nominee: str) -> dict[str, list[str]]:
    """Every reason why (category, nominee) is not a choice on this ballot, by field."""
    if category not in ballot:
        return {"category": [f"{category!r} has no nominees on this ballot."]}
    if nominee not in ballot[category]:
        return {"nominee": [f"{nominee!r} is not a nominee of category {category}."]}
    return {}


# -- voting weeks ----------------------------------------------------------------------------

def week_end(opens: datetime, week: int) -> datetime:
    """The end of voting week `week` (1 = the first): the opening's Geneva wall-clock time,
    7 * week days later (so a week spanning a DST change is 167 or 169 hours long)."""
    return (in_geneva(opens) + timedelta(days=7 * week)).astimezone(UTC)


def weeks_due(window: Window, now: datetime) -> list[tuple[int, datetime]]:
    """The weeks that have ended by `now`, each with its end; a week ending after the close
    is not a voting week (the close reports the final figures)."""
    due, week = [], 1
    while True:
        end = week_end(window.opens, week)
        if end > window.closes or end > now:
            return due
        due.append((week, end))
        week += 1


# -- ranking and finalists -------------------------------------------------------------------

@dataclass(frozen=True)
class Tally:
    """One nominee's count; `reached_at` is when its last counted vote was cast (None: no
    votes), `position` its place on the published ballot."""

    nominee: str
    votes: int
    reached_at: datetime | None
    position: int


def ranked(tallies: Iterable[Tally]) -> list[tuple[Tally, int]]:
    """Most votes first, each with its rank; equal votes share a rank (1, 2, 2, 4)."""
    ordered = sorted(tallies, key=_tie_order)
    result, rank = [], 0
    for index, tally in enumerate(ordered):
        if index == 0 or tally.votes != ordered[index - 1].votes:
            rank = index + 1
        result.append((tally, rank))
    return result


def _tie_order(tally: Tally) -> tuple:
    # More votes first; among equals, whoever reached that count first; nominees without a
    # vote (or reaching it at the very same instant) keep the ballot's order.
    reached = tally.reached_at.timestamp() if tally.reached_at else float("inf")
    return (-tally.votes, reached, tally.position)


@dataclass(frozen=True)
class Finalists:
    chosen: list[tuple[Tally, int]]
    tie_at_cut: bool
    tie_break: str | None


def finalists(tallies: Sequence[Tally], n: int) -> Finalists:
    """The top `n` by votes. A tie at the cut (the n-th and the (n+1)-th have equal votes) is
    decided for whoever reached that count first; the event says so in words."""
    standings = ranked(tallies)
    chosen = standings[:n]
    if len(standings) <= n or n == 0 or standings[n - 1][0].votes != standings[n][0].votes:
        return Finalists(chosen, False, None)
    votes = standings[n - 1][0].votes
    tied = [t for t, _ in standings if t.votes == votes]
    kept = [t.nominee for t, _ in chosen if t.votes == votes]
    left = [t.nominee for t in tied if t.nominee not in kept]
    if votes == 0:
        how = "nobody voted for them, so the published ballot's order decided"
    else:
        how = f"those who reached {votes} votes first are finalists (the earliest last vote wins)"
    detail = (f"{len(tied)} nominees had {votes} votes at place {n}: {how}; "
              f"kept {', '.join(kept)}; not kept {', '.join(left)}.")
    return Finalists(chosen, True, detail)


# -- suspicious voting -----------------------------------------------------------------------

@dataclass(frozen=True)
class Burst:
    """At least `votes` votes for one nominee, sharing one trait, within `first`..`last`."""

    category: str
    nominee: str
    trait: str  # "address", "email_domain", "organisation", "country"
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
