"""Each kind of mail as a function: who it is to, its subject, the template's data and the
footer saying why the person gets it. No database here: the service layer looks things up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from notify import domain, i18n
from notify.domain import OutgoingMail, ProgressReport, Recipient
from notify.domain.render import render
from wsis_common.phases import Schedule


@dataclass(frozen=True)
class EditionView:
    """What the templates show of an edition, from the service's copy of `edition.updated`
    (which may not have arrived: then only the year is known)."""

    year: int | None
    ordinal: int | None = None
    phases: Mapping[str, datetime] = field(default_factory=dict)
    categories: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, year: int | None, document: Mapping[str, Any] | None) -> EditionView:
        if not document:
            return cls(year)
        raw = document.get("categories") or []
        categories = (dict(raw) if isinstance(raw, Mapping)
                      else {c["code"]: c["name"] for c in raw if isinstance(c, Mapping)})
        return cls(year, document.get("ordinal"), Schedule.of_edition(document).instants, categories)

    def name(self, language: str = "en") -> str:
        """"WSIS Prizes 2023" in the mail's language."""
        if self.year:
            return i18n.translate(language, "WSIS Prizes %(year)s", year=self.year)
        return i18n.translate(language, "WSIS Prizes")

    def ordinal_text(self, language: str = "en") -> str | None:
        """"(12th edition)", "(12e édition)", "(第12届)"."""
        if not self.ordinal:
            return None
        return i18n.translate(language, "(%(ordinal)s edition)",
                              ordinal=domain.ordinal(self.ordinal, language))

    def phase(self, key: str) -> datetime | None:
        return self.phases.get(key)

    def category(self, code: str, name: str | None = None, language: str = "en") -> str:
        """"C7-HLT: ICT applications: E-health": a known category by its translated name in
        other languages, else the name from the submission or the edition document, else the
        code alone."""
        translated = i18n.category_name(code, language) if language != "en" else None
        name = translated or name or self.categories.get(code) or i18n.category_name(code, language)
        return f"{code}: {name}" if name else code


@dataclass(frozen=True)
class Composer:
    """Renders mails, each in its recipient's language; `platform_url` is where their links
    point (the gateway)."""

    platform_url: str

    def _mail(self, kind: str, to: Recipient, subject: str, edition: EditionView, *, reason: str,
              submission_id: str | None = None, unsubscribe_url: str | None = None,
              **data: Any) -> OutgoingMail:
        if unsubscribe_url and kind not in domain.UNSUBSCRIBABLE:
            raise ValueError(f"a {kind} mail cannot be unsubscribed from")
        text, html = render(kind, to.language, edition=edition, edition_name=edition.name(to.language),
                            edition_ordinal=edition.ordinal_text(to.language), recipient=to,
                            subject=subject, reason=reason, platform_url=self.platform_url,
                            unsubscribe_url=unsubscribe_url, submission_id=submission_id, **data)
        headers: dict[str, str] = {}
        if unsubscribe_url:
            # RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this URL.
            headers = {"List-Unsubscribe": f"<{unsubscribe_url}>",
                       "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        return OutgoingMail(kind=kind, to=to, subject=subject, text=text, html=html,
                            edition=edition.year, submission_id=submission_id, headers=headers)

    def verification(self, to: Recipient, edition: EditionView, verification_url: str) -> OutgoingMail:
        _ = partial(i18n.translate, to.language)
        return self._mail(
            domain.VERIFICATION, to, _("Confirm your e-mail address for the WSIS Prizes"), edition,
            reason=_("You get this mail because this address was used to register an account on the "
                     "WSIS Stocktaking platform. If that was not you, ignore it: the account is never "
                     "activated without this confirmation."),
            user_name=to.name, verification_url=verification_url,
        )

    def password_reset(self, to: Recipient, edition: EditionView, reset_url: str,
                       expires_minutes: int) -> OutgoingMail:
        _ = partial(i18n.translate, to.language)
        return self._mail(
            domain.PASSWORD_RESET, to, _("Choose a new password for the WSIS Prizes"), edition,
            reason=_("You get this mail because someone asked for a new password for your account on "
                     "the WSIS Stocktaking platform. If that was not you, ignore it: your password "
                     "stays as it is."),
            user_name=to.name, reset_url=reset_url, expires_minutes=expires_minutes,
        )

    def registration_attempt(self, to: Recipient, edition: EditionView, login_url: str,
                             reset_url: str) -> OutgoingMail:
        _ = partial(i18n.translate, to.language)
        return self._mail(
            domain.REGISTRATION_ATTEMPT, to, _("Someone tried to register with your e-mail address"),
            edition,
            reason=_("You get this mail because this address already has an account on the WSIS "
                     "Stocktaking platform and someone tried to register it again. No new account "
                     "was made."),
            user_name=to.name, login_url=login_url, reset_url=reset_url,
        )

    def receipt(self, to: Recipient, edition: EditionView, *, submission_id: str, title: str,
                category: str, entity: str, coordinator: Recipient, submitter: Recipient,
                category_name: str | None = None) -> OutgoingMail:
        _, name = partial(i18n.translate, to.language), edition.name(to.language)
        if set(to.roles) >= {"coordinator", "submitter"}:
            reason = _("You get this mail because you are named as its coordinator and submitted it "
                       "in %(edition)s.", edition=name)
        elif "coordinator" in to.roles:
            reason = _("You get this mail because you are named as its coordinator in %(edition)s.",
                       edition=name)
        else:
            reason = _("You get this mail because you submitted it in %(edition)s.", edition=name)
        return self._mail(
            domain.RECEIPT, to, _("%(edition)s: your submission “%(title)s” is accepted",
                                  edition=name, title=title), edition,
            reason=reason, submission_id=submission_id, title=title,
            category=edition.category(category, category_name, to.language),
            entity=entity, coordinator=coordinator, submitter=submitter,
        )

    def review_outcome(self, to: Recipient, edition: EditionView, *, submission_id: str, title: str,
                       category: str, nominated: bool, category_name: str | None = None) -> OutgoingMail:
        _, name = partial(i18n.translate, to.language), edition.name(to.language)
        subject = (_("%(edition)s: your project “%(title)s” is nominated", edition=name, title=title)
                   if nominated else
                   _("%(edition)s: the review of your project “%(title)s”", edition=name, title=title))
        return self._mail(
            domain.REVIEW_OUTCOME, to, subject, edition,
            reason=_("You get this mail because you are named as the coordinator of a project "
                     "submitted to %(edition)s: the coordinator of every reviewed submission "
                     "learns its outcome.", edition=name),
            submission_id=submission_id, title=title,
            category=edition.category(category, category_name, to.language), nominated=nominated,
        )

    def progress(self, to: Recipient, edition: EditionView, *, submission_id: str, title: str,
                 category: str, report: ProgressReport, unsubscribe_url: str,
                 category_name: str | None = None) -> OutgoingMail:
        _, name = partial(i18n.translate, to.language), edition.name(to.language)
        return self._mail(
            domain.PROGRESS, to,
            _("%(edition)s, week %(week)s: %(votes)s votes for “%(title)s”", edition=name,
              week=report.week, votes=i18n.number(report.votes, to.language), title=title), edition,
            reason=_("You get this mail because you are the coordinator of a project nominated in "
                     "%(edition)s: at the end of each voting week its coordinator is told how "
                     "the vote is going.", edition=name),
            submission_id=submission_id, unsubscribe_url=unsubscribe_url, title=title,
            category=edition.category(category, category_name, to.language), report=report,
        )

    def finalist(self, to: Recipient, edition: EditionView, *, submission_id: str, title: str,
                 category: str, votes: int, rank: int, category_name: str | None = None) -> OutgoingMail:
        _, name = partial(i18n.translate, to.language), edition.name(to.language)
        return self._mail(
            domain.FINALIST, to, _("%(edition)s: “%(title)s” is a Champion", edition=name, title=title),
            edition,
            reason=_("You get this mail because you are the coordinator of a finalist project of "
                     "%(edition)s.", edition=name),
            submission_id=submission_id, title=title,
            category=edition.category(category, category_name, to.language), votes=votes, rank=rank,
        )

    def winner_notice(self, to: Recipient, edition: EditionView, *, submission_id: str, title: str,
                      category: str, category_name: str | None = None) -> OutgoingMail:
        _, name = partial(i18n.translate, to.language), edition.name(to.language)
        return self._mail(
            domain.WINNER_NOTICE, to, _("Confidential: %(edition)s, the expert group's decision",
                                        edition=name), edition,
            reason=_("You get this confidential notice because you are the contact person of the "
                     "selected project. It is sent to you alone; please do not forward it."),
            submission_id=submission_id, title=title,
            category=edition.category(category, category_name, to.language),
        )

    def announcement(self, to: Recipient, edition: EditionView, *, submission_id: str, title: str,
                     category: str, won: bool, winners: list[dict[str, str | None]],
                     category_name: str | None = None) -> OutgoingMail:
        _, name = partial(i18n.translate, to.language), edition.name(to.language)
        subject = (_("%(edition)s: “%(title)s” is the winner of its category", edition=name, title=title)
                   if won else
                   _("%(edition)s: “%(title)s” is a WSIS Prizes Champion", edition=name, title=title))
        return self._mail(
            domain.ANNOUNCEMENT, to, subject, edition,
            reason=_("You get this mail because you are the coordinator of a finalist project of "
                     "%(edition)s.", edition=name),
            submission_id=submission_id, title=title,
            category=edition.category(category, category_name, to.language), won=won,
            winners=[{"category": edition.category(w["category"], w.get("category_name"), to.language),
                      "title": w["title"]} for w in winners],
        )
