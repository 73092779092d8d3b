"""The vote as it happens, for the WSIS team's console: the voting service's answers (live
counts, votes over time, the suspicious-voting report with its bursts and its votes from new
accounts) turned into the rows of the pages' tables and the series of their charts. Plain data
in, plain data out: the page, its JSON route and the tests read the same figures, so the chart
and its text alternative never differ."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

TRAITS = ("address", "email_domain", "organisation", "country")
LONGEST_WINDOW_MINUTES = 24 * 60
LONGEST_NEW_ACCOUNT_HOURS = 30 * 24  # the voting service's bound of `new_account_hours`


@dataclass(frozen=True)
class NomineeRow:
    nominee: str
    title: str
    votes: int
    rank: int
    share: float  # percent of the category's votes, one decimal


@dataclass(frozen=True)
class CategoryCount:
    category: str
    votes: int
    nominees: list[NomineeRow]


def category_counts(counts: dict[str, Any]) -> list[CategoryCount]:
    """Each category with its nominees in rank order and each one's share of the votes."""
    found = []
    for category in sorted(counts.get("categories", []), key=lambda c: c["category"]):
        total = int(category.get("votes") or 0)
        rows = [NomineeRow(n["nominee"], n.get("title") or n["nominee"], int(n["votes"]), int(n["rank"]),
                           round(100 * int(n["votes"]) / total, 1) if total else 0.0)
                for n in category.get("nominees", [])]
        rows.sort(key=lambda r: (r.rank, r.title))
        found.append(CategoryCount(category["category"], total, rows))
    return found


@dataclass(frozen=True)
class Timeline:
    starts: list[str]  # each bucket's first instant (ISO, Geneva offset), oldest first
    series: dict[str, list[int]]  # per category, one count per bucket
    peak: tuple[str, str, int] | None  # the busiest (category, bucket start, votes)


def timeline(document: dict[str, Any]) -> Timeline:
    categories = list(document.get("categories", []))
    buckets = document.get("buckets", [])
    starts = [b["start"] for b in buckets]
    series = {c: [int(b["counts"].get(c, 0)) for b in buckets] for c in categories}
    every = ((c, start, n) for c, values in series.items() for start, n in zip(starts, values, strict=True))
    peak = max(every, key=lambda found: found[2], default=None)
    return Timeline(starts, series, peak if peak and peak[2] else None)


@dataclass(frozen=True)
class Burst:
    category: str
    nominee: str
    title: str
    trait: str
    value: str
    votes: int
    first: str
    last: str
    minutes: float  # from the burst's first vote to its last
    per_minute: float


def bursts(report: dict[str, Any]) -> list[Burst]:
    """The report's bursts, largest first, with how long each lasted and its pace."""
    found = []
    for b in report.get("bursts", []):
        lasted = datetime.fromisoformat(b["last"]) - datetime.fromisoformat(b["first"])
        minutes = lasted.total_seconds() / 60
        votes = int(b["votes"])
        found.append(Burst(b["category"], b["nominee"], b.get("title") or b["nominee"], b["trait"],
                           str(b["value"]), votes, b["first"], b["last"], round(minutes, 1),
                           round(votes / max(minutes, 1.0), 1)))
    return found


@dataclass(frozen=True)
class NewAccountRow:
    """A nominee with votes from new accounts; shares in percent, one decimal (None: unknown)."""

    category: str
    nominee: str
    title: str
    votes: int
    known: int
    new: int
    share: float | None
    rest_share: float | None  # among the other nominees of the category together
    flagged: bool


@dataclass(frozen=True)
class NewAccounts:
    window_hours: int
    ratio: float
    least_votes: int
    rows: list[NewAccountRow]  # flagged first, then most new-account votes


def new_accounts(report: dict[str, Any]) -> NewAccounts | None:
    """The report's votes from new accounts: the nominees that have any; None when the service
    did not send the evidence."""
    found = report.get("new_accounts")
    if not isinstance(found, dict):
        return None
    rows = [NewAccountRow(c["category"], n["nominee"], n.get("title") or n["nominee"], int(n["votes"]),
                          int(n["known"]), int(n["new"]), _percent(n.get("share")),
                          _percent(n.get("rest_share")), bool(n.get("flagged")))
            for c in found.get("categories", []) for n in c.get("nominees", []) if int(n["new"])]
    rows.sort(key=lambda r: (not r.flagged, -r.new, r.category, r.title))
    return NewAccounts(int(found["window_hours"]), float(found["ratio"]), int(found["least_votes"]), rows)


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * float(share), 1)


@dataclass(frozen=True)
class ReportQuery:
    window_minutes: int = 10
    threshold: int = 20
    traits: tuple[str, ...] = TRAITS
    new_account_hours: int | None = None  # None: the voting service's default


def read_query(args: dict[str, str], traits: list[str]) -> tuple[ReportQuery, dict[str, str]]:
    """The report's settings from the form; problems as keys by field: "window", "threshold",
    "traits", "new_account_hours" (the page says them in words). Unread fields keep the
    service's defaults."""
    problems: dict[str, str] = {}
    default = ReportQuery()
    window = _whole(args.get("window_minutes"), default.window_minutes)
    if window is None or not 1 <= window <= LONGEST_WINDOW_MINUTES:
        problems["window_minutes"] = "window"
    threshold = _whole(args.get("threshold"), default.threshold)
    if threshold is None or threshold < 2:
        problems["threshold"] = "threshold"
    chosen = tuple(t for t in TRAITS if t in traits) if traits else default.traits
    if not chosen or len(chosen) != len(set(traits or TRAITS)):
        problems["traits"] = "traits"
    hours = None  # left empty: the service's default
    if (args.get("new_account_hours") or "").strip():
        hours = _whole(args["new_account_hours"], 0)
        if hours is None or not 1 <= hours <= LONGEST_NEW_ACCOUNT_HOURS:
            problems["new_account_hours"] = "new_account_hours"
            hours = None
    return ReportQuery(window or default.window_minutes, threshold or default.threshold,
                       chosen or default.traits, hours), problems


def _whole(text: str | None, default: int) -> int | None:
    if text is None or not text.strip():
        return default
    try:
        return int(text.strip())
    except ValueError:
        return None
