"""The weekly progress mails of the public vote: at the end of each voting week, each
nominee's coordinator hears its votes and rank, compared with the latest earlier week (whose
figures notify kept), unless they unsubscribed from these mails of the edition."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from notify import domain
from notify.config import MailSettings
from notify.domain import OutgoingMail, Standing
from notify.domain.compose import Composer
from notify.models import ProgressFigure, Unsubscribe
from notify.service import links, recipients
from notify.service.outgoing import queue_each
from wsis_common.envelope import Envelope
from wsis_common.phases import parse_instant

log = logging.getLogger(__name__)


def voting_progress(settings: MailSettings, session: Session, envelope: Envelope) -> None:
    p = envelope.payload
    year, week = int(envelope.edition), int(p["week"])
    as_of, closes = parse_instant(p["as_of"]), parse_instant(p["voting_closes"])
    standings = [(c["category"], len(c["nominees"]), n)
                 for c in p["categories"] for n in c["nominees"]]
    ids = [n["submission_id"] for _, _, n in standings]
    contacts = recipients.contacts(session, ids, all_known=False)
    figures = _figures(session, year, ids)
    unsubscribed = set(session.scalars(
        select(Unsubscribe.email).where(Unsubscribe.edition == year)))
    edition = recipients.edition_view(session, year)
    coordinators = recipients.coordinators(session, contacts.values())

    def progress(standing: tuple[str, int, dict[str, Any]]) -> OutgoingMail | None:
        category, size, nominee = standing
        sid = nominee["submission_id"]
        earlier = figures.get(sid, {})
        if week in earlier:
            return None  # this week was reported already (the producer sent it again)
        contact = recipients.contact(contacts, sid)
        now = Standing(week, int(nominee["votes"]), int(nominee["rank"]))
        previous = max((s for w, s in earlier.items() if w < week), key=lambda s: s.week,
                       default=None)
        session.add(ProgressFigure(edition=year, submission_id=sid, week=week, category=category,
                                   votes=now.votes, rank=now.rank, as_of=as_of))
        if domain.normalise_email(contact.coordinator_email) in unsubscribed:
            return None
        report = domain.progress_report(now, previous, nominees_in_category=size, as_of=as_of,
                                        voting_closes=closes)
        return Composer(settings.public_url).progress(
            coordinators[sid], edition, submission_id=sid, title=contact.title,
            category=category, category_name=contact.category_name, report=report,
            unsubscribe_url=links.unsubscribe_url(session, settings, year, contact.coordinator_email))

    count = queue_each(session, settings, envelope, standings, progress,
                       describe=lambda s: f"submission {s[2]['submission_id']}")
    log.info("voting.progress week %d of %d: %d progress mails queued", week, year, count)


def _figures(session: Session, year: int, ids: list[str]) -> dict[str, dict[int, Standing]]:
    rows = session.scalars(select(ProgressFigure).where(
        ProgressFigure.edition == year, ProgressFigure.submission_id.in_(ids)))
    figures: dict[str, dict[int, Standing]] = {}
    for row in rows:
        figures.setdefault(row.submission_id, {})[row.week] = Standing(row.week, row.votes, row.rank)
    return figures
