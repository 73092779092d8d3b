"""An edition's questionnaire is data: which long boxes it has, with their word limits and
where each limit comes from (the call's words, or the WSIS team's floor where the call gives
none), whether each claimed SDG needs its own box, and whether a photo is required."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Box:
    name: str
    label: str
    min_words: int | None = None
    max_words: int | None = None
    min_words_from: str | None = None  # the source of the number: kept with it, never judged
    max_words_from: str | None = None


@dataclass(frozen=True)
class PhotoRule:
    required: bool
    max_bytes: int


@dataclass(frozen=True)
class FormTemplate:
    boxes: tuple[Box, ...]
    voter_text: str  # the box voters read on the ballot
    sdg_link_min_words: int | None  # None: the form has no per-SDG boxes
    photo: PhotoRule | None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> FormTemplate:
        photo = data.get("photo")
        return cls(
            boxes=tuple(Box(**box) for box in data["boxes"]),
            voter_text=data["voter_text"],
            sdg_link_min_words=(data.get("sdg_links") or {}).get("min_words"),
            photo=PhotoRule(**photo) if photo else None,
        )

    def box(self, name: str) -> Box | None:
        return next((b for b in self.boxes if b.name == name), None)


def template_errors(data: Any) -> list[str]:
    """What is wrong with a template an admin sends (empty when it can be used)."""
    try:
        template = FormTemplate.from_data(data)
    except (KeyError, TypeError, AttributeError) as exc:
        return [f"not a form template: {exc}"]
    problems = []
    if not template.boxes:
        problems.append("a form needs at least one box")
    if template.box(template.voter_text) is None:
        problems.append(f"voter_text names no box: {template.voter_text!r}")
    for box in template.boxes:
        if box.min_words and box.max_words and box.min_words > box.max_words:
            problems.append(f"{box.name}: min_words is above max_words")
    return problems
