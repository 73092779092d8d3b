"""For experts: the submissions assigned to them for review, and the review sheet of each
(the nomination criteria on the edition's scale, compliance, a comment), as the review
service keeps them."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext

from portal.pages import auth
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, call, get_json
from portal.pages.forms import FormErrors, reason

QUEUE = "/api/v1/reviews/queue"


@bp.get("/reviews")
@auth.role_required("expert")
def review_queue() -> Any:
    try:
        data: Any = get_json(QUEUE, token=auth.service_token())
    except ApiError as error:
        if error.status not in (404, 405):
            raise
        data = None  # the review service does not offer its queue yet
    items = data.get("items", data.get("queue", [])) if isinstance(data, dict) else data
    return render("review_queue.html", items=items, available=data is not None)


@bp.route("/reviews/<submission_id>", methods=["GET", "POST"])
@auth.role_required("expert")
def review_sheet(submission_id: str) -> Any:
    token = auth.service_token()
    queue = get_json(QUEUE, token=token, params={"submission_id": submission_id})
    # Matched here too: a review service older than the filter would send the whole queue.
    item = next((i for i in queue.get("items", []) if i.get("submission_id") == submission_id), None)
    if item is None:
        abort(404)  # not assigned to this expert (or withdrawn)
    edition = (queue.get("editions") or {}).get(str(item.get("edition"))) or {}
    scale = edition.get("scale") or {"min": 1, "max": 5}
    scored = list(queue.get("scored_criteria") or [])
    values = _values_of(item.get("my_review"), scored)
    errors = FormErrors()
    if request.method == "POST" and not item.get("closed"):
        values = _values_from_form(scored)
        try:
            call("PUT", f"/api/v1/reviews/{submission_id}", token=token, json=_review_of(values, scored))
        except ApiError as error:
            if error.status == 422:
                errors = FormErrors.of(error.problem.get("errors"))
            elif error.status in (403, 409):  # not open yet, a conflict of interest, closed meanwhile
                errors = FormErrors(general=[reason(str(error.problem.get("detail") or error))])
            else:
                raise
        else:
            flash(gettext("Your review of “%(title)s” is saved.", title=item.get("title") or submission_id))
            home = url_for("pages.expert_edition", year=item["edition"]) if item.get("edition") \
                else url_for("pages.review_queue")
            return redirect(home, 303)
    levels = [str(n) for n in range(scale["min"], scale["max"] + 1)]
    return render("review_sheet.html", 422 if errors else 200, item=item, scored=scored,
                  criteria=queue.get("criteria") or {}, scale_options=[(v, v) for v in levels],
                  values=values, errors=errors)


def _values_of(review: dict[str, Any] | None, scored: list[str]) -> dict[str, str]:
    review = review or {}
    scores = review.get("scores") or {}
    complies = review.get("complies")
    return {"complies": "" if complies is None else ("yes" if complies else "no"),
            "compliance_note": review.get("compliance_note") or "", "comment": review.get("comment") or "",
            **{f"scores.{name}": str(scores[name]) if name in scores else "" for name in scored}}


def _values_from_form(scored: list[str]) -> dict[str, str]:
    names = ["complies", "compliance_note", "comment", *(f"scores.{name}" for name in scored)]
    return {name: request.form.get(name, "").strip() for name in names}


def _review_of(values: dict[str, str], scored: list[str]) -> dict[str, Any]:
    """The review service's document; a score left empty is left out, so that its reason comes
    back beside its input with every other one."""
    scores: dict[str, Any] = {}
    for name in scored:
        raw = values[f"scores.{name}"]
        if raw:
            scores[name] = int(raw) if raw.lstrip("-").isdigit() else raw
    return {"complies": values["complies"] != "no", "compliance_note": values["compliance_note"],
            "scores": scores, "comment": values["comment"]}
