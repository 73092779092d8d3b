"""Every phase-1 rule that can be judged from the form itself and the edition: each returns
its reasons field by field, so that a stakeholder gets all of them at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from submission.domain.form import FormTemplate
from submission.domain.language import language_name, non_english
from submission.domain.reasons import Reason, Reasons, reason
from wsis_common.phases import Window
from wsis_common.words import count_words

PROJECT_STATUSES = ("completed", "key_phase_concluded")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

Errors = Reasons


@dataclass
class ProjectForm:
    """What a stakeholder filled in (a draft may leave anything empty)."""

    category: str | None = None
    title: str | None = None
    entity: dict[str, str] = field(default_factory=dict)
    coordinator: dict[str, str] = field(default_factory=dict)
    project_status: str | None = None
    sdgs: list[int] = field(default_factory=list)
    answers: dict[str, object] = field(default_factory=dict)
    has_photo: bool = False

    def answer(self, name: str) -> str:
        value = self.answers.get(name)
        return value if isinstance(value, str) else ""

    def sdg_links(self) -> dict[str, str]:
        links = self.answers.get("sdg_links")
        return {str(k): v for k, v in links.items()} if isinstance(links, dict) else {}


def _add(errors: Errors, key: str, found: Reason) -> None:
    errors.setdefault(key, []).append(found)


def check_window(now: datetime, window: Window) -> Errors:
    """The submission window (the shared phase window): 22:59:59 counts; 23:00:00 Geneva is
    too late."""
    if window.not_yet(now):
        return {"deadline": [reason("window.not_open", at=_iso(window.opens))]}
    if window.is_over(now):
        return {"deadline": [reason("window.closed", at=_iso(window.closes))]}
    return {}


def _iso(instant: datetime | None) -> str | None:
    return instant.isoformat() if instant else None


def check_form(form: ProjectForm, template: FormTemplate, categories: set[str], sdgs: set[int]) -> Errors:
    errors: Errors = {}
    if not form.category:
        _add(errors, "category", reason("category.required"))
    elif form.category not in categories:
        _add(errors, "category", reason("category.unknown", category=form.category))
    if not (form.title or "").strip():
        _add(errors, "title", reason("title.required"))
    for part in ("name", "type", "country"):
        if not (form.entity.get(part) or "").strip():
            _add(errors, f"entity.{part}", reason("entity.required", part=part))
    if not (form.coordinator.get("name") or "").strip():
        _add(errors, "coordinator.name", reason("coordinator.name_required"))
    email = (form.coordinator.get("email") or "").strip()
    if not email:
        _add(errors, "coordinator.email", reason("coordinator.email_required"))
    elif not _EMAIL.match(email):
        _add(errors, "coordinator.email", reason("coordinator.email_invalid", email=email))
    if form.project_status not in PROJECT_STATUSES:
        _add(errors, "project_status", reason("project_status.invalid"))
    _check_sdgs(form, template, sdgs, errors)
    for box in template.boxes:
        _check_box(f"answers.{box.name}", form.answer(box.name), box.min_words, box.max_words, errors,
                   kind="box", box=box.name, label=box.label)
    if template.photo and template.photo.required and not form.has_photo:
        _add(errors, "photo", reason("photo.required"))
    return errors


def _check_sdgs(form: ProjectForm, template: FormTemplate, known: set[int], errors: Errors) -> None:
    if template.sdg_link_min_words is None:
        return
    if not form.sdgs:
        _add(errors, "sdgs", reason("sdgs.required"))
    for number in form.sdgs:
        if number not in known:
            _add(errors, "sdgs", reason("sdgs.unknown", number=number))
    links = form.sdg_links()
    for number in sorted(set(form.sdgs) & known):
        _check_box(f"answers.sdg_links.{number}", links.get(str(number), ""), template.sdg_link_min_words,
                   None, errors, kind="sdg_link", number=number)
    for extra in sorted(set(links) - {str(n) for n in form.sdgs}):
        _add(errors, f"answers.sdg_links.{extra}", reason("sdg_link.not_claimed", number=extra))


def _check_box(key: str, text: str, least: int | None, most: int | None, errors: Errors, *, kind: str,
               **about: object) -> None:
    """A box's word limits; `kind` is "box" (about: its name and label) or "sdg_link" (its SDG)."""
    count = count_words(text)
    if count == 0:
        _add(errors, key, reason(f"{kind}.required", **about))
        return
    if least and count < least:
        _add(errors, key, reason(f"{kind}.too_few", **about, words=count, limit=least))
    if most and count > most:
        _add(errors, key, reason(f"{kind}.too_many", **about, words=count, limit=most))


def check_english(form: ProjectForm, template: FormTemplate) -> Errors:
    """Rule 10: every text is in English."""
    errors: Errors = {}
    texts = {f"answers.{box.name}": form.answer(box.name) for box in template.boxes}
    texts.update({f"answers.sdg_links.{k}": v for k, v in form.sdg_links().items() if isinstance(v, str)})
    for key, text in texts.items():
        language = non_english(text)
        if language:
            _add(errors, key, reason("text.not_english", language=language,
                                     shown={"language_name": language_name(language)}))
    return errors
