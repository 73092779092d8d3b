"""The WSIS team's editions (role admin): the list, a new edition copied from an earlier one, and
an edition's page with its phase dates, parameters and form, each saved through the submission
service's editions API. The API's document is read on every page (not the gateway's copy, which
follows it a few seconds later): the team sees what it just saved."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext

from portal.domain import editions_console as rules
from portal.pages import auth, labels
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, call, get_json
from portal.pages.forms import FormErrors, Reason
from wsis_common.clock import GENEVA, clock
from wsis_common.phases import Schedule, parse_geneva_wall_time

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends and shows
DATE_FIELDS = {f"phases.{key}" for key in labels.PHASE_DATES}
REASON = "reason"  # why dates that have passed are moved (the service requires it for those)
DATES_FORM = (*(f"phases.{key}" for key in labels.PHASE_DATES), REASON)


def _editions() -> list[dict[str, Any]]:
    return sorted(get_json("/api/v1/editions"), key=lambda e: e["year"], reverse=True)


def _document(year: int) -> dict[str, Any]:
    return get_json(f"/api/v1/editions/{year}", token=auth.service_token())


@bp.get("/admin/editions")
@auth.role_required("admin")
def admin_editions() -> Any:
    now = clock.now()
    rows = [(e, Schedule.of_edition(e).phase_at(now), rules.next_date(e["phases"], now)) for e in _editions()]
    return render("console/editions.html", rows=rows)


# -- a new edition --

@bp.route("/admin/editions/new", methods=["GET", "POST"])
@auth.role_required("admin")
def admin_edition_new() -> Any:
    known = _editions()
    latest = known[0]["year"] if known else clock.now().year
    values = {"template": str(latest), "year": str(latest + 1), "ordinal": ""}
    errors = FormErrors()
    if request.method == "POST":
        values = {key: request.form.get(key, "").strip() for key in values}
        errors, body = _new_edition(known, values)
        if body is not None:
            try:
                call("POST", "/api/v1/editions", token=auth.service_token(), json=body)
            except ApiError as error:
                errors = _creation_refused(error, body["year"])
            else:
                flash(gettext("The %(year)s edition is created from the %(template)s edition. Check its "
                              "dates: they were moved by a year from the template's.",
                              year=body["year"], template=values["template"]))
                return redirect(url_for("pages.admin_edition", year=body["year"]), 303)
    if not values["ordinal"] and values["year"].isdigit():
        values["ordinal"] = str(rules.next_ordinal(known, int(values["year"])))
    return render("console/edition_new.html", 422 if errors else 200, editions=known, values=values,
                  errors=errors)


def _new_edition(known: list[dict[str, Any]], values: dict[str, str]) -> tuple[FormErrors, dict | None]:
    errors = FormErrors(order=("template", "year", "ordinal"))
    template = next((e for e in known if str(e["year"]) == values["template"]), None)
    if template is None:
        errors.add("template", gettext("Choose the edition to copy."))
    for name in ("year", "ordinal"):
        if not values[name].isdigit():
            errors.add(name, gettext("Enter a whole number."))
    if errors or template is None:
        return errors, None
    return errors, rules.edition_from_template(template, int(values["year"]), int(values["ordinal"]))


def _creation_refused(error: ApiError, year: int) -> FormErrors:
    if error.status == 409:
        errors = FormErrors(order=("template", "year", "ordinal"))
        errors.add("year", gettext("The %(year)s edition exists already.", year=year))
        return errors
    if error.status != 422:
        raise error
    errors = FormErrors.of_problem(error.problem, {"year", "ordinal"}, order=("template", "year", "ordinal"))
    for name in ("year", "ordinal"):
        if errors.get(name):  # marshmallow's English range message: say it in the page's words
            errors.by_field[name] = [Reason(gettext("This number is outside what an edition may have "
                                                    "(a year from 2003 to 2100, an ordinal from 1)."), True)]
    return errors


# -- an edition's page: dates, parameters, form --

def _geneva_local(document: dict[str, Any]) -> dict[str, str]:
    instants = Schedule.of_edition(document).instants
    return {key: value.astimezone(GENEVA).strftime(LOCAL_FORMAT) for key, value in instants.items()}


def _page(year: int, document: dict[str, Any], status: int = 200, **sections: Any) -> Any:
    form = document.get("form") or {}
    context = {"dates": _geneva_local(document), "date_errors": FormErrors(), "reason": "",
               "parameter_values": {},
               "parameter_errors": FormErrors(), "boxes": form.get("boxes", []), "form_values": {},
               "form_errors": FormErrors(), **sections}
    return render("admin_edition.html", status, edition=document, year=year, document=document, **context)


@bp.route("/admin/editions/<int:year>", methods=["GET", "POST"])
@auth.role_required("admin")
def admin_edition(year: int) -> Any:
    document = _document(year)
    if request.method == "GET":
        return _page(year, document)
    current = _geneva_local(document)
    values, changes, errors = dict(current), {}, FormErrors(order=DATES_FORM)
    reason = request.form.get(REASON, "").strip()
    for key in labels.PHASE_DATES:
        sent = request.form.get(f"phases.{key}", "").strip()
        values[key] = sent
        if not sent or sent == current.get(key):
            continue
        try:
            changes[key] = parse_geneva_wall_time(sent).isoformat()
        except ValueError:
            errors.add(f"phases.{key}", gettext("Enter a date and time, e.g. 2023-01-25 23:00."))
    if not errors and not changes:
        flash(gettext("Nothing was changed."))
        return redirect(url_for("pages.admin_edition", year=year), 303)
    if not errors:
        body: dict[str, Any] = {"phases": changes, **({REASON: reason} if reason else {})}
        try:
            call("PATCH", f"/api/v1/editions/{year}", token=auth.service_token(), json=body)
        except ApiError as error:
            if error.status != 422:
                raise
            errors = date_errors(error.problem)
        else:
            flash(gettext("The dates are saved. Every service follows them within seconds."))
            return redirect(url_for("pages.admin_edition", year=year), 303)
    return _page(year, document, 422, dates=values, date_errors=errors, reason=reason)


def date_errors(problem: dict[str, Any]) -> FormErrors:
    """The service's refusal of the dates, in words, beside each date and the reason box: from
    the problem's codes (reasons.py names each date by its label, each instant in Geneva time)."""
    return FormErrors.of_problem(problem, set(DATES_FORM), order=DATES_FORM)


@bp.post("/admin/editions/<int:year>/parameters")
@auth.role_required("admin")
def admin_edition_parameters(year: int) -> Any:
    document = _document(year)
    sent = rules.parameters_from_inputs(document.get("parameters") or {}, request.form)
    errors = FormErrors()
    for name in sent.not_numbers:
        errors.add(name, gettext("Enter a whole number."))
    if not errors and not sent.form:
        flash(gettext("Nothing was changed."))
        return redirect(url_for("pages.admin_edition", year=year, _anchor="parameters"), 303)
    if not errors:
        try:
            call("PATCH", f"/api/v1/editions/{year}", token=auth.service_token(),
                 json={"parameters": sent.form})
        except ApiError as error:
            if error.status != 422:
                raise
            errors = _number_errors(error.errors, "parameters.")
        else:
            flash(gettext("The parameters are saved."))
            return redirect(url_for("pages.admin_edition", year=year, _anchor="parameters"), 303)
    return _page(year, document, 422, parameter_values=dict(request.form), parameter_errors=errors)


def _number_errors(sent: dict[str, list[str]], prefix: str) -> FormErrors:
    """A refused number beside its input, in words (marshmallow's own messages are English)."""
    errors = FormErrors()
    for name in _flat(sent, prefix):
        errors.add(name, gettext("This number is too small: use at least 1, and a scale's minimum below "
                                 "its maximum."))
    return errors


def _flat(errors: Any, prefix: str) -> list[str]:
    """Dotted input names of a (possibly nested) problem `errors`."""
    if not isinstance(errors, dict):
        return [prefix.rstrip(".")]
    names = []
    for key, value in errors.items():
        name = key if str(key).startswith(prefix) else prefix + str(key)
        names.extend(_flat(value, name + ".") if isinstance(value, dict) else [name])
    return names


@bp.post("/admin/editions/<int:year>/form")
@auth.role_required("admin")
def admin_edition_form(year: int) -> Any:
    document = _document(year)
    count = min(int(request.form.get("box_count", "0") or 0), 60) if request.form.get(
        "box_count", "").isdigit() else 0
    sent = rules.form_from_inputs(document.get("form") or {}, request.form, count)
    errors = FormErrors()
    for name in sent.not_numbers:
        errors.add(name, gettext("Enter a whole number."))
    adding = request.form.get("add_box") == "1"
    if adding or errors:
        boxes = sent.form["boxes"] + ([{"name": "", "label": ""}] if adding else [])
        return _page(year, document, 422 if errors else 200, boxes=boxes, form_errors=errors,
                     form_values=dict(request.form))
    try:
        call("PATCH", f"/api/v1/editions/{year}", token=auth.service_token(), json={"form": sent.form})
    except ApiError as error:
        if error.status != 422:
            raise
        errors = _form_errors(error.errors)
        return _page(year, document, 422, boxes=sent.form["boxes"], form_errors=errors,
                     form_values=dict(request.form))
    flash(gettext("The form is saved. Submissions sent from now on are checked against it."))
    return redirect(url_for("pages.admin_edition", year=year, _anchor="form"), 303)


def _form_errors(sent: dict[str, list[str]]) -> FormErrors:
    """The service's reasons about the form (template_errors), each in the page's words."""
    errors = FormErrors()
    for text in sent.get("form", []):
        text = str(text)
        if text == "a form needs at least one box":
            errors.general.append(Reason(gettext("The form needs at least one box."), True))
        elif text.startswith("voter_text names no box"):
            errors.general.append(Reason(gettext("The box voters read on the ballot is gone: keep it, or "
                                                 "ask for it to be changed."), True))
        elif text.endswith(": min_words is above max_words"):
            box = text.removesuffix(": min_words is above max_words")
            errors.general.append(Reason(gettext("Box “%(box)s”: the minimum of words is above the "
                                                 "maximum.", box=box), True))
        else:
            errors.general.append(Reason(text, False))
    return errors
