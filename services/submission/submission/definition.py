"""What the shared runtime needs to know about this service."""

from pathlib import Path

from submission import models
from submission.service.report import on_nominees_published
from submission.service.seed import seed
from submission.service.winners import on_winners_announced
from wsis_common import contracts
from wsis_common.definition import ServiceDefinition


def handlers(_ctx):
    return {
        contracts.WINNERS_ANNOUNCED: on_winners_announced,
        contracts.NOMINEES_PUBLISHED: on_nominees_published,
        contracts.ACCOUNT_CREDENTIALS_CHANGED: models.revocations.store,
    }


definition = ServiceDefinition(
    name="submission",
    package="submission",
    title="WSIS Prizes: submission service",
    migrations_dir=Path(__file__).parent / "migrations",
    metadata=models.Base.metadata,
    tables=models.messages,
    revocations=models.revocations,
    handlers=handlers,
    commands={"seed": ("load the 2018 and 2023 editions shipped with the service", seed)},
)
