"""Form helpers: problem `errors` (dotted field names) beside the inputs of the same name,
and the reasons the services give. Words are counted by wsis_common.words, as the submission
service counts them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext
from markupsafe import Markup, escape

from portal.i18n import current_language
from portal.pages import reasons


def field_id(name: str) -> str:
    """The HTML id of the input named `name` (a dotted field name of the API)."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def N_(text: str) -> str:
    """Marks a string for the catalogues (pybabel -k N_) without translating it here."""
    return text


# Reasons the services give in English, translated when shown; any other reason is shown as
# sent, marked as English.
KNOWN_REASONS = frozenset({
    N_("Use 3 to 60 letters, digits, dots, dashes or underscores."),
    N_("This is not an e-mail address."),
    N_("Do not use your user name or e-mail as the password."),
    N_("The organisation's name is required."),
    N_("Choose a country from the list (ISO 3166 code)."),
    N_("This user name is taken; choose another."),
    N_("An account with this e-mail exists; log in instead."),
    N_("Choose exactly one of the 18 categories."),
    N_("The project needs a title."),
    N_("The entity's name is required."),
    N_("The entity's type is required."),
    N_("The entity's country is required."),
    N_("The coordinator's name is required."),
    N_("The coordinator's e-mail is required."),
    N_("Claim at least one Sustainable Development Goal."),
    N_("This form needs one photo of the project."),
    N_("This entity has already submitted a project in this category."),
    N_("Missing data for required field."),
    N_("This is not your current password."),
    N_("Say which submission rule the project fails: it will be out."),
    N_("Write a comment for the expert group."),
    N_("The project must be completed, or a key phase of it concluded, so that its results can be "
       "shown (completed or key_phase_concluded)."),
})
_AT_LEAST = re.compile(r"^Use at least (\d+) characters\.$")
# The submission service's reasons about a box: "<label> is required.", "<label> has N words;
# it needs at least M." / "it may have at most M."; the label is a box's or an SDG link's.
_REQUIRED = re.compile(r"^(.+) is required\.$")
_TOO_FEW = re.compile(r"^(.+) has (\d+) words; it needs at least (\d+)\.$")
_TOO_MANY = re.compile(r"^(.+) has (\d+) words; it may have at most (\d+)\.$")
_SDG_LINK = re.compile(r"^The link between the action line and SDG (\d+)$")
_NOT_CLAIMED = re.compile(r"^SDG (\d+) is not among the SDGs claimed\.$")


def _what(label: str) -> str | None:
    """A box's label in the visitor's language, if the catalogues have it (the shipped boxes'
    labels are in portal/pages/labels.py)."""
    link = _SDG_LINK.match(label)
    if link:
        return gettext("How the action line advances SDG %(number)s", number=link.group(1))
    translated = gettext(label)
    return translated if translated != label or current_language() == "en" else None


@dataclass(frozen=True)
class Reason:
    text: str
    translated: bool  # False: shown as the service sent it (in English)


def coded_reason(document: Any, text: str) -> Reason:
    """A reason from its code and params (a problem's `reasons`), in the visitor's language; a
    code this page does not know falls back to the English `text`, as a service without codes."""
    if isinstance(document, dict) and isinstance(document.get("code"), str):
        params = document.get("params")
        said = reasons.say(document["code"], params if isinstance(params, dict) else {})
        if said is not None:
            return Reason(said, True)
    return reason(text)


def reason(text: str) -> Reason:
    if text in KNOWN_REASONS:
        return Reason(gettext(text), True)
    match = _AT_LEAST.match(text)
    if match:
        return Reason(gettext("Use at least %(n)s characters.", n=match.group(1)), True)
    match = _NOT_CLAIMED.match(text)
    if match:
        return Reason(gettext("SDG %(number)s is not among the SDGs claimed.", number=match.group(1)), True)
    for pattern in (_TOO_FEW, _TOO_MANY, _REQUIRED):
        match = pattern.match(text)
        what = _what(match.group(1)) if match else None
        if match and what is not None:
            if pattern is _REQUIRED:
                return Reason(gettext("%(what)s: this box is required.", what=what), True)
            words, limit = match.group(2), match.group(3)
            if pattern is _TOO_FEW:
                return Reason(gettext("%(what)s has %(words)s words; it needs at least %(limit)s.",
                                      what=what, words=words, limit=limit), True)
            return Reason(gettext("%(what)s has %(words)s words; it may have at most %(limit)s.",
                                  what=what, words=words, limit=limit), True)
    return Reason(text, False)


@dataclass
class FormErrors:
    """Every reason by field name, and those that belong to no input of the form."""

    by_field: dict[str, list[Reason]] = field(default_factory=dict)
    general: list[Reason] = field(default_factory=list)
    order: tuple[str, ...] = ()  # the form's inputs as they appear on it

    @classmethod
    def of(cls, errors: dict[str, list[str]] | None, fields: set[str] | None = None,
           aliases: dict[str, str] | None = None, *, coded: dict[str, list[Any]] | None = None,
           order: tuple[str, ...] = ()) -> FormErrors:
        """Reasons by input name. `fields` are the form's inputs (others go to `general`);
        `aliases` maps an API field name to the input that shows it; `coded` is the problem's
        `reasons` (codes and params at the same places as `errors`), said in the visitor's
        language; `order` is the inputs' order on the form, which the summary follows."""
        result = cls(order=order)
        for name, found in (errors or {}).items():
            target = (aliases or {}).get(name, name)
            texts = found if isinstance(found, list) else [str(found)]
            codes = (coded or {}).get(name)
            codes = codes if isinstance(codes, list) and len(codes) == len(texts) else [None] * len(texts)
            shown = [coded_reason(code, str(text)) for code, text in zip(codes, texts, strict=True)]
            if fields is None or target in fields:
                result.by_field.setdefault(target, []).extend(shown)
            else:
                result.general.extend(shown)
        return result

    @classmethod
    def of_problem(cls, problem: dict[str, Any], fields: set[str],
                   order: tuple[str, ...] = ()) -> FormErrors:
        """Every reason of a service's problem document; its detail when it has no `errors`."""
        errors, coded = problem.get("errors"), problem.get("reasons")
        result = cls.of(errors if isinstance(errors, dict) else None, fields,
                        coded=coded if isinstance(coded, dict) else None, order=order)
        if not result and problem.get("detail"):
            result.general.append(coded_reason(problem.get("reason"), str(problem["detail"])))
        return result

    def add(self, name: str, text: str) -> None:
        self.by_field.setdefault(name, []).append(Reason(text, True))

    def __bool__(self) -> bool:
        return bool(self.by_field or self.general)

    def get(self, name: str) -> list[Reason]:
        return self.by_field.get(name, [])

    def summary(self) -> list[tuple[str | None, Reason]]:
        """(field name or None, reason) for the list at the top of the form: in the order the
        inputs appear on the form (fields it does not place after them), then the reasons that
        belong to no input."""
        place = {name: index for index, name in enumerate(self.order)}
        names = sorted(self.by_field, key=lambda name: place.get(name, len(place)))
        items: list[tuple[str | None, Reason]] = [(n, r) for n in names for r in self.by_field[n]]
        items.extend((None, r) for r in self.general)
        return items


def aria_attributes(errors: FormErrors, name: str, hint: bool = False, extra: str | None = None) -> Markup:
    """aria-describedby (hint, extra, errors) and aria-invalid of the input named `name`."""
    ids = [field_id(name) + "-hint"] if hint else []
    if extra:
        ids.append(extra)
    if errors.get(name):
        ids.append(field_id(name) + "-errors")
    attributes = f' aria-describedby="{escape(" ".join(ids))}"' if ids else ""
    if errors.get(name):
        attributes += ' aria-invalid="true"'
    return Markup(attributes)


def form_value(data: Any, dotted: str) -> Any:
    """The value at a dotted path of nested dicts ('' when absent)."""
    value = data
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return ""
        value = value.get(part, "")
    return "" if value is None else value
