"""The voting service's own metrics: how the group commit behaves under load."""

from prometheus_client import Histogram

VOTE_BATCH_SIZE = Histogram(
    "wsis_vote_batch_votes", "Votes written per INSERT and commit (group commit)", ["service"],
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024),
)
VOTE_BATCH_SECONDS = Histogram(
    "wsis_vote_batch_seconds", "Time to write and commit one batch of votes", ["service"],
    buckets=(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1),
)
