"""Past winners (role admin): the winners of editions run before this platform are imported from
a CSV (a file or pasted text) so that they cannot enter again (rule 11). Every line that cannot
be used is named with its number, and nothing is sent until every line can be."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext

from portal.domain import editions_console as rules
from portal.pages import auth, labels
from portal.pages.blueprint import bp, render
from portal.pages.client import call, get_json
from wsis_common.clock import clock

MAX_CSV_BYTES = 1_000_000


def _known() -> list[dict[str, Any]]:
    return get_json("/api/v1/winners", token=auth.service_token())


@bp.get("/admin/winners")
@auth.role_required("admin")
def admin_winners() -> Any:
    return render("console/winners.html", winners=_known(), text="", problems=[])


@bp.post("/admin/winners")
@auth.role_required("admin")
def admin_winners_import() -> Any:
    text = _sent_text()
    found = rules.winners_from_csv(text, set(labels.CATEGORIES), clock.now().year)
    problems = [_line_error(e) for e in found.errors]
    if not found.winners and not problems:
        problems.append(gettext("The CSV holds no winner: add a line under its header."))
    if problems:
        return render("console/winners.html", 422, winners=_known(), text=text, problems=problems)
    added = call("POST", "/api/v1/winners", token=auth.service_token(),
                 json={"winners": found.winners}).json()["added"]
    flash(gettext("%(added)s of %(sent)s winners are added; the others were known already.",
                  added=added, sent=len(found.winners)))
    return redirect(url_for("pages.admin_winners"), 303)


def _sent_text() -> str:
    upload = request.files.get("file")
    if upload and upload.filename:
        return upload.read(MAX_CSV_BYTES).decode("utf-8", errors="replace")
    return request.form.get("csv", "")[:MAX_CSV_BYTES]


def _line_error(error: rules.LineError) -> str:
    if error.code == "columns":
        return gettext("Line 1: the header must name the columns year, category and title (it names: "
                       "%(found)s).", found=error.value or "—")
    if error.code == "year":
        return gettext("Line %(line)s: “%(value)s” is not a year of a past edition (2012 to this year).",
                       line=error.line, value=error.value)
    if error.code == "category":
        return gettext("Line %(line)s: “%(value)s” is not a category code (C1 to C11, C7-GOV…).",
                       line=error.line, value=error.value)
    return gettext("Line %(line)s: the project's title is missing.", line=error.line)
