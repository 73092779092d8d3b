"""Envelopes of the events notify consumes, built from the payload contracts of wsis_common
(a change there breaks these builders first); tests/harness/publishing.py publishes them as
the relays do."""

from __future__ import annotations

from datetime import datetime

from submission.service.reference import category_codes_in_order
from tests.e2e.editions import edition_2023
from wsis_common import contracts as c
from wsis_common.envelope import Envelope

CATEGORIES = list(category_codes_in_order())
CATEGORY_NAMES = {"C7-HLT": "ICT applications: E-health", "C4": "Capacity building"}


def envelope(type_: str, payload: dict, edition: int | None, producer: str) -> Envelope:
    return Envelope(type=type_, producer=producer, payload=payload, edition=edition)


def edition_document(year: int = 2023) -> dict:
    """The edition as `edition.updated` carries it: the 2023 dates (tests/e2e/editions.py),
    moved to `year`."""
    created = edition_2023(year)
    return {
        "year": year, "ordinal": created["ordinal"], "revision": 1, "updated_at": "2022-09-01T00:00:00+00:00",
        "phases": created["phases"], "parameters": created["parameters"],
        "categories": CATEGORIES,  # codes only, as the submission service sends them
    }


def edition_updated(year: int = 2023, *, revision: int = 1, **phases: str) -> Envelope:
    document = {**edition_document(year), "revision": revision}
    document["phases"].update(phases)
    payload: c.EditionUpdated = {"edition": document}
    return envelope(c.EDITION_UPDATED, dict(payload), year, "submission")


def registered(email: str, user_name: str, url: str, language: str | None = None) -> Envelope:
    payload: c.StakeholderRegistered = {"account_id": f"acc-{user_name}", "email": email,
                                        "user_name": user_name, "verification_url": url}
    if language:
        payload["language"] = language
    return envelope(c.STAKEHOLDER_REGISTERED, dict(payload), None, "gateway")


def account_updated(email: str, user_name: str, language: str) -> Envelope:
    payload: c.AccountUpdated = {"account_id": f"acc-{user_name}", "email": email, "language": language}
    return envelope(c.ACCOUNT_UPDATED, dict(payload), None, "gateway")


def password_reset(email: str, user_name: str, url: str, *, language: str | None = None,
                   account_id: str | None = None, expires_minutes: int = 30) -> Envelope:
    payload: c.PasswordResetRequested = {"account_id": account_id or f"acc-{user_name}", "email": email,
                                         "user_name": user_name, "reset_url": url,
                                         "expires_minutes": expires_minutes}
    if language:
        payload["language"] = language
    return envelope(c.PASSWORD_RESET_REQUESTED, dict(payload), None, "gateway")


def registration_attempted(email: str, user_name: str, *, language: str | None = None,
                           account_id: str | None = None) -> Envelope:
    payload: c.AccountRegistrationAttempted = {
        "account_id": account_id or f"acc-{user_name}", "email": email, "user_name": user_name,
        "login_url": "http://wsis.test/login", "reset_url": "http://wsis.test/password-reset"}
    if language:
        payload["language"] = language
    return envelope(c.ACCOUNT_REGISTRATION_ATTEMPTED, dict(payload), None, "gateway")


def person(name: str, email: str) -> c.Person:
    return {"name": name, "email": email}


def accepted(submission_id: str, *, category: str = "C7-HLT", title: str | None = None,
             coordinator: c.Person | None = None, submitter: c.Person | None = None,
             year: int = 2023) -> Envelope:
    coordinator = coordinator or person(f"Coordinator {submission_id}", f"coord-{submission_id}@example.org")
    payload: c.SubmissionAccepted = {
        "submission_id": submission_id, "category": category,
        "title": title or f"Project {submission_id}",
        "short_description": "A project that connects rural clinics. " * 10,
        "entity": {"name": f"Entity of {submission_id}", "type": "NGO", "country": "KE"},
        "coordinator": coordinator,
        "submitter": submitter or coordinator,
        "submitter_account_id": f"acc-{submission_id}",
    }
    if category in CATEGORY_NAMES:
        payload["category_name"] = CATEGORY_NAMES[category]
    return envelope(c.SUBMISSION_ACCEPTED, dict(payload), year, "submission")


def outcome(submission_id: str, *, nominated: bool, category: str = "C7-HLT", title: str | None = None,
            year: int = 2023) -> Envelope:
    payload: c.ReviewOutcome = {"submission_id": submission_id, "category": category,
                                "title": title or f"Project {submission_id}", "nominated": nominated}
    return envelope(c.REVIEW_OUTCOME, dict(payload), year, "review")


def progress(week: int, standings: dict[str, list[tuple[str, int, int]]], *, as_of: datetime,
             voting_closes: str = "2023-01-25T23:00:00+01:00", year: int = 2023) -> Envelope:
    """standings: category -> [(submission_id, votes, rank)]"""
    categories: list[c.CategoryStanding] = [
        {"category": category, "nominees": [{"submission_id": s, "votes": v, "rank": r} for s, v, r in rows]}
        for category, rows in standings.items()
    ]
    payload: c.VotingProgress = {"week": week, "as_of": as_of.isoformat(),
                                 "voting_closes": voting_closes, "categories": categories}
    return envelope(c.VOTING_PROGRESS, dict(payload), year, "voting")


def closed(finalists: dict[str, list[tuple[str, int, int]]], year: int = 2023) -> Envelope:
    categories: list[c.CategoryFinalists] = [
        {"category": category, "tie_at_cut": False, "tie_break": None,
         "finalists": [{"submission_id": s, "votes": v, "rank": r} for s, v, r in rows]}
        for category, rows in finalists.items()
    ]
    payload: c.VotingClosed = {"categories": categories}
    return envelope(c.VOTING_CLOSED, dict(payload), year, "voting")


def winner(submission_id: str, *, category: str = "C7-HLT", year: int = 2023) -> Envelope:
    payload: c.WinnerSelected = {"category": category, "submission_id": submission_id,
                                 "title": f"Project {submission_id}"}
    return envelope(c.WINNER_SELECTED, dict(payload), year, "review")


def nominee(submission_id: str) -> c.Nominee:
    return {"submission_id": submission_id, "title": f"Project {submission_id}",
            "short_description": "A project."}


def announced(results: dict[str, tuple[str, list[str]]], year: int = 2023) -> Envelope:
    """results: category -> (winner id, [champion ids])"""
    categories: list[c.CategoryResult] = [
        {"category": category, "winner": nominee(w), "champions": [nominee(s) for s in champions]}
        for category, (w, champions) in results.items()
    ]
    payload: c.WinnersAnnounced = {"categories": categories}
    return envelope(c.WINNERS_ANNOUNCED, dict(payload), year, "review")
