"""The worker's time-based transitions: the end of each voting week and the close."""

from __future__ import annotations

from collections.abc import Iterable

from voting.config import VotingSettings
from voting.service import tallies
from wsis_common.context import ServiceContext
from wsis_common.worker import PeriodicJob


def jobs(_ctx: ServiceContext) -> Iterable[PeriodicJob]:
    settle = VotingSettings.from_env().settle
    # Progress first: every week ends no later than the close, so its figures go out first.
    return (
        PeriodicJob("voting.progress", lambda ctx: tallies.publish_progress(ctx, settle=settle)),
        PeriodicJob("voting.closed", lambda ctx: tallies.publish_close(ctx, settle=settle)),
    )
