"""What the shared runtime needs to know about the gateway app."""

from pathlib import Path

from portal import models
from portal.events import handlers
from portal.jobs import jobs
from portal.service.commands import create_admin
from wsis_common.definition import ServiceDefinition

definition = ServiceDefinition(
    name="gateway",
    package="portal",
    title="WSIS Prizes: gateway (accounts, tokens, pages)",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
    revocations=models.revocations,
    handlers=handlers,
    jobs=jobs,
    commands={"create-admin": ("create an admin account (the first one)", create_admin)},
)
