"""The event catalogue of ARCHITECTURE.md as types: the routing keys and the payload of each.

Producers build these payloads and consumers read them; both import them from here so that
a change to a payload is one change. Every payload travels in the envelope (envelope.py),
whose `edition` is the edition's year. Instants are ISO 8601 strings with an offset.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

EDITION_UPDATED = "edition.updated"
SUBMISSION_ACCEPTED = "submission.accepted"
SUBMISSION_WITHDRAWN = "submission.withdrawn"
STAKEHOLDER_REGISTERED = "stakeholder.registered"
ACCOUNT_UPDATED = "account.updated"
ACCOUNT_REGISTRATION_ATTEMPTED = "account.registration_attempted"
PASSWORD_RESET_REQUESTED = "account.password_reset_requested"
ACCOUNT_CREDENTIALS_CHANGED = "account.credentials_changed"
REVIEW_OUTCOME = "review.outcome"
NOMINEES_PUBLISHED = "nominees.published"
VOTING_PROGRESS = "voting.progress"
VOTING_CLOSED = "voting.closed"
WINNER_SELECTED = "winner.selected"
WINNERS_ANNOUNCED = "winners.announced"


class Person(TypedDict):
    name: str
    email: str


class Organisation(TypedDict):
    name: str
    type: str
    country: str  # ISO 3166-1 alpha-2


class EditionUpdated(TypedDict):
    """`edition.updated`: the whole edition, newest `revision` wins."""

    edition: dict  # year, ordinal, revision, phases{name: instant}, parameters{...}, updated_at


class SubmissionText(TypedDict):
    name: str  # the form's box, e.g. "impact"
    label: str  # as the questionnaire shows it
    text: str


class SubmissionAccepted(TypedDict):
    """`submission.accepted`: one accepted submission."""

    submission_id: str
    category: str  # e.g. "C7-HLT"
    title: str
    short_description: str
    entity: Organisation
    coordinator: Person
    submitter: Person
    submitter_account_id: str
    # Added for review (the experts read them; the Success Stories publication is built from them):
    category_name: NotRequired[str]
    texts: NotRequired[list[SubmissionText]]  # every long box of the form, in the form's order
    sdgs: NotRequired[list[int]]
    # Added for the expert's review sheet ("relevance to the SDGs" is judged on them):
    sdg_links: NotRequired[dict[str, str]]  # SDG number (as text) -> how the project advances it
    project_status: NotRequired[str]  # "completed" or "key_phase_concluded"


class SubmissionWithdrawn(TypedDict):
    """`submission.withdrawn`: the stakeholder withdrew an accepted submission before the deadline
    (not in ARCHITECTURE.md's catalogue yet: review must drop it from the expert queues)."""

    submission_id: str
    category: str


class StakeholderRegistered(TypedDict):
    """`stakeholder.registered`: send the verification mail."""

    account_id: str
    email: str
    user_name: str
    verification_url: str
    language: NotRequired[str]  # the mails' language the person chose (wsis_common.languages)


class AccountUpdated(TypedDict):
    """`account.updated`: a person changed their profile; notify keeps the language of each
    address (not in ARCHITECTURE.md's catalogue yet: producer gateway, consumer notify)."""

    account_id: str
    email: str
    language: str


class AccountRegistrationAttempted(TypedDict):
    """`account.registration_attempted`: someone registered with an address that has an
    account; the registration answered as usual (no enumeration), the owner is told."""

    account_id: str
    email: str
    user_name: str
    login_url: str
    reset_url: str
    language: NotRequired[str]  # the account's mails' language (wsis_common.languages)


class PasswordResetRequested(TypedDict):
    """`account.password_reset_requested`: a signed, single-use link to choose a new password."""

    account_id: str
    email: str
    user_name: str
    reset_url: str
    expires_minutes: int
    language: NotRequired[str]  # the account's mails' language (wsis_common.languages)


class AccountCredentialsChanged(TypedDict):
    """`account.credentials_changed`: the password was changed or reset, or the account logged
    out; every service refuses the account's tokens issued before `not_before`
    (wsis_common.revocations; not in ARCHITECTURE.md's catalogue yet: producer gateway,
    consumers every service that verifies tokens)."""

    account_id: str
    not_before: int  # epoch seconds, the change's instant, compared with a token's `iat`


class ReviewOutcome(TypedDict):
    """`review.outcome`: one per reviewed submission, when the nominee lists are published."""

    submission_id: str
    category: str
    title: str
    nominated: bool


class Nominee(TypedDict):
    submission_id: str
    title: str
    short_description: str
    entity: NotRequired[Organisation]


class CategoryNominees(TypedDict):
    category: str
    nominees: list[Nominee]


class NomineesPublished(TypedDict):
    """`nominees.published`: every category's nominee list of the edition, at its publication."""

    categories: list[CategoryNominees]


class NomineeStanding(TypedDict):
    submission_id: str
    votes: int
    rank: int  # 1 = most votes; equal votes share a rank


class CategoryStanding(TypedDict):
    category: str
    nominees: list[NomineeStanding]


class VotingProgress(TypedDict):
    """`voting.progress`: once at the end of each voting week (week 1 = the first)."""

    week: int
    as_of: str  # the instant the week ended
    voting_closes: str
    categories: list[CategoryStanding]


class CategoryFinalists(TypedDict):
    category: str
    finalists: list[NomineeStanding]  # the top N by votes, best first
    tie_at_cut: bool  # True when nominees tied at the N-th place and the tie rule decided
    tie_break: str | None  # how the tie was decided, in words, when it was


class VotingClosed(TypedDict):
    """`voting.closed`: the finalists of every category at the close."""

    categories: list[CategoryFinalists]


class WinnerSelected(TypedDict):
    """`winner.selected`: CONFIDENTIAL, consumed by notify only."""

    category: str
    submission_id: str
    title: str


class CategoryResult(TypedDict):
    category: str
    winner: Nominee
    champions: list[Nominee]


class WinnersAnnounced(TypedDict):
    """`winners.announced`: after the ceremony starts."""

    categories: list[CategoryResult]
