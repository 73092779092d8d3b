"""Inbound events: each handler runs inside the consumer's transaction, with the inbox."""

from __future__ import annotations

from collections.abc import Mapping

from voting import models
from voting.models import ballot
from wsis_common.consumer import Handler
from wsis_common.context import ServiceContext
from wsis_common.contracts import ACCOUNT_CREDENTIALS_CHANGED, EDITION_UPDATED, NOMINEES_PUBLISHED


def handlers(_ctx: ServiceContext) -> Mapping[str, Handler]:
    return {
        EDITION_UPDATED: models.editions.store,
        NOMINEES_PUBLISHED: ballot.store,
        ACCOUNT_CREDENTIALS_CHANGED: models.revocations.store,
    }
