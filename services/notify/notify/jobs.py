"""The worker's periodic jobs: the sender loop (service/sending.py), which hands the written
mails to the SMTP server off the consumer's path, so that a slow server never holds up events.
The worker's /metrics shows the pending-mail count beside it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from prometheus_client import REGISTRY

from notify.config import MailSettings
from notify.service.sending import MailSender, pending_gauge
from wsis_common.context import ServiceContext
from wsis_common.worker import PeriodicJob


def jobs(ctx: ServiceContext, mail: MailSettings | None = None) -> Iterable[PeriodicJob]:
    # The worker's /metrics renders the default registry: the pending-mail count shows there.
    with contextlib.suppress(ValueError):  # registered already (a second worker in one process: tests)
        REGISTRY.register(pending_gauge(ctx))
    return [MailSender(ctx.db, mail or MailSettings.from_env(), service=ctx.settings.service).job()]
