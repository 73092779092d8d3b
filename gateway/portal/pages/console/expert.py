"""The expert's console (role expert): the edition's queue as its home (the review sheet stays at
/reviews/<id>), and in phase 4 the finalists of the expert's categories with the in-depth
analysis form, saved through the review service and shown back."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext

from portal.pages import auth, editions
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, call, get_json
from portal.pages.console.refusals import errors_of
from portal.pages.forms import FormErrors

QUEUE = "/api/v1/reviews/queue"
FINALISTS = "/api/v1/reviews/editions/{year}/categories/{category}/finalists"


@bp.get("/expert")
@auth.role_required("expert")
def expert_home() -> Any:
    current = editions.current()
    if current is None:
        abort(404)
    return redirect(url_for("pages.expert_edition", year=current["year"]))


@bp.get("/expert/editions/<int:year>")
@auth.role_required("expert")
def expert_edition(year: int) -> Any:
    queue = get_json(QUEUE, token=auth.service_token(), params={"edition": year})
    items = queue.get("items") or []
    categories = sorted({str(i.get("category")) for i in items if i.get("category")})
    return render("console/expert_edition.html", edition=editions.edition(year), year=year, items=items,
                  to_do=queue.get("to_do", 0), categories=categories)


@bp.get("/expert/editions/<int:year>/<category>/finalists")
@auth.role_required("expert")
def expert_finalists(year: int, category: str) -> Any:
    view = _finalists(year, category)
    return render("console/expert_finalists.html", edition=editions.edition(year), year=year,
                  category=category, view=view)


def _finalists(year: int, category: str) -> dict[str, Any] | None:
    try:
        return get_json(FINALISTS.format(year=year, category=category), token=auth.service_token())
    except ApiError as error:
        if error.status != 404:
            raise
        return None  # no finalists until the vote closes


@bp.route("/expert/editions/<int:year>/<category>/finalists/<submission_id>", methods=["GET", "POST"])
@auth.role_required("expert")
def expert_analysis(year: int, category: str, submission_id: str) -> Any:
    view = _finalists(year, category)
    finalist = next((f for f in (view or {}).get("finalists") or []
                     if f.get("submission_id") == submission_id), None)
    if view is None or finalist is None:
        abort(404)
    criteria = dict(view.get("criteria") or {})
    scale = view.get("scale") or {"min": 1, "max": 5}
    mine = (finalist.get("analyses") or [None])[0] or {}
    values = {"note": mine.get("note") or "",
              **{f"scores.{c}": str((mine.get("scores") or {}).get(c, "")) for c in criteria}}
    errors = FormErrors()
    if request.method == "POST":
        values = {name: request.form.get(name, "").strip() for name in values}
        errors = _save(submission_id, values, list(criteria))
        if not errors:
            title = finalist.get("title") or submission_id
            flash(gettext("Your analysis of “%(title)s” is saved.", title=title))
            return redirect(url_for("pages.expert_analysis", year=year, category=category,
                                    submission_id=submission_id), 303)
    levels = [str(n) for n in range(int(scale["min"]), int(scale["max"]) + 1)]
    return render("console/expert_analysis.html", 422 if errors else 200, edition=editions.edition(year),
                  year=year, category=category, finalist=finalist, criteria=criteria, values=values,
                  scale_options=[(v, v) for v in levels], errors=errors, saved=bool(mine))


def _save(submission_id: str, values: dict[str, str], criteria: list[str]) -> FormErrors:
    scores: dict[str, Any] = {}
    for name in criteria:
        raw = values[f"scores.{name}"]
        if raw:
            scores[name] = int(raw) if raw.lstrip("-").isdigit() else raw
    try:
        call("PUT", f"/api/v1/reviews/{submission_id}/analysis", token=auth.service_token(),
             json={"scores": scores, "note": values["note"]})
    except ApiError as error:
        if error.status == 422:
            return errors_of(error, {"note", *(f"scores.{c}" for c in criteria)})
        if error.status in (403, 409):  # a conflict of interest, or the chair has decided
            return errors_of(error, set())
        raise
    return FormErrors()
