"""What the shared runtime needs to know about this service."""

from __future__ import annotations

from pathlib import Path

from notify import models
from notify.events import handlers
from notify.jobs import jobs
from wsis_common.definition import ServiceDefinition

definition = ServiceDefinition(
    name="notify",
    package="notify",
    title="WSIS Prizes: notify service",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
    revocations=models.revocations,
    handlers=handlers,
    jobs=jobs,
)
