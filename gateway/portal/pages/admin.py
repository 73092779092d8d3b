"""For the WSIS team (the admin role): an edition's phase dates, its nominee lists and its
Stocktaking report (downloaded through the web app, which calls the API with the admin's token)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Response, flash, redirect, request, url_for
from flask_babel import gettext

from portal.pages import auth, editions, labels
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, call, get_json
from portal.pages.forms import FormErrors
from wsis_common.clock import GENEVA
from wsis_common.phases import Schedule, parse_geneva_wall_time

REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends and shows


def _geneva_local(value: datetime) -> str:
    return value.astimezone(GENEVA).strftime(LOCAL_FORMAT)


@bp.get("/admin")
@auth.role_required("admin")
def admin_home() -> Any:
    listed = [(e, editions.phase_of(e)) for e in editions.all_editions()]
    return render("admin_home.html", editions=listed)


@bp.route("/admin/editions/<int:year>", methods=["GET", "POST"])
@auth.role_required("admin")
def admin_edition(year: int) -> Any:
    token = auth.service_token()
    document = get_json(f"/api/v1/editions/{year}", token=token)
    current = {key: _geneva_local(value) for key, value in Schedule.of_edition(document).instants.items()}
    values = dict(current)
    errors = FormErrors()
    if request.method == "POST":
        changes: dict[str, str] = {}
        for key in labels.PHASE_DATES:
            sent = request.form.get(f"phases.{key}", "").strip()
            values[key] = sent
            if not sent or sent == current.get(key):
                continue
            try:
                changes[key] = parse_geneva_wall_time(sent).isoformat()
            except ValueError:
                errors.add(f"phases.{key}", gettext("Enter a date and time, e.g. 2023-01-25 23:00."))
        if not errors and changes:
            try:
                call("PATCH", f"/api/v1/editions/{year}", token=token, json={"phases": changes})
            except ApiError as error:
                if error.status != 422:
                    raise
                errors = FormErrors.of(error.errors, {f"phases.{key}" for key in labels.PHASE_DATES})
            else:
                flash(gettext("The dates are saved. Every service follows them within seconds."))
                return redirect(url_for("pages.admin_edition", year=year), 303)
        elif not errors:
            flash(gettext("Nothing was changed."))
            return redirect(url_for("pages.admin_edition", year=year), 303)
    return render("admin_edition.html", 422 if errors else 200, edition=editions.edition(year), year=year,
                  document=document, values=values, errors=errors)


@bp.get("/admin/editions/<int:year>/stocktaking-report.<fmt>")
@auth.role_required("admin")
def stocktaking_report(year: int, fmt: str) -> Any:
    if fmt not in ("csv", "html"):
        return redirect(url_for("pages.admin_edition", year=year))
    upstream = call("GET", f"/api/v1/editions/{year}/stocktaking-report", token=auth.service_token(),
                    params={"format": fmt})
    response = Response(upstream.content, mimetype=upstream.headers.get("Content-Type", "text/plain"))
    if fmt == "csv":
        response.headers["Content-Disposition"] = f'attachment; filename="wsis-stocktaking-{year}.csv"'
    else:  # the service's own page, with its own inline styles and nothing else
        response.headers["Content-Security-Policy"] = REPORT_POLICY
    return response

