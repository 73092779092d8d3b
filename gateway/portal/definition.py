"""What the shared runtime needs to know about the gateway app."""

from pathlib import Path

from portal import models
from portal.accounts.commands import create_admin
from wsis_common.definition import ServiceDefinition


def handlers(_ctx):
    return {"edition.updated": models.editions.store}


definition = ServiceDefinition(
    name="gateway",
    package="portal",
    title="WSIS Prizes: gateway (accounts, tokens, pages)",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
    handlers=handlers,
    commands={"create-admin": ("create an admin account (the first one)", create_admin)},
)
