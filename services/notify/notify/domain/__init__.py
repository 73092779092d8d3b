"""The rules of the contest's mail, in plain Python (no Flask, no SQLAlchemy): who gets which
mail, the figures of a weekly progress report, when a failed mail is tried again, and what
stays confidential until the ceremony. Beside them in this package, as pure: each kind of mail
as a function (compose), its templates rendered (render), the signed unsubscribe link (links)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from wsis_common.clock import in_geneva

# The kinds of mail, one per event of the contest that people hear about.
VERIFICATION = "verification"
RECEIPT = "receipt"
REVIEW_OUTCOME = "review_outcome"
PROGRESS = "progress"
FINALIST = "finalist"
WINNER_NOTICE = "winner_notice"
ANNOUNCEMENT = "announcement"
PASSWORD_RESET = "password_reset"
REGISTRATION_ATTEMPT = "registration_attempt"
KINDS = (VERIFICATION, RECEIPT, REVIEW_OUTCOME, PROGRESS, FINALIST, WINNER_NOTICE, ANNOUNCEMENT,
         PASSWORD_RESET, REGISTRATION_ATTEMPT)

# Only progress mails can be unsubscribed from: every other mail is a one-off the person
# must get (the confidential winner notice above all).
UNSUBSCRIBABLE = frozenset({PROGRESS})


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    roles: tuple[str, ...] = ()  # why they get the mail: "coordinator", "submitter", ...
    language: str = "en"  # the language of their mails (wsis_common.languages)


@dataclass(frozen=True)
class OutgoingMail:
    """A rendered mail, ready to be queued."""

    kind: str
    to: Recipient
    subject: str
    text: str
    html: str
    edition: int | None = None
    submission_id: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def same_address(a: str, b: str) -> bool:
    return normalise_email(a) == normalise_email(b)


def normalise_email(address: str) -> str:
    return address.strip().lower()


def receipt_recipients(coordinator: Recipient, submitter: Recipient) -> list[Recipient]:
    """The coordinator and the submitter; one mail when they are the same person."""
    if same_address(coordinator.email, submitter.email):
        return [Recipient(coordinator.name, coordinator.email, ("coordinator", "submitter"),
                          coordinator.language)]
    return [
        Recipient(coordinator.name, coordinator.email, ("coordinator",), coordinator.language),
        Recipient(submitter.name, submitter.email, ("submitter",), submitter.language),
    ]


@dataclass(frozen=True)
class Standing:
    week: int
    votes: int
    rank: int


@dataclass(frozen=True)
class ProgressReport:
    """What a coordinator is told at the end of a voting week (rules, phase 3, item 7)."""

    week: int
    votes: int
    rank: int
    nominees_in_category: int
    votes_change: int | None  # None: no earlier week to compare with
    rank_change: int | None  # > 0: moved up that many places
    compared_with_week: int | None
    days_left: int
    voting_closes: datetime


def progress_report(
    now: Standing,
    previous: Standing | None,
    *,
    nominees_in_category: int,
    as_of: datetime,
    voting_closes: datetime,
) -> ProgressReport:
    return ProgressReport(
        week=now.week,
        votes=now.votes,
        rank=now.rank,
        nominees_in_category=nominees_in_category,
        votes_change=None if previous is None else now.votes - previous.votes,
        rank_change=None if previous is None else previous.rank - now.rank,
        compared_with_week=None if previous is None else previous.week,
        days_left=days_left(as_of, voting_closes),
        voting_closes=voting_closes,
    )


def days_left(as_of: datetime, voting_closes: datetime) -> int:
    """Calendar days in Geneva from the report to the closing day (0 on the last day)."""
    return max(0, (in_geneva(voting_closes).date() - in_geneva(as_of).date()).days)


def retry_delay(attempts: int, *, base: float, cap: float) -> float:
    """Seconds before the next try of a mail that failed `attempts` times: doubling, capped."""
    return min(cap, base * 2 ** max(0, attempts - 1))


def is_secret(kind: str, ceremony_at: datetime | None, now: datetime) -> bool:
    """The winner notice names a winner: until the ceremony it is shown to nobody, not even
    in the WSIS team's mail log (unknown ceremony date: still secret)."""
    return kind == WINNER_NOTICE and (ceremony_at is None or now < ceremony_at)


def ordinal(number: int, language: str = "en") -> str:
    """12 -> '12th', 21 -> '21st'; the ordinal as each language writes it before "edition"
    (French 1re/12e, Spanish 12.ª, Russian 12-й, Chinese 第12; Arabic says the number)."""
    if language == "fr":
        return "1re" if number == 1 else f"{number}e"
    if language == "es":
        return f"{number}.ª"
    if language == "ru":
        return f"{number}-й"
    if language == "zh":
        return f"第{number}"
    if language == "ar":
        return str(number)
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
