"""The shape every saved questionnaire has, draft or not: a draft is stored as sent, so
without these limits it held an 11 MB answer, 50,000 made-up answer keys or `sdgs=[1.5]`.
Only the form's own boxes, each a text of bounded length; SDG links keyed by SDG number;
SDGs as whole numbers 1 to 17. The word counts are judged on submission (rules.py)."""

from __future__ import annotations

from typing import Any

from submission.domain.form import FormTemplate
from submission.domain.reasons import Reason, Reasons, reason
from wsis_common import limits
from wsis_common.sdgs import NUMBERS as SDG_NUMBERS

# The contract's limit of a long text (wsis_common.limits): far above any box's word limit,
# room to paste a long draft and cut it down, never a store for megabytes.
LONGEST_ANSWER = limits.LONG_TEXT.max_length


def shape_errors(data: dict[str, Any], template: FormTemplate) -> Reasons:
    """Every field whose shape no questionnaire has, with why; empty when it may be stored."""
    errors: Reasons = {}
    if "sdgs" in data:
        errors.update(_sdg_errors(data["sdgs"]))
    answers = data.get("answers")
    if isinstance(answers, dict):
        errors.update(_answer_errors(answers, {box.name for box in template.boxes}))
    return errors


def _is_sdg(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in SDG_NUMBERS


def _sdg_errors(sdgs: Any) -> Reasons:
    if not isinstance(sdgs, list):
        return {"sdgs": [reason("sdgs.not_numbers")]}
    return {f"sdgs.{i}": [reason("sdgs.not_numbers")] for i, value in enumerate(sdgs) if not _is_sdg(value)}


def _answer_errors(answers: dict[str, Any], boxes: set[str]) -> Reasons:
    errors: Reasons = {}
    for name, value in answers.items():
        field = f"answers.{name}"
        if name == "sdg_links":
            errors.update(_link_errors(value))
        elif name not in boxes:
            errors[field] = [reason("answer.unknown_box")]
        elif (found := _text_reason(value)) is not None:
            errors[field] = [found]
    return errors


def _link_errors(links: Any) -> Reasons:
    if not isinstance(links, dict):
        return {"answers.sdg_links": [reason("answer.sdg_links_not_object")]}
    errors: Reasons = {}
    for number, value in links.items():
        field = f"answers.sdg_links.{number}"
        if not (number.isdigit() and int(number) in SDG_NUMBERS):
            errors[field] = [reason("sdgs.unknown", number=number)]
        elif (found := _text_reason(value)) is not None:
            errors[field] = [found]
    return errors


def _text_reason(value: Any) -> Reason | None:
    if not isinstance(value, str):
        return reason("answer.not_text")
    if len(value) > LONGEST_ANSWER:
        return reason("answer.too_long", length=len(value), limit=LONGEST_ANSWER)
    return None
