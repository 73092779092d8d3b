"""The chair's console (role admin): where each category of an edition stands, its ranking with
every expert's sheet, closing it and confirming its nominees, and in phase 4 the finalists with
their in-depth analyses and the one winner's pick. Every decision is the review service's; a
decision that cannot be undone asks for a confirmation on a page of its own first."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext

from portal.domain import chair as rules
from portal.pages import auth, editions
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, call, get_json
from portal.pages.console.refusals import errors_of
from portal.pages.forms import FormErrors

API = "/api/v1/reviews/editions/{year}"
REFUSED = (403, 404, 409, 422)


def _category_api(year: int, category: str) -> str:
    return API.format(year=year) + f"/categories/{category}"


@bp.get("/chair")
@auth.role_required("admin")
def chair_home() -> Any:
    current = editions.current()
    if current is None:
        abort(404)
    return redirect(url_for("pages.chair_edition", year=current["year"]))


@bp.get("/chair/editions/<int:year>")
@auth.role_required("admin")
def chair_edition(year: int) -> Any:
    status = get_json(API.format(year=year) + "/status", token=auth.service_token())
    rows = [{**row, "state": rules.category_state(row)} for row in status.get("categories") or []]
    return render("console/chair_edition.html", edition=editions.edition(year), year=year, rows=rows,
                  states=_state_labels())


@bp.get("/chair/editions/<int:year>/<category>")
@auth.role_required("admin")
def chair_category(year: int, category: str) -> Any:
    return _category_page(year, category, FormErrors())


def _category_page(year: int, category: str, errors: FormErrors, status: int = 200,
                   ticked: list[str] | None = None) -> Any:
    ranking = get_json(_category_api(year, category) + "/ranking", token=auth.service_token())
    rows = rules.ranking_rows(ranking)
    return render("console/chair_category.html", 422 if errors and status == 200 else status,
                  edition=editions.edition(year), year=year, category=category, ranking=ranking, rows=rows,
                  ticked=ticked if ticked is not None else rules.preselected(ranking, rows),
                  criteria=ranking.get("criteria") or [], errors=errors)


@bp.post("/chair/editions/<int:year>/<category>/<any(close, reopen):action>")
@auth.role_required("admin")
def chair_close(year: int, category: str, action: str) -> Any:
    """Closing makes the scores final, reopening withdraws a confirmed list: both asked twice."""
    if request.form.get("confirmed") != "yes":
        question = (gettext("Close category %(category)s? Its scores become final: the experts can no "
                            "longer change their reviews.", category=category) if action == "close"
                    else gettext("Reopen category %(category)s? The experts can change their reviews again "
                                 "and a confirmed nominee list must be confirmed again.", category=category))
        return render("console/confirm.html", edition=editions.edition(year), title=question,
                      action=request.path, fields={}, back=url_for("pages.chair_category", year=year,
                                                                    category=category),
                      button=gettext("Yes, close the category") if action == "close"
                      else gettext("Yes, reopen the category"))
    try:
        call("POST", _category_api(year, category) + f"/{action}", token=auth.service_token())
    except ApiError as error:
        if error.status not in REFUSED:
            raise
        return _category_page(year, category, errors_of(error, set()), 409)
    flash(gettext("Category %(category)s is closed: its scores are final.", category=category)
          if action == "close"
          else gettext("Category %(category)s is open for review again.", category=category))
    return redirect(url_for("pages.chair_category", year=year, category=category), 303)


@bp.post("/chair/editions/<int:year>/<category>/nominees")
@auth.role_required("admin")
def chair_nominees(year: int, category: str) -> Any:
    chosen = request.form.getlist("submission_ids")
    try:
        confirmed = call("PUT", _category_api(year, category) + "/nominees", token=auth.service_token(),
                         json={"submission_ids": chosen}).json()
    except ApiError as error:
        if error.status not in REFUSED:
            raise
        return _category_page(year, category, errors_of(error, {"submission_ids"}), 422, ticked=chosen)
    flash(gettext("The %(count)s nominees of %(category)s are confirmed. They are published on the "
                  "edition's date.", count=len(confirmed.get("nominees") or []), category=category))
    return redirect(url_for("pages.chair_category", year=year, category=category), 303)


@bp.get("/chair/editions/<int:year>/<category>/finalists")
@auth.role_required("admin")
def chair_finalists(year: int, category: str) -> Any:
    return _finalists_page(year, category, FormErrors())


def _finalists_page(year: int, category: str, errors: FormErrors, status: int = 200) -> Any:
    try:
        view = get_json(_category_api(year, category) + "/finalists", token=auth.service_token())
    except ApiError as error:
        if error.status != 404:
            raise
        view = None  # no finalists until the vote closes
    return render("console/chair_finalists.html", status, edition=editions.edition(year), year=year,
                  category=category, view=view, errors=errors)


@bp.post("/chair/editions/<int:year>/<category>/winner")
@auth.role_required("admin")
def chair_winner(year: int, category: str) -> Any:
    chosen = request.form.get("submission_id", "")
    if not chosen:
        errors = FormErrors()
        errors.add("submission_id", gettext("Choose the winner among the finalists."))
        return _finalists_page(year, category, errors, 422)
    if request.form.get("confirmed") != "yes":
        view = get_json(_category_api(year, category) + "/finalists", token=auth.service_token())
        finalist = next((f for f in view.get("finalists") or [] if f.get("submission_id") == chosen), None)
        if finalist is None:
            errors = FormErrors()
            errors.add("submission_id", gettext("Only a finalist of the category can win."))
            return _finalists_page(year, category, errors, 422)
        return render("console/confirm.html", edition=editions.edition(year),
                      title=gettext("Pick “%(title)s” as the winner of %(category)s?",
                                    title=finalist.get("title") or chosen, category=category),
                      notes=[gettext("The pick is final: it cannot be changed afterwards."),
                             gettext("It stays secret until the prize ceremony: only the winner's contact "
                                     "is told, in confidence.")],
                      action=request.path, fields={"submission_id": chosen},
                      back=url_for("pages.chair_finalists", year=year, category=category),
                      button=gettext("Yes, this is the winner"))
    try:
        call("PUT", _category_api(year, category) + "/winner", token=auth.service_token(),
             json={"submission_id": chosen})
    except ApiError as error:
        if error.status not in REFUSED:
            raise
        return _finalists_page(year, category, errors_of(error, {"submission_id"}), 409)
    flash(gettext("The winner of %(category)s is recorded. Keep it secret until the ceremony.",
                  category=category))
    return redirect(url_for("pages.chair_finalists", year=year, category=category), 303)


def _state_labels() -> dict[str, str]:
    return {"open": gettext("Open for review"), "closed": gettext("Closed: scores are final"),
            "nominees_confirmed": gettext("Nominees confirmed"), "finalists": gettext("Finalists known"),
            "winner_picked": gettext("Winner picked")}
