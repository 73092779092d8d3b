"""The ranking of a category: how the experts' scores are aggregated.

Each expert's view of a submission is the mean of their eight criterion scores; the
submission's score is the mean of those expert means, so every expert weighs the same
whatever they did with individual criteria. Disagreement is the spread of the expert means:
their standard deviation and their range, flagged as large when the range reaches a quarter
of the scale (1 point on 1-5). A submission that any expert found non-compliant is out; one
with fewer complete reviews than the edition requires is not ranked yet. Equal scores share a
rank (1, 2, 2, 4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from statistics import fmean, pstdev

from review.domain.criteria import SCORED_CRITERIA, Scale, criterion_means, expert_mean
from wsis_common import nomination

LARGE_DISAGREEMENT_SHARE = 0.25
_EPSILON = 1e-9
# How the ranking is made, in short, for the chair (the answer of the ranking route).
AGGREGATION = ("Each expert's mean of the eight scored criteria, then the mean of those expert means. "
               "Disagreement: standard deviation and range of the expert means, flagged as large from "
               f"{LARGE_DISAGREEMENT_SHARE:.0%} of the scale. Any failed compliance puts a "
               "submission out.")


@dataclass(frozen=True)
class Sheet:
    """One expert's review, as the ranking sees it."""

    expert_id: str
    complies: bool
    compliance_note: str
    scores: dict[str, int]


@dataclass(frozen=True)
class Candidate:
    submission_id: str
    title: str
    sheets: Sequence[Sheet]


@dataclass(frozen=True)
class Standing:
    submission_id: str
    title: str
    reviews: int
    required: int
    score: float | None  # mean of the expert means
    criteria: dict[str, float]  # mean per criterion, for the chair
    stdev: float | None
    range: float | None
    large_disagreement: bool
    out: bool
    out_reasons: list[str] = field(default_factory=list)
    rank: int | None = None

    @property
    def complete(self) -> bool:
        return nomination.complete(self.reviews, self.required)

    @property
    def eligible(self) -> bool:
        return nomination.eligible(self.reviews, self.required, out=self.out)


def stand(candidate: Candidate, *, required: int, scale: Scale) -> Standing:
    sheets = list(candidate.sheets)
    means = [expert_mean(s.scores) for s in sheets]
    spread = (max(means) - min(means)) if len(means) > 1 else 0.0 if means else None
    return Standing(
        submission_id=candidate.submission_id,
        title=candidate.title,
        reviews=len(sheets),
        required=required,
        score=fmean(means) if means else None,
        criteria=criterion_means([s.scores for s in sheets], SCORED_CRITERIA),
        stdev=pstdev(means) if len(means) > 1 else 0.0 if means else None,
        range=spread,
        large_disagreement=spread is not None and spread >= LARGE_DISAGREEMENT_SHARE * scale.span - _EPSILON,
        out=any(not s.complies for s in sheets),
        out_reasons=[s.compliance_note for s in sheets if not s.complies],
    )


def rank(candidates: Sequence[Candidate], *, required: int, scale: Scale) -> list[Standing]:
    """Eligible submissions best first with their ranks, then the others (rank None)."""
    standings = [stand(c, required=required, scale=scale) for c in candidates]
    eligible = sorted((s for s in standings if s.eligible), key=lambda s: (-(s.score or 0.0), s.title))
    ranked: list[Standing] = []
    for position, standing in enumerate(eligible, start=1):
        shares = ranked and abs((ranked[-1].score or 0.0) - (standing.score or 0.0)) < _EPSILON
        ranked.append(replace(standing, rank=ranked[-1].rank if shares else position))
    others = sorted((s for s in standings if not s.eligible), key=lambda s: (not s.out, s.title))
    return ranked + others

