"""Edition rules, in plain Python: the phase instants must follow the contest's order."""

from __future__ import annotations

from datetime import datetime

from submission.domain.reasons import Reasons, reason

# Every phase instant an edition has, in the order of the contest.
PHASE_KEYS = (
    "submission_opens",
    "submission_closes",
    "nomination_opens",
    "nomination_closes",
    "nominees_published_at",
    "voting_opens",
    "voting_closes",
    "selection_opens",
    "selection_closes",
    "forum_opens",
    "ceremony_at",
    "forum_closes",
)

# (earlier, later, strict): `earlier` must come before `later` (or at the same instant if not strict).
PHASE_ORDER = (
    ("submission_opens", "submission_closes", True),
    ("submission_closes", "nomination_opens", False),
    ("nomination_opens", "nomination_closes", True),
    ("nomination_closes", "nominees_published_at", False),
    ("nominees_published_at", "voting_opens", False),
    ("voting_opens", "voting_closes", True),
    ("voting_closes", "selection_opens", False),
    ("selection_opens", "selection_closes", True),
    ("selection_closes", "ceremony_at", False),
    ("forum_opens", "ceremony_at", False),
    ("ceremony_at", "forum_closes", False),
)


def phase_order_errors(phases: dict[str, datetime]) -> Reasons:
    """Every violation of the phase order, by date key; empty when the schedule makes sense."""
    errors: Reasons = {}
    for earlier, later, strict in PHASE_ORDER:
        a, b = phases.get(earlier), phases.get(later)
        if a is None or b is None:
            continue
        if (a >= b) if strict else (a > b):
            relation = "before" if strict else "no later than"
            errors.setdefault(later, []).append(reason(
                "phase.order", shown={"relation": relation},
                earlier=earlier, later=later, at=a.isoformat(), strict=strict))
    return errors
