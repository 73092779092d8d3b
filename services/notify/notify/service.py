"""What each event of the contest means in mail. One function per event; each runs inside the
consumer's transaction (with the inbox record), writes its mails into `mails` and never
sends: a redelivered event is stopped by the inbox before it gets here."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from notify import domain, links, models
from notify.compose import Composer, EditionView
from notify.config import MailSettings
from notify.domain import OutgoingMail, Recipient, Standing
from notify.models import Contact, ProgressFigure, Unsubscribe
from notify.outgoing import queue_mail
from wsis_common.clock import clock
from wsis_common.envelope import Envelope
from wsis_common.phases import parse_instant

log = logging.getLogger(__name__)


class UnknownSubmission(LookupError):
    """An event names a submission whose `submission.accepted` never reached us: there is no
    one to write to. Raised so that the event is retried, then dead-lettered (kept, visible)."""


@dataclass(frozen=True)
class Mailroom:
    """The event use cases with what they need: the settings and the composer."""

    settings: MailSettings

    @property
    def composer(self) -> Composer:
        return Composer(self.settings.public_url)  # tiny and immutable: made where needed

    # -- helpers --

    def _edition(self, session: Session, year: int | None) -> EditionView:
        return EditionView.of(year, models.editions.get(session, year) if year else None)

    def _queue(self, session: Session, envelope: Envelope, mails: Iterable[OutgoingMail]) -> int:
        count = 0
        for mail in mails:
            queue_mail(session, self.settings, mail, event_id=envelope.id)
            count += 1
        return count

    @staticmethod
    def _contacts(session: Session, submission_ids: Iterable[str]) -> dict[str, Contact]:
        wanted = set(submission_ids)
        found = {c.submission_id: c for c in
                 session.scalars(select(Contact).where(Contact.submission_id.in_(wanted)))}
        missing = wanted - found.keys()
        if missing:
            raise UnknownSubmission(f"no submission.accepted seen for {sorted(missing)}")
        return found

    @staticmethod
    def _coordinator(contact: Contact) -> Recipient:
        return Recipient(contact.coordinator_name, contact.coordinator_email, ("coordinator",))

    # -- one use case per event --

    def stakeholder_registered(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        to = Recipient(p["user_name"], p["email"], ("account",))
        mail = self.composer.verification(to, self._edition(session, envelope.edition),
                                          p["verification_url"])
        self._queue(session, envelope, [mail])

    def password_reset_requested(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        to = Recipient(p["user_name"], p["email"], ("account",))
        self._queue(session, envelope, [self.composer.password_reset(
            to, self._edition(session, envelope.edition), p["reset_url"], int(p["expires_minutes"]))])

    def registration_attempted(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        to = Recipient(p["user_name"], p["email"], ("account",))
        self._queue(session, envelope, [self.composer.registration_attempt(
            to, self._edition(session, envelope.edition), p["login_url"], p["reset_url"])])

    def submission_accepted(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        coordinator = Recipient(p["coordinator"]["name"], p["coordinator"]["email"])
        submitter = Recipient(p["submitter"]["name"], p["submitter"]["email"])
        session.merge(Contact(
            submission_id=p["submission_id"], edition=envelope.edition, category=p["category"],
            category_name=p.get("category_name"), title=p["title"], entity_name=p["entity"]["name"],
            coordinator_name=coordinator.name, coordinator_email=coordinator.email,
            submitter_name=submitter.name, submitter_email=submitter.email,
            received_at=clock.now(),
        ))
        edition = self._edition(session, envelope.edition)
        self._queue(session, envelope, (
            self.composer.receipt(to, edition, submission_id=p["submission_id"], title=p["title"],
                                  category=p["category"], category_name=p.get("category_name"),
                                  entity=p["entity"]["name"], coordinator=coordinator,
                                  submitter=submitter)
            for to in domain.receipt_recipients(coordinator, submitter)
        ))

    def review_outcome(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        contact = self._contacts(session, [p["submission_id"]])[p["submission_id"]]
        edition = self._edition(session, envelope.edition or contact.edition)
        self._queue(session, envelope, [self.composer.review_outcome(
            self._coordinator(contact), edition, submission_id=p["submission_id"], title=p["title"],
            category=p["category"], category_name=contact.category_name,
            nominated=bool(p["nominated"]))])

    def voting_progress(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        year, week = int(envelope.edition), int(p["week"])
        as_of, closes = parse_instant(p["as_of"]), parse_instant(p["voting_closes"])
        standings = [(c["category"], len(c["nominees"]), n)
                     for c in p["categories"] for n in c["nominees"]]
        ids = [n["submission_id"] for _, _, n in standings]
        contacts = self._contacts(session, ids)
        figures = self._figures(session, year, ids)
        unsubscribed = set(session.scalars(
            select(Unsubscribe.email).where(Unsubscribe.edition == year)))
        edition = self._edition(session, year)
        mails = []
        for category, size, nominee in standings:
            sid = nominee["submission_id"]
            earlier = figures.get(sid, {})
            if week in earlier:
                continue  # this week was reported already (the producer sent it again)
            now = Standing(week, int(nominee["votes"]), int(nominee["rank"]))
            previous = max((s for w, s in earlier.items() if w < week), key=lambda s: s.week,
                           default=None)
            session.add(ProgressFigure(edition=year, submission_id=sid, week=week, category=category,
                                       votes=now.votes, rank=now.rank, as_of=as_of))
            contact = contacts[sid]
            if domain.normalise_email(contact.coordinator_email) in unsubscribed:
                continue
            report = domain.progress_report(now, previous, nominees_in_category=size, as_of=as_of,
                                            voting_closes=closes)
            mails.append(self.composer.progress(
                self._coordinator(contact), edition, submission_id=sid, title=contact.title,
                category=category, category_name=contact.category_name, report=report,
                unsubscribe_url=links.unsubscribe_url(session, self.settings, year,
                                                      contact.coordinator_email)))
        count = self._queue(session, envelope, mails)
        log.info("voting.progress week %d of %d: %d progress mails queued", week, year, count)

    @staticmethod
    def _figures(session: Session, year: int, ids: list[str]) -> dict[str, dict[int, Standing]]:
        rows = session.scalars(select(ProgressFigure).where(
            ProgressFigure.edition == year, ProgressFigure.submission_id.in_(ids)))
        figures: dict[str, dict[int, Standing]] = {}
        for row in rows:
            figures.setdefault(row.submission_id, {})[row.week] = Standing(row.week, row.votes, row.rank)
        return figures

    def voting_closed(self, session: Session, envelope: Envelope) -> None:
        finalists = [(c["category"], f) for c in envelope.payload["categories"] for f in c["finalists"]]
        contacts = self._contacts(session, [f["submission_id"] for _, f in finalists])
        edition = self._edition(session, envelope.edition)
        self._queue(session, envelope, (
            self.composer.finalist(
                self._coordinator(contacts[f["submission_id"]]), edition,
                submission_id=f["submission_id"], title=contacts[f["submission_id"]].title,
                category=category, category_name=contacts[f["submission_id"]].category_name,
                votes=int(f["votes"]), rank=int(f["rank"]))
            for category, f in finalists
        ))

    def winner_selected(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        contact = self._contacts(session, [p["submission_id"]])[p["submission_id"]]
        edition = self._edition(session, envelope.edition or contact.edition)
        # To the coordinator alone: the submitter and everyone else learn it at the ceremony.
        self._queue(session, envelope, [self.composer.winner_notice(
            self._coordinator(contact), edition, submission_id=p["submission_id"], title=p["title"],
            category=p["category"], category_name=contact.category_name)])
        log.info("winner notice queued for one submission of %s", edition.name)

    def winners_announced(self, session: Session, envelope: Envelope) -> None:
        results = envelope.payload["categories"]
        placed: list[tuple[str, dict[str, Any], bool]] = []
        for result in results:
            placed.append((result["category"], result["winner"], True))
            placed.extend((result["category"], champion, False) for champion in result["champions"])
        contacts = self._contacts(session, [n["submission_id"] for _, n, _ in placed])
        winners = [{"category": r["category"], "title": r["winner"]["title"],
                    "category_name": contacts[r["winner"]["submission_id"]].category_name}
                   for r in results]
        edition = self._edition(session, envelope.edition)
        self._queue(session, envelope, (
            self.composer.announcement(
                self._coordinator(contacts[n["submission_id"]]), edition,
                submission_id=n["submission_id"], title=n["title"], category=category,
                category_name=contacts[n["submission_id"]].category_name, won=won, winners=winners)
            for category, n, won in placed
        ))
