"""What the shared runtime needs to know about this service."""

from pathlib import Path

from notify import models
from wsis_common.definition import ServiceDefinition


def handlers(_ctx):
    return {"edition.updated": models.editions.store}


definition = ServiceDefinition(
    name="notify",
    package="notify",
    title="WSIS Prizes: notify service",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
    handlers=handlers,
)
