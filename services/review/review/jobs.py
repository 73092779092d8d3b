"""The worker's time-based transitions: the nominee lists at their publication date, the
winners at the ceremony."""

from __future__ import annotations

from collections.abc import Iterable

from review.service.publishing import announce_winners, publish_nominees
from wsis_common.context import ServiceContext
from wsis_common.worker import PeriodicJob


def jobs(_ctx: ServiceContext) -> Iterable[PeriodicJob]:
    return (
        PeriodicJob("nominees.published", publish_nominees),
        PeriodicJob("winners.announced", announce_winners),
    )
