"""Inbound events -> use cases; each handler runs inside the consumer's transaction, with the inbox."""

from __future__ import annotations

from collections.abc import Mapping

from review import models
from review.service.editions import on_edition_updated
from review.service.intake import on_submission_accepted, on_submission_withdrawn
from review.service.selection import on_voting_closed
from wsis_common import contracts
from wsis_common.consumer import Handler
from wsis_common.context import ServiceContext


def handlers(_ctx: ServiceContext) -> Mapping[str, Handler]:
    return {
        contracts.EDITION_UPDATED: on_edition_updated,
        contracts.SUBMISSION_ACCEPTED: on_submission_accepted,
        contracts.SUBMISSION_WITHDRAWN: on_submission_withdrawn,
        contracts.VOTING_CLOSED: on_voting_closed,
        contracts.ACCOUNT_CREDENTIALS_CHANGED: models.revocations.store,
    }
