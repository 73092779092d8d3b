"""What the shared runtime needs to know about this service."""

from pathlib import Path

from submission import models
from submission.events import handlers
from submission.jobs import jobs
from submission.service.seed import seed
from wsis_common.definition import ServiceDefinition

definition = ServiceDefinition(
    name="submission",
    package="submission",
    title="WSIS Prizes: submission service",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
    revocations=models.revocations,
    handlers=handlers,
    jobs=jobs,
    commands={"seed": ("load the 2018 and 2023 editions shipped with the service", seed)},
)
