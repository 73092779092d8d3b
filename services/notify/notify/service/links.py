"""The unsubscribe links of the progress mails (signed as domain/links.py says) with their
key: MAIL_LINK_SECRET when it is set, else one generated once and kept in the database
(`link_keys`), which the web and worker processes share."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from notify.config import MailSettings
from notify.domain import links
from notify.models import LinkKey
from wsis_common.clock import clock

_KEY_NAME = "unsubscribe"


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
    return links.link(settings.public_url, links.token_for(secret, edition, email))


def read_unsubscribe_token(session: Session, settings: MailSettings, token: str) -> tuple[int, str] | None:
    """(edition, e-mail) of a good token; None for a forged, altered or unknown one."""
    secret = _secret(session, settings, create=False)
    if secret is None:
        return None
    return links.read_token(secret, token)
