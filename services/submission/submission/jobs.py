"""The worker's time-based transitions: none. Nothing in phase 1 happens at a date by itself:
the submission window is judged at each request against the edition's dates (the shared
clock), and everything else this service changes is caused by a request or an event."""

from __future__ import annotations

from collections.abc import Iterable

from wsis_common.context import ServiceContext
from wsis_common.worker import PeriodicJob


def jobs(_ctx: ServiceContext) -> Iterable[PeriodicJob]:
    return ()
