"""The voting service."""

from __future__ import annotations

from flask import Flask

from wsis_common.config import Settings


def create_app(settings: Settings | None = None) -> Flask:
    from voting import api
    from voting.definition import definition
    from wsis_common.web import create_app_for

    return create_app_for(definition, api.blueprints(), settings)
