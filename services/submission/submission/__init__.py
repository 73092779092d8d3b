"""The submission service: editions (phase dates and parameters) and submissions (phase 1)."""

from __future__ import annotations

from flask import Flask

from wsis_common.config import Settings


def create_app(settings: Settings | None = None) -> Flask:
    from submission import api
    from submission.definition import definition
    from submission.domain.language import warm_up
    from wsis_common.web import create_app_for

    warm_up()
    return create_app_for(definition, api.blueprints(), settings)
