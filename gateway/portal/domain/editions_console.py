"""The WSIS team's edition pages as plain rules, so that they can be read and tested without a
web app: a new edition copied from an earlier one, the form's boxes read back from the page's
inputs, the edition's history and the review audit trail turned into rows, and a past winners'
CSV read line by line.
Nothing here imports Flask or says a word to a person: the pages put the words around it."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from wsis_common.phases import parse_instant

# -- a new edition from an earlier one --

def _shifted(instant: str, years: int) -> str:
    """The same wall-clock moment `years` later (29 February falls back to the 28th)."""
    moment = parse_instant(instant)
    try:
        return moment.replace(year=moment.year + years).isoformat()
    except ValueError:
        return moment.replace(year=moment.year + years, day=28).isoformat()


def edition_from_template(template: Mapping[str, Any], year: int, ordinal: int) -> dict[str, Any]:
    """The body that creates edition `year` as a copy of `template`: its parameters and form as
    they are, its dates moved by the years between them (the team adjusts them afterwards)."""
    years = year - int(template["year"])
    return {
        "year": year,
        "ordinal": ordinal,
        "phases": {key: _shifted(str(value), years) for key, value in template["phases"].items()},
        "parameters": {key: value for key, value in template["parameters"].items() if value is not None
                       or key == "nominees_per_category"},
        "form": dict(template["form"]),
    }


def next_ordinal(editions: list[Mapping[str, Any]], year: int) -> int:
    """The ordinal that follows the latest edition before `year` (1 when there is none)."""
    earlier = [e for e in editions if int(e["year"]) < year]
    return int(max(earlier, key=lambda e: e["year"])["ordinal"]) + 1 if earlier else 1


# -- the questionnaire's boxes, as the page sends them back --

BOX_PARTS = ("name", "label", "min_words", "min_words_from", "max_words", "max_words_from")


@dataclass
class FormInput:
    """The form as the page sent it, and what in it is not a number where one is needed."""

    form: dict[str, Any]
    not_numbers: list[str] = field(default_factory=list)  # input names


def _number(fields: Mapping[str, str], name: str, wrong: list[str]) -> int | None:
    text = fields.get(name, "").strip()
    if not text:
        return None
    if not text.isdigit():
        wrong.append(name)
        return None
    return int(text)


def form_from_inputs(current: Mapping[str, Any], fields: Mapping[str, str], count: int) -> FormInput:
    """The edition's form with the page's boxes `box.<i>.<part>` (a box whose name and label are
    both empty is dropped: that is how a box is removed), its photo and SDG-link rules."""
    wrong: list[str] = []
    boxes = []
    for index in range(count):
        prefix = f"box.{index}."
        if fields.get(prefix + "remove") == "1":
            continue
        name, label = fields.get(prefix + "name", "").strip(), fields.get(prefix + "label", "").strip()
        if not name and not label:
            continue
        box: dict[str, Any] = {"name": name, "label": label}
        for part in ("min_words", "max_words"):
            number = _number(fields, prefix + part, wrong)
            source = fields.get(prefix + part + "_from", "").strip()
            if number is not None:
                box[part] = number
                if source:
                    box[part + "_from"] = source
        boxes.append(box)
    form = {**current, "boxes": boxes}
    if fields.get("photo.required") == "1":
        form["photo"] = {**(current.get("photo") or {"max_bytes": 5_000_000}), "required": True}
    else:
        form["photo"] = None
    sdg_minimum = _number(fields, "sdg_links.min_words", wrong)
    if sdg_minimum is None:
        form["sdg_links"] = None
    else:
        source = fields.get("sdg_links.min_words_from", "").strip()
        form["sdg_links"] = {"min_words": sdg_minimum, **({"min_words_from": source} if source else {})}
    return FormInput(form=form, not_numbers=wrong)


# -- parameters --

PARAMETERS = ("nominees_per_category", "finalists_per_category", "winners_per_category",
              "reviewers_per_submission")


def parameters_from_inputs(current: Mapping[str, Any], fields: Mapping[str, str]) -> FormInput:
    """The parameters the page changed (a FormInput whose `form` holds the PATCH's parameters)."""
    wrong: list[str] = []
    changes: dict[str, Any] = {}
    for key in PARAMETERS:
        name = f"parameters.{key}"
        number = _number(fields, name, wrong)
        if number is None and name in wrong:
            continue
        if number is None and key != "nominees_per_category":
            continue  # only the nominees' number may be "not fixed" (as in 2018)
        if number != current.get(key):
            changes[key] = number
    scale = current.get("review_scale")
    low = _number(fields, "parameters.review_scale.min", wrong)
    high = _number(fields, "parameters.review_scale.max", wrong)
    if low is not None and high is not None and {"min": low, "max": high} != scale:
        changes["review_scale"] = {"min": low, "max": high}
    return FormInput(form=changes, not_numbers=wrong)


# -- the edition's history (submission service) --

@dataclass(frozen=True)
class Change:
    """One value of the edition that changed: its part ("phases", "parameters", "form"), key."""

    part: str
    key: str
    before: Any
    after: Any


def _box_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    old = {b["name"]: b for b in before.get("boxes", []) if isinstance(b, dict)}
    new = {b["name"]: b for b in after.get("boxes", []) if isinstance(b, dict)}
    changes = [Change("form", f"box.{name}", old.get(name), new.get(name))
               for name in list(old) + [n for n in new if n not in old] if old.get(name) != new.get(name)]
    for key in ("photo", "sdg_links", "voter_text"):
        if before.get(key) != after.get(key):
            changes.append(Change("form", key, before.get(key), after.get(key)))
    return changes


def edition_changes(before: Mapping[str, Any] | None, after: Mapping[str, Any],
                    phase_order: tuple[str, ...] = ()) -> list[Change]:
    """What one history entry changed, value by value (everything, for the edition's creation),
    the dates in `phase_order` (the contest's)."""
    before = before or {}
    changes = []
    for part in ("phases", "parameters"):
        old, new = before.get(part) or {}, after.get(part) or {}
        keys = sorted(set(old) | set(new), key=lambda k: (phase_order.index(k) if k in phase_order
                                                          else len(phase_order), k))
        for key in keys:
            if old.get(key) != new.get(key):
                changes.append(Change(part, key, old.get(key), new.get(key)))
    changes.extend(_box_changes(before.get("form") or {}, after.get("form") or {}))
    return changes


# -- the review service's audit trail --

AUDIT_KINDS: dict[str, str] = {
    "edition.received": "edition", "edition.changed": "edition",
    "category.closed": "nominees", "category.reopened": "nominees", "nominees.confirmed": "nominees",
    "nominees.published": "nominees",
    "finalists.received": "winners", "winner.picked": "winners", "winners.announced": "winners",
    "expert.recorded": "experts", "expert.assigned": "experts", "expert.unassigned": "experts",
    "experts.spread": "experts",
}


def audit_kind(action: str) -> str:
    return AUDIT_KINDS.get(action, "other")


def audit_entries(entries: list[Mapping[str, Any]], kind: str = "") -> list[Mapping[str, Any]]:
    """The audit trail, newest first, of one kind (every kind when `kind` is empty)."""
    chosen = [e for e in entries if not kind or audit_kind(str(e.get("action", ""))) == kind]
    return sorted(chosen, key=lambda e: (str(e.get("at", "")), e.get("id", 0)), reverse=True)


# -- past winners, imported from a CSV --

WINNER_COLUMNS = ("year", "category", "title", "entity_name", "description")


@dataclass(frozen=True)
class LineError:
    line: int  # 1 is the header
    code: str  # "columns", "year", "category", "title"
    value: str = ""


@dataclass
class WinnersInput:
    winners: list[dict[str, Any]] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


def winners_from_csv(text: str, categories: set[str], this_year: int) -> WinnersInput:
    """Past winners from a CSV whose header names the columns (year, category, title, and
    optionally entity_name, description); every line that cannot be used is named."""
    result = WinnersInput()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in reader.fieldnames or []]
    if not {"year", "category", "title"} <= set(header):
        result.errors.append(LineError(1, "columns", ", ".join(header)))
        return result
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        if not any(row.values()):
            continue
        year = row.get("year", "")
        if not year.isdigit() or not 2012 <= int(year) <= this_year:
            result.errors.append(LineError(number, "year", year))
        elif row.get("category", "") not in categories:
            result.errors.append(LineError(number, "category", row.get("category", "")))
        elif not row.get("title"):
            result.errors.append(LineError(number, "title"))
        else:
            result.winners.append({"year": int(year), "category": row["category"], "title": row["title"],
                                   "entity_name": row.get("entity_name", ""),
                                   "description": row.get("description", "")})
    return result


def is_instant(value: Any) -> bool:
    """True for a value that reads as an instant (shown in Geneva time, never as sent)."""
    if not isinstance(value, str) or len(value) < 16:
        return False
    try:
        parse_instant(value)
    except (ValueError, TypeError):
        return False
    return True


def next_date(phases: Mapping[str, Any], now: datetime) -> tuple[str, datetime] | None:
    """The edition's next date after `now` (its key and instant); None once every date passed."""
    instants = ((parse_instant(str(v)), k) for k, v in phases.items() if v)
    coming = sorted((at, key) for at, key in instants if at > now)
    return (coming[0][1], coming[0][0]) if coming else None
