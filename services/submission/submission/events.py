"""Inbound events -> use cases. The shared consumer calls each handler inside the
transaction that also records the event in the inbox."""

from __future__ import annotations

from collections.abc import Mapping

from submission import models
from submission.service.report import on_nominees_published
from submission.service.winners import on_winners_announced
from wsis_common import contracts
from wsis_common.consumer import Handler
from wsis_common.context import ServiceContext


def handlers(_ctx: ServiceContext) -> Mapping[str, Handler]:
    return {
        contracts.WINNERS_ANNOUNCED: on_winners_announced,
        contracts.NOMINEES_PUBLISHED: on_nominees_published,
        contracts.ACCOUNT_CREDENTIALS_CHANGED: models.revocations.store,
    }
