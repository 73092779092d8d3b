"""The notify service: every e-mail of the contest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask

from wsis_common.config import Settings

if TYPE_CHECKING:
    from notify.config import MailSettings


def create_app(settings: Settings | None = None, mail: MailSettings | None = None) -> Flask:
    from notify import api
    from notify.config import MailSettings
    from notify.definition import definition
    from wsis_common.web import create_app_for

    return create_app_for(definition, api.blueprints(), settings,
                          NOTIFY_MAIL=mail or MailSettings.from_env())
