"""What the shared runtime needs to know about this service."""

from pathlib import Path

from voting import models
from wsis_common.definition import ServiceDefinition


def handlers(_ctx):
    return {"edition.updated": models.editions.store}


definition = ServiceDefinition(
    name="voting",
    package="voting",
    title="WSIS Prizes: voting service",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
    handlers=handlers,
)
