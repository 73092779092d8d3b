"""Votes over time, for the WSIS team's live page: how many votes each category received per
hour or per day (Geneva time), so that a surge shows as a peak on one category's line. The
count is one aggregate query (voting.models.timeline says how fast)."""

from __future__ import annotations

from typing import Any

from voting.domain.timeline import BUCKETS, per_bucket
from voting.models.timeline import counted
from voting.service.ballot import ballot_of
from wsis_common.clock import GENEVA, clock
from wsis_common.context import ServiceContext


def timeline(ctx: ServiceContext, year: int, *, bucket: str) -> dict[str, Any]:
    """Every bucket that holds a vote, oldest first, with its count per category (0 where a
    category had none, so that each line is continuous)."""
    assert bucket in BUCKETS
    with ctx.db.sessions() as session:
        ballot = ballot_of(session, year)
        rows = counted(session, ctx.db.is_postgres, year, bucket)
    categories = sorted(ballot.categories)
    return {
        "year": year, "bucket": bucket, "time_zone": str(GENEVA), "as_of": clock.now().isoformat(),
        "categories": categories,
        "buckets": [{"start": start.astimezone(GENEVA).isoformat(), "counts": counts}
                    for start, counts in per_bucket(rows, categories)],
    }
