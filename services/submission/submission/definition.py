"""What the shared runtime needs to know about this service."""

from pathlib import Path

from submission import models
from wsis_common.definition import ServiceDefinition

definition = ServiceDefinition(
    name="submission",
    package="submission",
    title="WSIS Prizes: submission service",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
)
