"""A coordinator stops the weekly progress mails of an edition with the signed link those
mails carry. Only progress mails: the link can stop nothing else."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from notify.config import MailSettings
from notify.models import Unsubscribe
from notify.service import links
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.problems import Problem


def _read(session, settings: MailSettings, token: str) -> tuple[int, str]:
    found = links.read_unsubscribe_token(session, settings, token or "")
    if found is None:
        raise Problem(400, "This unsubscribe link is not valid: use the link of a progress mail as it is.")
    return found


def check(ctx: ServiceContext, settings: MailSettings, token: str) -> tuple[int, str]:
    """(edition, address) the link is for, without changing anything."""
    with ctx.db.sessions() as session:
        return _read(session, settings, token)


def unsubscribe(ctx: ServiceContext, settings: MailSettings, token: str) -> tuple[int, str]:
    """Idempotent: a second click changes nothing."""
    try:
        with ctx.db.transaction() as session:
            edition, email = _read(session, settings, token)
            if session.get(Unsubscribe, (edition, email)) is None:
                session.add(Unsubscribe(edition=edition, email=email, unsubscribed_at=clock.now()))
    except IntegrityError:  # two clicks at once: the other one recorded it
        pass
    return edition, email
