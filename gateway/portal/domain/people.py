"""The WSIS team's view of the people who run the contest: accounts found a page at a time,
the expert roster beside the review service's assignments (who reviews what, each expert's and
each submission's load, the conflicts of interest), and the mail log's filters. Plain rules on
the APIs' documents, so that the pages stay thin; no Flask here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wsis_common.auth import ROLES
from wsis_common.text import organisation_key

PAGE_SIZE = 50
LAST_PAGE = 10_000  # a page number past this is a typo, not a page
MAIL_STATUSES = ("pending", "sent", "failed")
# The notify service's kinds of mail (notify/domain/__init__.py KINDS), the filter's choices.
MAIL_KINDS = ("verification", "receipt", "review_outcome", "progress", "finalist", "winner_notice",
              "announcement")
VERIFIED = ("yes", "no")


# -- paging --

def page_number(raw: str | None) -> int:
    """The page asked for in the address (1 when absent or not a number)."""
    try:
        number = int(raw or "1")
    except ValueError:
        return 1
    return min(max(number, 1), LAST_PAGE)


@dataclass(frozen=True)
class Paging:
    page: int  # from 1
    total: int
    size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


# -- accounts --

@dataclass(frozen=True)
class AccountFilter:
    query: str = ""  # part of a user name, e-mail or organisation
    role: str = ""  # one of ROLES, or any
    verified: str = ""  # "yes", "no", or either

    @classmethod
    def of(cls, args: Mapping[str, str]) -> AccountFilter:
        """What the search form sent; an unknown role or state means "any" (never an error)."""
        role, verified = args.get("role", ""), args.get("verified", "")
        return cls(query=args.get("q", "").strip()[:100], role=role if role in ROLES else "",
                   verified=verified if verified in VERIFIED else "")

    def as_args(self) -> dict[str, str]:
        """The filter as the address keeps it (for the pages' links and redirects)."""
        pairs = {"q": self.query, "role": self.role, "verified": self.verified}
        return {k: v for k, v in pairs.items() if v}


# -- the expert roster and the assignments --

@dataclass(frozen=True)
class Assigned:
    assignment_id: int
    category: str | None
    submission_id: str | None
    title: str = ""  # the submission's, for a single-submission assignment


@dataclass(frozen=True)
class Conflict:
    submission_id: str
    title: str
    entity: str


@dataclass
class Expert:
    account_id: str
    name: str
    email: str
    organisation: str  # as the account says
    recorded: bool  # the review service knows them (and their organisation)
    recorded_organisation: str = ""
    has_role: bool = True  # False: recorded and assigned, but the expert role was taken away
    load: int = 0  # submissions they review in this edition
    assigned: list[Assigned] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(frozen=True)
class SubmissionLoad:
    submission_id: str
    category: str
    title: str
    entity: str
    reviewers: list[str]  # account ids
    reviews_done: int
    missing: int  # reviewers still needed to reach the edition's number


def _keys(*names: str) -> set[str]:
    return {k for k in (organisation_key(n) for n in names if n) if k}


def roster(accounts: Iterable[dict[str, Any]], recorded: Iterable[dict[str, Any]],
           overview: dict[str, Any]) -> list[Expert]:
    """The experts (accounts with the expert role, and anyone still assigned) with their load,
    assignments and conflicts of interest. A conflict is a submission of the expert's own
    organisation (as recorded or as their account says, in the review service's normal form),
    or one of their categories the review service left out for them."""
    known = {r["account_id"]: r for r in recorded}
    submissions = {s["submission_id"]: s for s in overview.get("submissions", [])}
    assignments = overview.get("assignments", [])
    experts: dict[str, Expert] = {}
    for account in accounts:
        record = known.get(account["id"], {})
        experts[account["id"]] = Expert(
            account["id"], account.get("user_name", ""), account.get("email", ""),
            (account.get("organisation") or {}).get("name", ""), bool(record),
            (record.get("organisation") or {}).get("name", ""))
    for a in assignments:
        if a["expert_id"] not in experts:
            record = known.get(a["expert_id"], {})
            experts[a["expert_id"]] = Expert(
                a["expert_id"], record.get("name", a["expert_id"]), record.get("email", ""),
                "", bool(record), (record.get("organisation") or {}).get("name", ""), has_role=False)
    load = overview.get("load", {})
    for expert in experts.values():
        expert.load = int(load.get(expert.account_id, 0))
        mine = [a for a in assignments if a["expert_id"] == expert.account_id]
        expert.assigned = [Assigned(a["id"], a.get("category"), a.get("submission_id"),
                                    submissions.get(a.get("submission_id") or "", {}).get("title", ""))
                           for a in mine]
        expert.conflicts = _conflicts(expert, mine, submissions.values())
    return sorted(experts.values(), key=lambda e: (not e.has_role, e.name.casefold(), e.account_id))


def _conflicts(expert: Expert, mine: list[dict[str, Any]],
               submissions: Iterable[dict[str, Any]]) -> list[Conflict]:
    keys = _keys(expert.organisation, expert.recorded_organisation)
    categories = {a["category"] for a in mine if a.get("category")}
    found = [s for s in submissions
             if organisation_key(s.get("entity", "")) in keys
             or (s["category"] in categories and expert.account_id not in s.get("reviewers", []))]
    return [Conflict(s["submission_id"], s.get("title", ""), s.get("entity", "")) for s in found]


def submission_loads(overview: dict[str, Any]) -> list[SubmissionLoad]:
    """Per submission (by category, then title): its reviewers and how many are missing."""
    need = int(overview.get("per_submission", 0))
    return [SubmissionLoad(s["submission_id"], s["category"], s.get("title", ""), s.get("entity", ""),
                           list(s.get("reviewers", [])), len(s.get("reviews_done", [])),
                           max(need - len(s.get("reviewers", [])), 0))
            for s in overview.get("submissions", [])]


def categories_of(overview: dict[str, Any], edition_categories: Iterable[str]) -> list[str]:
    """The categories to assign: the edition's, in its order (those with submissions first known)."""
    listed = list(edition_categories)
    extra = sorted({s["category"] for s in overview.get("submissions", [])} - set(listed))
    return listed + extra


# -- the mail log --

@dataclass(frozen=True)
class MailFilter:
    status: str = ""
    kind: str = ""
    to: str = ""
    submission_id: str = ""

    @classmethod
    def of(cls, args: Mapping[str, str]) -> MailFilter:
        """What the filter form sent; an unknown status or kind means "any"."""
        status, kind = args.get("status", ""), args.get("kind", "")
        return cls(status=status if status in MAIL_STATUSES else "",
                   kind=kind if kind in MAIL_KINDS else "", to=args.get("to", "").strip()[:320],
                   submission_id=args.get("submission_id", "").strip()[:64])

    def as_args(self) -> dict[str, str]:
        pairs = {"status": self.status, "kind": self.kind, "to": self.to, "submission_id": self.submission_id}
        return {k: v for k, v in pairs.items() if v}

    def api_params(self, paging: Paging) -> dict[str, Any]:
        """The notify API's query: these filters and one page."""
        return {**self.as_args(), "limit": paging.size, "offset": paging.offset}
