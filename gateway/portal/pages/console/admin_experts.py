"""The WSIS team's expert roster and assignments for one edition: who is in the expert group
(recorded with their organisation in the review service, so that conflicts of interest can be
checked), who reviews which category or submission, assigning and removing by hand, spreading
the submissions evenly in one action, and the load of each expert and submission."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext

from portal.domain import people
from portal.pages import auth, editions, labels
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, call, get_json
from portal.pages.forms import FormErrors
from portal.service import accounts
from wsis_common.web import context

ROSTER_SIZE = 1000  # the expert group is a few dozen people; this is a bound, not a page
RECORD_FIELDS = {"organisation.name"}


def _assignments_path(year: int) -> str:
    return f"/api/v1/reviews/editions/{year}/assignments"


def _experts_page(year: int) -> Any:
    return redirect(url_for("pages.admin_experts", year=year), 303)


def _state(year: int, token: str) -> dict[str, Any]:
    """The expert accounts, the review service's roster and its assignments, as the page shows them."""
    edition = editions.edition(year)  # an unknown edition: this page does not exist
    _total, expert_accounts = accounts.find_accounts(context(), role="expert", limit=ROSTER_SIZE)
    recorded = get_json("/api/v1/reviews/experts", token=token)
    overview = get_json(_assignments_path(year), token=token)
    roster = people.roster(expert_accounts, recorded, overview)
    return {"roster": roster, "names": {e.account_id: e.name for e in roster},
            "loads": people.submission_loads(overview), "per_submission": overview.get("per_submission", 0),
            "categories": people.categories_of(overview, edition.get("categories", [])),
            "edition": edition, "year": year}


@bp.get("/admin/editions/<int:year>/experts")
@auth.role_required("admin")
def admin_experts(year: int) -> Any:
    return render("console/admin_experts.html", **_state(year, auth.service_token()), errors={})


@bp.post("/admin/editions/<int:year>/experts/<account_id>/record")
@auth.role_required("admin")
def record_expert(year: int, account_id: str) -> Any:
    """Records the expert in the review service with the organisation the team confirms."""
    account = accounts.get_account(context(), account_id)
    organisation = {**account["organisation"], "name": request.form.get("organisation", "").strip()}
    token = auth.service_token()
    try:
        call("PUT", f"/api/v1/reviews/experts/{account_id}", token=token,
             json={"name": account["user_name"], "email": account["email"], "organisation": organisation})
    except ApiError as error:
        if error.status != 422:
            raise
        errors = FormErrors.of_problem(error.problem, RECORD_FIELDS)
        if errors.get("organisation.name") or not errors:
            errors = FormErrors()
            errors.add("organisation.name", gettext("Enter the name of the expert's organisation."))
        return render("console/admin_experts.html", 422, **_state(year, token),
                      errors={account_id: errors})
    flash(gettext("%(name)s is in the expert group, with the organisation %(organisation)s.",
                  name=account["user_name"], organisation=organisation["name"]))
    return _experts_page(year)


@bp.post("/admin/editions/<int:year>/assignments")
@auth.role_required("admin")
def assign_expert(year: int) -> Any:
    expert_id, target = request.form.get("expert_id", ""), request.form.get("target", "")
    kind, _, value = target.partition(":")
    if not expert_id or kind not in ("category", "submission") or not value:
        flash(gettext("Choose an expert and what they review."), "error")
        return _experts_page(year)
    body = {"expert_id": expert_id, ("category" if kind == "category" else "submission_id"): value}
    token = auth.service_token()
    try:
        done = call("POST", _assignments_path(year), token=token, json=body).json()
    except ApiError as error:
        _flash_refusal(error, year, token, expert_id, value)
        return _experts_page(year)
    _flash_assigned(done, year, token, expert_id, kind, value)
    return _experts_page(year)


@bp.post("/admin/editions/<int:year>/assignments/<int:assignment_id>/remove")
@auth.role_required("admin")
def unassign_expert(year: int, assignment_id: int) -> Any:
    token = auth.service_token()
    try:
        call("DELETE", f"{_assignments_path(year)}/{assignment_id}", token=token)
    except ApiError as error:
        _flash_refusal(error, year, token, "", "")
        return _experts_page(year)
    flash(gettext("The assignment is removed; reviews already made under it no longer count."))
    return _experts_page(year)


@bp.post("/admin/editions/<int:year>/assignments/spread")
@auth.role_required("admin")
def spread_experts(year: int) -> Any:
    expert_ids = [e for e in request.form.getlist("expert_ids") if e]
    if not expert_ids:
        flash(gettext("Choose at least one expert to spread the submissions over."), "error")
        return _experts_page(year)
    body: dict[str, Any] = {"expert_ids": expert_ids}
    categories = [c for c in request.form.getlist("categories") if c]
    if categories:
        body["categories"] = categories
    token = auth.service_token()
    try:
        done = call("POST", f"{_assignments_path(year)}/spread", token=token, json=body).json()
    except ApiError as error:
        _flash_refusal(error, year, token, "", "")
        return _experts_page(year)
    flash(gettext("%(count)s assignments made, up to %(per)s reviewers per submission.",
                  count=len(done.get("assigned", [])), per=done.get("per_submission", 0)))
    if done.get("short"):
        flash(gettext("%(count)s submissions still lack reviewers: too few experts without a conflict of "
                      "interest. Add experts to the group, then spread again.", count=len(done["short"])),
              "error")
    return _experts_page(year)


# -- the service's answers in words --

def _flash_assigned(done: dict[str, Any], year: int, token: str, expert_id: str, kind: str,
                    value: str) -> None:
    state = get_json(_assignments_path(year), token=token)
    titles = {s["submission_id"]: s.get("title", "") for s in state.get("submissions", [])}
    name = _expert_name(token, expert_id)
    what = str(labels.category(value)) if kind == "category" else titles.get(value, value)
    if done.get("already_assigned"):
        flash(gettext("%(name)s was already assigned to %(what)s.", name=name, what=what))
        return
    flash(gettext("%(name)s is assigned to %(what)s.", name=name, what=what))
    left_out = [titles.get(s, s) for s in done.get("left_out_for_conflict", [])]
    if left_out:
        flash(gettext("Left out for a conflict of interest (their own organisation's projects): %(titles)s.",
                      titles="; ".join(left_out)))


def _flash_refusal(error: ApiError, year: int, token: str, expert_id: str, value: str) -> None:
    """A refusal of the review service, said in the page's language."""
    if error.status == 409 and error.problem.get("title") == "Conflict of interest":
        state = get_json(_assignments_path(year), token=token)
        entity = next((s.get("entity", "") for s in state.get("submissions", [])
                       if s["submission_id"] == value), "")
        flash(gettext("Conflict of interest: %(name)s belongs to %(entity)s, which submitted this project. "
                      "Choose another expert.", name=_expert_name(token, expert_id), entity=entity), "error")
    elif error.status == 409 and "closed" in error.detail:
        flash(gettext("The chair has closed this category: reopen it before changing its assignments."),
              "error")
    elif error.status == 422 and "expert_id" in error.errors:
        flash(gettext("Record the expert in the expert group first, with their organisation, so that "
                      "conflicts of interest can be checked."), "error")
    elif error.status == 404:
        flash(gettext("This submission or assignment is no longer in the review queue."), "error")
    elif error.status in (400, 409, 422):
        for _name, reason in FormErrors.of_problem(error.problem, set()).summary():
            flash(reason.text, "error")
    else:
        raise error


def _expert_name(token: str, expert_id: str) -> str:
    recorded = get_json("/api/v1/reviews/experts", token=token)
    return next((e.get("name") or expert_id for e in recorded if e["account_id"] == expert_id), expert_id)
