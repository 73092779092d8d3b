"""What the shared runtime needs to know about the gateway app."""

from pathlib import Path

from portal import models
from portal.service.commands import create_admin
from wsis_common import contracts
from wsis_common.definition import ServiceDefinition


def handlers(_ctx):
    return {contracts.EDITION_UPDATED: models.editions.store,
            # The gateway writes its own changes in their transaction (service/credentials.py);
            # the event, bound here as at every service, then changes nothing (newest kept).
            contracts.ACCOUNT_CREDENTIALS_CHANGED: models.revocations.store}


definition = ServiceDefinition(
    name="gateway",
    package="portal",
    title="WSIS Prizes: gateway (accounts, tokens, pages)",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
    revocations=models.revocations,
    handlers=handlers,
    commands={"create-admin": ("create an admin account (the first one)", create_admin)},
)
