"""What each event of the contest means in mail. One function per event; each runs inside the
consumer's transaction (with the inbox record), writes its mails into `mails` and never
sends: a redelivered event is stopped by the inbox before it gets here. Where one event
means a mail to each of several people, each mail is written on its own (_queue_each): one
that fails never keeps the others from being written."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from notify import domain, links, models
from notify.config import MailSettings
from notify.domain import OutgoingMail, Recipient, Standing
from notify.domain.compose import Composer, EditionView
from notify.models import Contact, ProgressFigure, RecipientLanguage, Unsubscribe
from notify.service.outgoing import queue_mail
from wsis_common.clock import clock
from wsis_common.envelope import Envelope
from wsis_common.items import apply_each
from wsis_common.languages import known
from wsis_common.phases import parse_instant

log = logging.getLogger(__name__)
T = TypeVar("T")


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

    def _queue_each(self, session: Session, envelope: Envelope, items: Iterable[T],
                    compose: Callable[[T], OutgoingMail | None], *, describe: Callable[[T], str]) -> int:
        """One mail per item, each in its own savepoint (wsis_common.items): an item that cannot
        be written (a submission never heard of, a value no column holds) is logged and skipped,
        and the other recipients still get theirs."""
        written: list[OutgoingMail] = []

        def write(item: T) -> None:
            mail = compose(item)
            if mail is not None:
                queue_mail(session, self.settings, mail, event_id=envelope.id)
                written.append(mail)

        apply_each(session, envelope, items, write, describe=describe)
        return len(written)

    @staticmethod
    def _contacts(session: Session, submission_ids: Iterable[str], *,
                  all_known: bool = True) -> dict[str, Contact]:
        """The contacts of these submissions; with `all_known`, an unknown one fails the event."""
        wanted = set(submission_ids)
        found = {c.submission_id: c for c in
                 session.scalars(select(Contact).where(Contact.submission_id.in_(wanted)))}
        missing = wanted - found.keys()
        if missing and all_known:
            raise UnknownSubmission(f"no submission.accepted seen for {sorted(missing)}")
        return found

    @staticmethod
    def _contact(contacts: dict[str, Contact], submission_id: str) -> Contact:
        """One item's contact: an unknown submission fails that item alone."""
        if submission_id not in contacts:
            raise UnknownSubmission(f"no submission.accepted seen for {submission_id}")
        return contacts[submission_id]

    @staticmethod
    def _languages(session: Session, emails: Iterable[str]) -> dict[str, str]:
        """The chosen language of each address that has one (normalised address -> code):
        one query for a whole batch of mails."""
        wanted = {domain.normalise_email(e) for e in emails}
        rows = session.execute(select(RecipientLanguage.email, RecipientLanguage.language)
                               .where(RecipientLanguage.email.in_(wanted)))
        return {email: known(language) for email, language in rows}

    @staticmethod
    def _language_of(languages: dict[str, str], email: str) -> str:
        return languages.get(domain.normalise_email(email), known(None))

    def _coordinator(self, contact: Contact, languages: dict[str, str]) -> Recipient:
        return Recipient(contact.coordinator_name, contact.coordinator_email, ("coordinator",),
                         self._language_of(languages, contact.coordinator_email))

    def _coordinators(self, session: Session, contacts: Iterable[Contact]) -> dict[str, Recipient]:
        """Submission id -> its coordinator, in the language the coordinator chose."""
        contacts = list(contacts)
        languages = self._languages(session, (c.coordinator_email for c in contacts))
        return {c.submission_id: self._coordinator(c, languages) for c in contacts}

    @staticmethod
    def _account_language(session: Session, account_id: str | None) -> str | None:
        """The language notify kept for an account (its latest), None when it kept none."""
        if not account_id:
            return None
        chosen = session.scalar(select(RecipientLanguage.language)
                                .where(RecipientLanguage.account_id == account_id)
                                .order_by(RecipientLanguage.updated_at.desc()).limit(1))
        return known(chosen) if chosen else None

    def _account_holder(self, session: Session, payload: dict[str, Any]) -> Recipient:
        """The person an account mail goes to, in their language: the one the event carries
        (the gateway's own record, right even before notify heard of the account), else the one
        notify kept for the account, else for the address, else English."""
        if payload.get("language"):
            language = known(payload["language"])
        else:  # an older producer's event: what notify kept of the account or the address
            language = (self._account_language(session, payload.get("account_id"))
                        or self._language_of(self._languages(session, [payload["email"]]), payload["email"]))
        return Recipient(payload["user_name"], payload["email"], ("account",), language)

    @staticmethod
    def _remember_language(session: Session, *, email: str, account_id: str | None, language: str) -> None:
        session.merge(RecipientLanguage(email=domain.normalise_email(email), account_id=account_id,
                                        language=known(language), updated_at=clock.now()))

    # -- one use case per event --

    def stakeholder_registered(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        if p.get("language"):
            self._remember_language(session, email=p["email"], account_id=p.get("account_id"),
                                    language=p["language"])
            language = known(p["language"])
        else:  # a producer that does not say: what we know of the address, else English
            language = self._language_of(self._languages(session, [p["email"]]), p["email"])
        to = Recipient(p["user_name"], p["email"], ("account",), language)
        mail = self.composer.verification(to, self._edition(session, envelope.edition),
                                          p["verification_url"])
        self._queue(session, envelope, [mail])

    def account_updated(self, session: Session, envelope: Envelope) -> None:
        """The person chose another language on their profile: the next mail follows it."""
        p = envelope.payload
        self._remember_language(session, email=p["email"], account_id=p.get("account_id"),
                                language=p["language"])

    def password_reset_requested(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        to = self._account_holder(session, p)
        self._queue(session, envelope, [self.composer.password_reset(
            to, self._edition(session, envelope.edition), p["reset_url"], int(p["expires_minutes"]))])

    def registration_attempted(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        to = self._account_holder(session, p)
        self._queue(session, envelope, [self.composer.registration_attempt(
            to, self._edition(session, envelope.edition), p["login_url"], p["reset_url"])])

    def submission_accepted(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        languages = self._languages(session, [p["coordinator"]["email"], p["submitter"]["email"]])
        coordinator = Recipient(p["coordinator"]["name"], p["coordinator"]["email"],
                                language=self._language_of(languages, p["coordinator"]["email"]))
        submitter = Recipient(p["submitter"]["name"], p["submitter"]["email"],
                              language=self._submitter_language(session, p, languages))
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

    def _submitter_language(self, session: Session, payload: dict[str, Any],
                            languages: dict[str, str]) -> str:
        """The submitter is an account: its language, found by the account (the address the
        submission names may differ from the account's), else by the address."""
        return (self._account_language(session, payload.get("submitter_account_id"))
                or self._language_of(languages, payload["submitter"]["email"]))

    def review_outcome(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        contact = self._contacts(session, [p["submission_id"]])[p["submission_id"]]
        edition = self._edition(session, envelope.edition or contact.edition)
        self._queue(session, envelope, [self.composer.review_outcome(
            self._coordinators(session, [contact])[contact.submission_id], edition,
            submission_id=p["submission_id"], title=p["title"],
            category=p["category"], category_name=contact.category_name,
            nominated=bool(p["nominated"]))])

    def voting_progress(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        year, week = int(envelope.edition), int(p["week"])
        as_of, closes = parse_instant(p["as_of"]), parse_instant(p["voting_closes"])
        standings = [(c["category"], len(c["nominees"]), n)
                     for c in p["categories"] for n in c["nominees"]]
        ids = [n["submission_id"] for _, _, n in standings]
        contacts = self._contacts(session, ids, all_known=False)
        figures = self._figures(session, year, ids)
        unsubscribed = set(session.scalars(
            select(Unsubscribe.email).where(Unsubscribe.edition == year)))
        edition = self._edition(session, year)
        coordinators = self._coordinators(session, contacts.values())

        def progress(standing: tuple[str, int, dict[str, Any]]) -> OutgoingMail | None:
            category, size, nominee = standing
            sid = nominee["submission_id"]
            earlier = figures.get(sid, {})
            if week in earlier:
                return None  # this week was reported already (the producer sent it again)
            contact = self._contact(contacts, sid)
            now = Standing(week, int(nominee["votes"]), int(nominee["rank"]))
            previous = max((s for w, s in earlier.items() if w < week), key=lambda s: s.week,
                           default=None)
            session.add(ProgressFigure(edition=year, submission_id=sid, week=week, category=category,
                                       votes=now.votes, rank=now.rank, as_of=as_of))
            if domain.normalise_email(contact.coordinator_email) in unsubscribed:
                return None
            report = domain.progress_report(now, previous, nominees_in_category=size, as_of=as_of,
                                            voting_closes=closes)
            return self.composer.progress(
                coordinators[sid], edition, submission_id=sid, title=contact.title,
                category=category, category_name=contact.category_name, report=report,
                unsubscribe_url=links.unsubscribe_url(session, self.settings, year,
                                                      contact.coordinator_email))

        count = self._queue_each(session, envelope, standings, progress,
                                 describe=lambda s: f"submission {s[2]['submission_id']}")
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
        contacts = self._contacts(session, [f["submission_id"] for _, f in finalists], all_known=False)
        coordinators = self._coordinators(session, contacts.values())
        edition = self._edition(session, envelope.edition)

        def finalist(placed: tuple[str, dict[str, Any]]) -> OutgoingMail:
            category, f = placed
            contact = self._contact(contacts, f["submission_id"])
            return self.composer.finalist(
                coordinators[f["submission_id"]], edition, submission_id=f["submission_id"],
                title=contact.title, category=category, category_name=contact.category_name,
                votes=int(f["votes"]), rank=int(f["rank"]))

        self._queue_each(session, envelope, finalists, finalist,
                         describe=lambda placed: f"submission {placed[1]['submission_id']}")

    def winner_selected(self, session: Session, envelope: Envelope) -> None:
        p = envelope.payload
        contact = self._contacts(session, [p["submission_id"]])[p["submission_id"]]
        edition = self._edition(session, envelope.edition or contact.edition)
        # To the coordinator alone: the submitter and everyone else learn it at the ceremony.
        self._queue(session, envelope, [self.composer.winner_notice(
            self._coordinators(session, [contact])[contact.submission_id], edition,
            submission_id=p["submission_id"], title=p["title"],
            category=p["category"], category_name=contact.category_name)])
        log.info("winner notice queued for one submission of %s", edition.name())

    def winners_announced(self, session: Session, envelope: Envelope) -> None:
        results = envelope.payload["categories"]
        placed: list[tuple[str, dict[str, Any], bool]] = []
        for result in results:
            placed.append((result["category"], result["winner"], True))
            placed.extend((result["category"], champion, False) for champion in result["champions"])
        contacts = self._contacts(session, [n["submission_id"] for _, n, _ in placed], all_known=False)
        names = {sid: c.category_name for sid, c in contacts.items()}
        winners = [{"category": r["category"], "title": r["winner"]["title"],
                    "category_name": names.get(r["winner"]["submission_id"])} for r in results]
        coordinators = self._coordinators(session, contacts.values())
        edition = self._edition(session, envelope.edition)

        def announcement(one: tuple[str, dict[str, Any], bool]) -> OutgoingMail:
            category, n, won = one
            contact = self._contact(contacts, n["submission_id"])
            return self.composer.announcement(
                coordinators[n["submission_id"]], edition, submission_id=n["submission_id"],
                title=n["title"], category=category, category_name=contact.category_name, won=won,
                winners=winners)

        self._queue_each(session, envelope, placed, announcement,
                         describe=lambda one: f"submission {one[1]['submission_id']}")
