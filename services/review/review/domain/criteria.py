"""The nomination criteria of the contest rules (phase 2) and of the winner selection (phase 4),
the scale experts score on, what makes a review sheet (or a finalist's analysis) complete, and
the mean of each criterion over several sheets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any

Errors = dict[str, list[str]]

# Compliance with the submission rules is a yes/no gate, not a degree: a submission that fails
# it is out. The other eight criteria are scored on the edition's scale.
COMPLIANCE = "compliance"
SCORED_CRITERIA: Mapping[str, str] = {
    "alignment": "Strong alignment with the WSIS action lines",
    "outcomes_and_impact": "Outcomes and impact shown clearly",
    "community_empowerment": "Community empowerment",
    "sdg_relevance": "Relevance to the Sustainable Development Goals",
    "replicability": "Replicability of the model",
    "sustainability": "Sustainability",
    "partnership_development": "Partnership development",
    "wsis_values": "Promotion of WSIS values in society",
}
NOMINATION_CRITERIA: Mapping[str, str] = {
    COMPLIANCE: "Compliance with the submission rules",
    **SCORED_CRITERIA,
}
# Phase 4: the expert group weighs these when it analyses the finalists in depth.
SELECTION_CRITERIA: Mapping[str, str] = {
    "scale": "Scale of the project",
    "wsis_impact": "Impact on WSIS implementation",
    "sustainable_development": "Contribution to sustainable development",
}


@dataclass(frozen=True)
class Scale:
    """Integer scores from `low` to `high`; an edition sets it as parameters.review_scale
    {"min": 1, "max": 5}, and 1-5 is used when it does not."""

    low: int = 1
    high: int = 5

    @classmethod
    def of(cls, raw: Any) -> Scale:
        if (isinstance(raw, Mapping) and isinstance(raw.get("min"), int) and isinstance(raw.get("max"), int)
                and raw["min"] < raw["max"]):
            return cls(raw["min"], raw["max"])
        return cls()

    @property
    def span(self) -> int:
        return self.high - self.low

    def describe(self) -> str:
        return f"{self.low}-{self.high}"


def score_errors(scores: Mapping[str, Any], criteria: Mapping[str, str], scale: Scale) -> Errors:
    """Every criterion scored, each an integer on the scale, nothing else: all reasons at once."""
    errors: Errors = {}
    for name in criteria:
        if name not in scores:
            errors[f"scores.{name}"] = [f"Score this criterion ({criteria[name]})."]
    for name, value in scores.items():
        if name not in criteria:
            errors[f"scores.{name}"] = [f"Not a criterion; the criteria are: {', '.join(criteria)}."]
        elif isinstance(value, bool) or not isinstance(value, int) or not scale.low <= value <= scale.high:
            errors[f"scores.{name}"] = [f"A whole number from {scale.low} to {scale.high}."]
    return errors


def review_errors(*, complies: bool, compliance_note: str, scores: Mapping[str, Any],
                  comment: str, scale: Scale) -> Errors:
    errors = score_errors(scores, SCORED_CRITERIA, scale)
    if not complies and not compliance_note.strip():
        errors["compliance_note"] = ["Say which submission rule the project fails: it will be out."]
    if not comment.strip():
        errors["comment"] = ["Write a comment for the expert group."]
    return errors


def analysis_errors(*, scores: Mapping[str, Any], note: str, scale: Scale) -> Errors:
    """Phase 4: every selection criterion scored on the scale, and the analysis written."""
    errors = score_errors(scores, SELECTION_CRITERIA, scale)
    if not note.strip():
        errors["note"] = ["Write the analysis: scale, impact on WSIS implementation, contribution to "
                          "sustainable development."]
    return errors


def expert_mean(scores: Mapping[str, int]) -> float:
    """One expert's overall view of a submission: the mean of their criterion scores."""
    return sum(scores[name] for name in SCORED_CRITERIA) / len(SCORED_CRITERIA)


def criterion_means(sheets: Sequence[Mapping[str, int]], criteria: Iterable[str]) -> dict[str, float]:
    """The mean score of each criterion over several experts' sheets (no sheet: no mean)."""
    return {name: fmean(sheet[name] for sheet in sheets) for name in criteria} if sheets else {}
