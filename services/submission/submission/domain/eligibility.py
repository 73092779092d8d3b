"""Whether a project may enter at all, beyond its own form (domain/rules.py): one project per
entity and category (rule 4), the same project never twice, and past winners not eligible
(rule 11). The look-ups (the accepted submissions, the fingerprints, the past winners) are the
use case's; what they found is judged here, every reason at once.

The same project is told by its text: the title and every long answer (`project_text`). The
same project refused to another organisation says only that it was already submitted; to its
own organisation (same entity key) it names the earlier submission."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from submission.domain.form import FormTemplate
from submission.domain.reasons import Reason, reason
from submission.domain.rules import Errors


class Project(Protocol):
    """A filled questionnaire: a stored submission or a ProjectForm."""

    @property
    def title(self) -> str | None: ...

    @property
    def answers(self) -> Mapping[str, Any] | None: ...


class Earlier(Protocol):
    """An accepted submission the new one reads the same as."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str | None: ...

    @property
    def category(self) -> str | None: ...

    @property
    def entity_key(self) -> str | None: ...

    @property
    def submitted_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class Found:
    """What the look-ups found for a submission about to be accepted."""

    category: str | None
    entity_key: str
    taken: str | None = None  # the title of the entity's accepted project in this category
    duplicate: bool = False  # an accepted submission of the edition reads the same...
    earlier: Earlier | None = None  # ...this one, while it is still stored
    winner_project: str | None = None  # the label of a past winner that reads the same
    winner_title: str | None = None  # "<title>, <year>" of a past winner with the same title


def project_text(sub: Project, template: FormTemplate) -> str:
    """The text compared for near-duplicates: the title and every long answer."""
    answers = sub.answers or {}
    parts = [answers.get(box.name, "") for box in template.boxes]
    links = answers.get("sdg_links")
    if isinstance(links, dict):
        parts += [v for _k, v in sorted(links.items()) if isinstance(v, str)]
    return "\n".join([sub.title or "", *[p for p in parts if isinstance(p, str)]])


def conflicts(found: Found) -> Errors:
    """Every reason the look-ups give, by field; a past winner's title only when the title
    is not refused already."""
    errors: Errors = {}
    if found.taken is not None:
        errors["category"] = [reason("category.one_per_entity", category=found.category, title=found.taken)]
    if found.duplicate:
        errors.setdefault("title", []).append(already_submitted(found.earlier, found.entity_key))
    if found.winner_project is not None:
        errors.setdefault("title", []).append(reason("winner.same_project", winner=found.winner_project))
    if found.winner_title and "title" not in errors:
        errors["title"] = [reason("winner.same_title", winner=found.winner_title)]
    return errors


def already_submitted(earlier: Earlier | None, key: str) -> Reason:
    """The same project, already accepted: named only to its own organisation (same entity
    key); to another organisation it says nothing of whose project it is."""
    if earlier is None or earlier.entity_key != key or not key:
        return reason("project.already_submitted")
    submitted = earlier.submitted_at.isoformat() if earlier.submitted_at else ""
    return reason("project.already_submitted_by_you", title=earlier.title or "",
                  category=earlier.category or "", submitted_at=submitted, submission_id=earlier.id)
