"""Inbound events -> use cases. The shared consumer calls each handler inside the
transaction that also records the event in the inbox."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from notify import models
from notify.config import MailSettings
from notify.service import accounts, progress, results, submissions
from wsis_common import contracts
from wsis_common.consumer import Handler
from wsis_common.context import ServiceContext


def handlers(_ctx: ServiceContext, mail: MailSettings | None = None) -> Mapping[str, Handler]:
    settings = mail or MailSettings.from_env()  # what the mails' use cases need: bound here
    return {
        contracts.EDITION_UPDATED: models.editions.store,
        contracts.STAKEHOLDER_REGISTERED: partial(accounts.stakeholder_registered, settings),
        contracts.ACCOUNT_UPDATED: accounts.account_updated,
        contracts.PASSWORD_RESET_REQUESTED: partial(accounts.password_reset_requested, settings),
        contracts.ACCOUNT_REGISTRATION_ATTEMPTED: partial(accounts.registration_attempted, settings),
        contracts.SUBMISSION_ACCEPTED: partial(submissions.submission_accepted, settings),
        contracts.REVIEW_OUTCOME: partial(submissions.review_outcome, settings),
        contracts.VOTING_PROGRESS: partial(progress.voting_progress, settings),
        contracts.VOTING_CLOSED: partial(results.voting_closed, settings),
        contracts.WINNER_SELECTED: partial(results.winner_selected, settings),
        contracts.WINNERS_ANNOUNCED: partial(results.winners_announced, settings),
        contracts.ACCOUNT_CREDENTIALS_CHANGED: models.revocations.store,
    }
