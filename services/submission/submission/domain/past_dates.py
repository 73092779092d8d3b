"""Moving an edition's dates once they have passed, in plain Python over `Schedule`.

A date that has passed is history: moving one (from the past, or into it) needs a reason, which
the audit trail keeps with who and when. A move that would rewrite what has happened is refused
whatever the reason:
- a phase that has begun keeps its start (submissions, nomination, vote, selection, forum);
- the nominee lists and the winners, once published, keep their date;
- a closed phase is neither reopened nor shortened (its end may only be corrected later, still
  in the past);
- a deadline brought into the past may not fall before a submission already accepted;
- a running vote may not be closed in the past: the votes are the voting service's, so this
  service cannot know that none were cast after the new close (close it at a date to come).
A running phase's end moved to a date still to come (a deadline extended) needs no reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from submission.domain.reasons import Reason, Reasons, reason
from submission.domain.schedule import PHASE_KEYS
from wsis_common.phases import Schedule

STARTS = ("submission_opens", "nomination_opens", "voting_opens", "selection_opens", "forum_opens")
ENDS = ("submission_closes", "nomination_closes", "voting_closes", "selection_closes", "forum_closes")
# Dates on which something is published for everyone: which fact says it has happened.
PUBLICATIONS = {"nominees_published_at": "nominees", "ceremony_at": "winners"}
REASON_FIELD = "reason"
REASON_MAX_LENGTH = 1000


@dataclass(frozen=True)
class Facts:
    """What the submission service knows has happened in an edition."""

    latest_submission: datetime | None = None  # the latest accepted submission's time
    nominees_published: bool = False  # nominees.published was received
    winners_announced: bool = False  # winners.announced was received

    def published(self, what: str) -> bool:
        return self.nominees_published if what == "nominees" else self.winners_announced


def moved(before: Schedule, after: Schedule) -> list[str]:
    """The dates `after` changes, in the contest's order (the same instant in another offset is
    no change)."""
    return [key for key in PHASE_KEYS if _utc(before.at(key)) != _utc(after.at(key))]


def touching_the_past(before: Schedule, after: Schedule, now: datetime) -> list[str]:
    """The moved dates that had passed, or that would have: each needs a reason."""
    return [key for key in moved(before, after)
            if before.has_passed(key, now) or after.has_passed(key, now)]


def refusals(before: Schedule, after: Schedule, now: datetime, facts: Facts, reason_text: str | None
             ) -> Reasons:
    """Every reason to refuse the move from `before` to `after` at `now`, by field
    ("phases.<key>", and "reason" when one is needed but blank); empty when it may be saved."""
    found: Reasons = {}
    for key in moved(before, after):
        for refusal in _rewrites_history(key, before, after, now, facts):
            found.setdefault(f"phases.{key}", []).append(refusal)
    past = touching_the_past(before, after, now)
    if past and not (reason_text or "").strip():
        found[REASON_FIELD] = [reason("change.reason_required", shown={"listed": ", ".join(past)},
                                      dates=past)]
    return found


def _rewrites_history(key: str, before: Schedule, after: Schedule, now: datetime, facts: Facts
                      ) -> list[Reason]:
    old, new = before.at(key), after.at(key)
    was = old.isoformat() if old else None
    if key in PUBLICATIONS:
        what = PUBLICATIONS[key]
        if before.has_passed(key, now) or facts.published(what):
            return [reason(f"{what}.published", date=key, at=was)]
        return []
    if key in STARTS:
        return [reason("phase.started", date=key, at=was)] if before.has_passed(key, now) else []
    if key not in ENDS or new is None:
        return []
    if before.has_passed(key, now):
        if not after.has_passed(key, now):
            return [reason("phase.reopened", date=key, at=was)]
        return [reason("phase.shortened", date=key, at=was)] if _utc(new) < _utc(old) else []
    if not after.has_passed(key, now):
        return []  # a date to come moved to another date to come
    latest = facts.latest_submission
    if key == "submission_closes" and latest is not None and _utc(latest) >= _utc(new):
        return [reason("deadline.before_submissions", date=key, latest=latest.isoformat())]
    opens = before.at("voting_opens")
    if key == "voting_closes" and opens is not None and before.has_passed("voting_opens", now):
        return [reason("vote.running", date=key, opens=opens.isoformat())]
    return []


def _utc(instant: datetime | None) -> datetime | None:
    return instant.astimezone(UTC) if instant else None
