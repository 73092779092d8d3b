"""Inbound events -> use cases. The shared consumer calls each handler inside the
transaction that also records the event in the inbox."""

from __future__ import annotations

from collections.abc import Mapping

from notify import models
from notify.config import MailSettings
from notify.service.mailroom import Mailroom
from wsis_common import contracts
from wsis_common.consumer import Handler
from wsis_common.context import ServiceContext


def handlers(_ctx: ServiceContext, mail: MailSettings | None = None) -> Mapping[str, Handler]:
    room = Mailroom(mail or MailSettings.from_env())
    return {
        contracts.EDITION_UPDATED: models.editions.store,
        contracts.STAKEHOLDER_REGISTERED: room.stakeholder_registered,
        contracts.ACCOUNT_UPDATED: room.account_updated,
        contracts.PASSWORD_RESET_REQUESTED: room.password_reset_requested,
        contracts.ACCOUNT_REGISTRATION_ATTEMPTED: room.registration_attempted,
        contracts.SUBMISSION_ACCEPTED: room.submission_accepted,
        contracts.REVIEW_OUTCOME: room.review_outcome,
        contracts.VOTING_PROGRESS: room.voting_progress,
        contracts.VOTING_CLOSED: room.voting_closed,
        contracts.WINNER_SELECTED: room.winner_selected,
        contracts.WINNERS_ANNOUNCED: room.winners_announced,
        contracts.ACCOUNT_CREDENTIALS_CHANGED: models.revocations.store,
    }
