"""The gateway app's periodic jobs: none. Nothing of its own changes with time (an edition's
phases are the other services' jobs; a limit's window or a link's expiry is judged when it is
used), so its worker runs the consumer and the outbox relay only."""

from __future__ import annotations

from collections.abc import Iterable

from wsis_common.context import ServiceContext
from wsis_common.worker import PeriodicJob


def jobs(_ctx: ServiceContext) -> Iterable[PeriodicJob]:
    return ()
