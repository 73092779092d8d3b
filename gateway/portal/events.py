"""Inbound events -> the gateway's copies; each handler runs inside the consumer's transaction,
with the inbox. The editions' dates the pages show, and the revocations of API tokens.

The gateway writes its own credentials changes in their transaction (service/credentials.py);
the event, bound here as at every service, then changes nothing (the newest is kept)."""

from __future__ import annotations

from collections.abc import Mapping

from portal import models
from wsis_common import contracts
from wsis_common.consumer import Handler
from wsis_common.context import ServiceContext


def handlers(_ctx: ServiceContext) -> Mapping[str, Handler]:
    return {
        contracts.EDITION_UPDATED: models.editions.store,
        contracts.ACCOUNT_CREDENTIALS_CHANGED: models.revocations.store,
    }
