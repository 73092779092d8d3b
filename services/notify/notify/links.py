"""Signed unsubscribe links: a coordinator stops the progress mails of one edition with the
link in any of them, without an account. The signature (HMAC, itsdangerous) is what makes a
link good; nothing is stored per link."""

from __future__ import annotations

import secrets
from urllib.parse import quote

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session

from notify.config import MailSettings
from notify.domain import normalise_email
from notify.models import LinkKey
from wsis_common.clock import clock

_KEY_NAME = "unsubscribe"
_SALT = "wsis-notify-progress-unsubscribe"


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=_SALT)


def _secret(session: Session, settings: MailSettings, *, create: bool) -> str | None:
    if settings.link_secret:
        return settings.link_secret
    key = session.get(LinkKey, _KEY_NAME)
    if key is None and create:
        # Made in the caller's transaction; two processes racing here: one insert fails, its
        # event is retried and then reads the winner's key.
        key = LinkKey(name=_KEY_NAME, secret=secrets.token_urlsafe(32), created_at=clock.now())
        session.add(key)
        session.flush()
    return key.secret if key else None


def unsubscribe_url(session: Session, settings: MailSettings, edition: int, email: str) -> str:
    secret = _secret(session, settings, create=True)
    token = _serializer(secret).dumps({"e": edition, "m": normalise_email(email)})
    return f"{settings.public_url}/api/v1/mail/unsubscribe?token={quote(token)}"


def read_unsubscribe_token(session: Session, settings: MailSettings, token: str) -> tuple[int, str] | None:
    """(edition, e-mail) of a good token; None for a forged, altered or unknown one."""
    secret = _secret(session, settings, create=False)
    if secret is None:
        return None
    try:
        data = _serializer(secret).loads(token)
        return int(data["e"]), str(data["m"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
