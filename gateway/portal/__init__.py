"""The gateway's own Flask app, behind nginx: accounts, tokens and the web pages."""

from __future__ import annotations

from flask import Flask

from wsis_common.config import Settings


def create_app(settings: Settings | None = None) -> Flask:
    from portal import pages
    from portal.definition import definition
    from wsis_common.web import create_app_for

    app = create_app_for(definition, [], settings)
    app.register_blueprint(pages.bp)
    return app
