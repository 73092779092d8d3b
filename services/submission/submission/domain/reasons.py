"""Why a submission is refused, as data: a code and its parameters, with the English text made
from the code's template. API clients keep reading the English in `errors`; the pages read the
code and parameters (`reasons`, in the same order) and say it in the visitor's language, so no
page has to parse an English sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# code -> English template (str.format over the reason's params and any display-only extras).
TEMPLATES = {
    "window.not_open": "Submissions open at {at}.",
    "window.closed": "Submissions closed at {at}; nothing is accepted after it.",
    "category.required": "Choose exactly one of the 18 categories.",
    "category.unknown": "{category!r} is not one of the 18 categories.",
    "category.one_per_entity": "This entity has already submitted a project in {category} this year "
                               "({title!r}); one project per entity per category.",
    "category.taken": "This entity has already submitted a project in this category.",
    "title.required": "The project needs a title.",
    "entity.required": "The entity's {part} is required.",
    "coordinator.name_required": "The coordinator's name is required.",
    "coordinator.email_required": "The coordinator's e-mail is required.",
    "coordinator.email_invalid": "{email!r} is not an e-mail address.",
    "project_status.invalid": "The project must be completed, or with a key phase concluded, so that its "
                              "results can be shown.",
    "sdgs.required": "Claim at least one Sustainable Development Goal.",
    "sdgs.unknown": "SDG {number} does not exist (1 to 17).",
    "sdgs.not_numbers": "SDGs are whole numbers from 1 to 17.",
    "answer.unknown_box": "The form has no such box.",
    "answer.not_text": "An answer is a text.",
    "answer.too_long": "This answer has {length:,} characters; the limit is {limit:,}.",
    "answer.sdg_links_not_object": "The SDG links are a text per SDG number.",
    "sdg_link.not_claimed": "SDG {number} is not among the SDGs claimed.",
    "sdg_link.required": "The link between the action line and SDG {number} is required.",
    "sdg_link.too_few": "The link between the action line and SDG {number} has {words} words; "
                        "it needs at least {limit}.",
    "box.required": "{label} is required.",
    "box.too_few": "{label} has {words} words; it needs at least {limit}.",
    "box.too_many": "{label} has {words} words; it may have at most {limit}.",
    "text.not_english": "Submissions are in English; this text reads as {language_name}.",
    "project.already_submitted": "This project was already submitted this year; a project may be "
                                 "submitted only once.",
    "project.already_submitted_by_you": "This project was already submitted by your organisation as "
                                        "\u201c{title}\u201d ({category}, submitted at {submitted_at}); "
                                        "a project may be submitted only once.",
    "winner.same_project": "This project won an earlier edition ({winner}); past winners are not eligible.",
    "winner.same_title": "A project with this title won an earlier edition ({winner}); past winners "
                         "are not eligible.",
    "photo.required": "This form needs one photo of the project.",
    "photo.not_asked": "Not asked for.",
    "photo.missing": "No file was sent.",
    "photo.empty": "The file is empty.",
    "photo.too_many_bytes": "The file has {size:,} bytes; the limit is {limit:,}.",
    "photo.unreadable": "The file is not a readable JPEG, PNG or WebP image.",
    "photo.format": "{format} images are not accepted; send JPEG, PNG or WebP.",
    "photo.too_many_pixels": "{width}x{height} pixels is more than a photo needs.",
    "submission.not_found": "There is no such submission among yours.",
    "submission.not_draft": "This submission is {status}, not a draft.",
    "draft.already_submitted": "Only a draft can be changed; this submission was already submitted.",
    "photo.not_draft": "A photo is added to a draft, before it is submitted.",
    # an edition's dates (schedule.py, past_dates.py)
    "phase.order": "must come after {earlier} ({at}), as {earlier} must be {relation} {later}.",
    "change.reason_required": "Dates that have passed, or would have, are moved ({listed}): say why "
                              "in `reason`; the audit trail keeps it.",
    "phase.started": "{date} passed at {at}: the phase has begun, and its start cannot move.",
    "phase.reopened": "{date} passed at {at}: a closed phase cannot be reopened.",
    "phase.shortened": "{date} passed at {at}: a closed phase cannot be shortened.",
    "nominees.published": "The nominee lists were published at {at}: {date} cannot move.",
    "winners.published": "The winners were announced at {at}: {date} cannot move.",
    "deadline.before_submissions": "A submission was accepted at {latest}: {date} cannot move before it.",
    "vote.running": "The vote has been open since {opens}: votes may have been cast after the new close, "
                    "and only the voting service knows them; close the vote at a date still to come.",
}


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    text: str = ""

    def document(self) -> dict[str, Any]:
        """What the problem's `reasons` member says of it."""
        return {"code": self.code, "params": dict(self.params)}


def reason(code: str, /, *, shown: dict[str, Any] | None = None, **params: Any) -> Reason:
    """The reason `code` with its params; `shown` are values the English text needs but the
    params do not carry (a language's English name: the page names it in its own language)."""
    return Reason(code, params, TEMPLATES[code].format(**params, **(shown or {})))


Reasons = dict[str, list[Reason]]


def texts(reasons: Reasons) -> dict[str, list[str]]:
    """The problem's `errors`: every field with the English of each of its reasons."""
    return {key: [r.text for r in found] for key, found in reasons.items()}


def documents(reasons: Reasons) -> dict[str, list[dict[str, Any]]]:
    """The problem's `reasons`: the same fields and order as `errors`, as codes and params."""
    return {key: [r.document() for r in found] for key, found in reasons.items()}


def merge(into: Reasons, more: Reasons) -> None:
    for key, found in more.items():
        into.setdefault(key, []).extend(found)
