"""What the shared runtime needs to know about this service."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

from prometheus_client import REGISTRY

from notify import events, models
from notify.config import MailSettings
from notify.service.sending import MailSender, pending_gauge
from wsis_common.context import ServiceContext
from wsis_common.definition import ServiceDefinition
from wsis_common.worker import PeriodicJob


def jobs(ctx: ServiceContext, mail: MailSettings | None = None) -> Iterable[PeriodicJob]:
    # The worker's /metrics renders the default registry: the pending-mail count shows there.
    with contextlib.suppress(ValueError):  # registered already (a second worker in one process: tests)
        REGISTRY.register(pending_gauge(ctx))
    return [MailSender(ctx.db, mail or MailSettings.from_env(), service=ctx.settings.service).job()]


definition = ServiceDefinition(
    name="notify",
    package="notify",
    title="WSIS Prizes: notify service",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
    revocations=models.revocations,
    handlers=events.handlers,
    jobs=jobs,
)
