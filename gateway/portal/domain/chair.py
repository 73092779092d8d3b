"""The chair's console in plain rules: where a category stands (one state a person reads), the
ranking as table rows (each expert's sheet, the spread, the flags), and which N submissions
the nominee form preselects. The review service decides; these only say what it answered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from wsis_common import nomination

# A category's states, in the order the contest goes through them.
STATES = ("open", "closed", "nominees_confirmed", "finalists", "winner_picked")


def category_state(row: dict[str, Any]) -> str:
    """The furthest state a category of the review service's status has reached."""
    if row.get("winner_picked"):
        return "winner_picked"
    if row.get("finalists"):
        return "finalists"
    if row.get("nominees_confirmed"):
        return "nominees_confirmed"
    if row.get("closed"):
        return "closed"
    return "open"


@dataclass(frozen=True)
class ExpertSheet:
    name: str
    mean: float | None
    complies: bool
    compliance_note: str
    scores: dict[str, int]


@dataclass(frozen=True)
class RankRow:
    submission_id: str
    title: str
    entity: str
    rank: int | None
    score: float | None
    reviews: int
    required: int
    stdev: float | None
    spread: float | None
    disagreement: bool
    complies: bool
    failing_rules: list[str]
    experts: list[ExpertSheet] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return nomination.complete(self.reviews, self.required)

    @property
    def eligible(self) -> bool:
        return nomination.eligible(self.reviews, self.required, out=not self.complies)


def ranking_rows(ranking: dict[str, Any]) -> list[RankRow]:
    """The ranking's standings, best first as the service ordered them."""
    rows = []
    for s in ranking.get("standings") or []:
        experts = [ExpertSheet(name=str(e.get("name") or e.get("expert_id") or ""), mean=e.get("mean"),
                               complies=bool(e.get("complies", True)),
                               compliance_note=str(e.get("compliance_note") or ""),
                               scores=dict(e.get("scores") or {}))
                   for e in s.get("experts") or []]
        rows.append(RankRow(
            submission_id=str(s["submission_id"]), title=str(s.get("title") or ""),
            entity=str(s.get("entity") or ""), rank=s.get("rank"), score=s.get("score"),
            reviews=int(s.get("reviews") or 0), required=int(s.get("required") or 0),
            stdev=s.get("stdev"), spread=s.get("range"), disagreement=bool(s.get("large_disagreement")),
            complies=not s.get("out"), failing_rules=[str(r) for r in s.get("out_reasons") or [] if r],
            experts=experts))
    return rows


def preselected(ranking: dict[str, Any], rows: list[RankRow]) -> list[str]:
    """The nominees the form ticks: the confirmed list once there is one, else the top N of the
    eligible (N from the edition's parameters; all of them when it sets none)."""
    if ranking.get("nominees_confirmed") and ranking.get("nominees"):
        return [str(sid) for sid in ranking["nominees"]]
    eligible = [row.submission_id for row in rows if row.eligible and row.rank is not None]
    size = ranking.get("nominees_per_category")
    return eligible if size is None else eligible[:int(size)]


# The review service's refusals, in English with their numbers and titles in them: recognised
# here so that the page says them in its own language (an unknown one is shown as sent).
_REFUSALS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("exact_size", re.compile(r"^The list must have exactly (?P<size>\d+) nominees \((?P<eligible>\d+) "
                              r"eligible\); it has (?P<chosen>\d+)\.$")),
    ("failed_compliance", re.compile(r"^'(?P<title>.*)' failed compliance: it cannot be nominated\.$")),
    ("missing_reviews", re.compile(r"^'(?P<title>.*)' has (?P<reviews>\d+) of (?P<required>\d+) reviews\.$")),
    ("none_chosen", re.compile(r"^Nominate at least one submission\.$")),
    ("twice", re.compile(r"^A submission is listed twice\.$")),
    ("not_closed", re.compile(r"^Close (?P<category>\S+) first")),
    ("published", re.compile(r"^The (?P<year>\d{4}) nominee lists are published")),
    ("lack_reviews", re.compile(r"^(?P<count>\d+) submission\(s\) of (?P<category>\S+) lack reviews")),
    ("already_decided", re.compile(r"^The winner of (?P<category>\S+) was picked on (?P<at>\S+);")),
    ("ceremony_passed", re.compile(r"^The ceremony has taken place")),
    ("not_finalist", re.compile(r"^Only a finalist of the category can win\.$|^Not a finalist of")),
    ("score_missing", re.compile(r"^Score this criterion")),
    ("score_range", re.compile(r"^A whole number from (?P<low>-?\d+) to (?P<high>-?\d+)\.$")),
    ("note_missing", re.compile(r"^Write the analysis")),
)


def refusal(text: str) -> tuple[str, dict[str, str]] | None:
    """(code, params) of a refusal this console knows, None for any other."""
    for code, pattern in _REFUSALS:
        match = pattern.match(text)
        if match:
            return code, {k: v for k, v in match.groupdict().items() if v is not None}
    return None
