"""What the shared runtime needs to know about this service."""

from pathlib import Path

from voting import models
from voting.events import handlers
from voting.jobs import jobs
from wsis_common.definition import ServiceDefinition

definition = ServiceDefinition(
    name="voting",
    package="voting",
    title="WSIS Prizes: voting service",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
    revocations=models.revocations,
    handlers=handlers,
    jobs=jobs,
)
