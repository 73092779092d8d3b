"""The gateway's own Flask app, behind nginx: accounts, tokens and the web pages."""

from __future__ import annotations

from flask import Flask

from portal.edge import TrustedProxyFix
from wsis_common.config import Settings


def create_app(settings: Settings | None = None) -> Flask:
    from portal import api, pages
    from portal.api import apidocs
    from portal.definition import definition
    from portal.service.accounts import settings as portal_settings
    from wsis_common.web import create_app_for

    app = create_app_for(definition, api.blueprints(), settings)
    app.secret_key = portal_settings().secret_key
    # Set, not setdefault: Flask's defaults already hold these keys (SameSite=None, not Secure).
    app.config.update(SESSION_COOKIE_SECURE=portal_settings().session_cookie_secure,
                      SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_HTTPONLY=True)
    # nginx is the one proxy in front: the client's address is the last X-Forwarded-For hop,
    # believed only when the request comes from nginx (TRUSTED_PROXIES).
    app.wsgi_app = TrustedProxyFix(app.wsgi_app, portal_settings().trusted_proxies)  # type: ignore[method-assign]
    app.register_blueprint(pages.bp)
    app.register_blueprint(apidocs.bp)
    return app
