"""The mail API (nginx routes /api/v1/mail here): the WSIS team's mail log, failed mails and
resending (role admin), and the coordinators' unsubscribe link (signed, no account).
Routes only: schema in, use case, schema out. One blueprint (one tag of the OpenAPI
document), its routes in one module per resource: mail_log, unsubscribe."""

from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint

from notify.config import MailSettings

blp = Blueprint("mail", __name__, url_prefix="/api/v1/mail",
                description="Every e-mail of the contest: the log, failed mails, resending, unsubscribing")


def mail_settings() -> MailSettings:
    return current_app.config["NOTIFY_MAIL"]


def blueprints() -> list[Blueprint]:
    from notify.api import mail_log, unsubscribe  # noqa: F401  (their routes register on blp, in this order)

    return [blp]
