"""The voting service's own metrics: the votes recorded per category, and how the group commit
behaves under load."""

from collections import Counter as Tally
from collections.abc import Iterable

from prometheus_client import Counter, Histogram

VOTE_BATCH_SIZE = Histogram(
    "wsis_vote_batch_votes", "Votes written per INSERT and commit (group commit)", ["service"],
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024),
)
VOTE_BATCH_SECONDS = Histogram(
    "wsis_vote_batch_seconds", "Time to write and commit one batch of votes", ["service"],
    buckets=(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1),
)
VOTES = Counter(
    "wsis_votes_total", "Votes recorded (committed first votes), per category", ["service", "category"],
)
_per_category: dict[str, object] = {}  # the labelled children, looked up once per category


def count_votes(categories: Iterable[str]) -> None:
    """Counted in memory after the batch committed: the dashboards' votes per second and per
    category cost no query."""
    for category, votes in Tally(categories).items():
        child = _per_category.get(category)
        if child is None:
            child = _per_category[category] = VOTES.labels("voting", category)
        child.inc(votes)  # type: ignore[attr-defined]
