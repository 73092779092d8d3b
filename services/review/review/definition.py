"""What the shared runtime needs to know about this service."""

from pathlib import Path

from review import models
from review.events import handlers
from review.jobs import jobs
from wsis_common.definition import ServiceDefinition

definition = ServiceDefinition(
    name="review",
    package="review",
    title="WSIS Prizes: review service",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
    revocations=models.revocations,
    handlers=handlers,
    jobs=jobs,
)
