"""The submission questionnaire, built from the edition's form template; drafts; "my
submissions" with withdrawal. The submission service checks every rule; its reasons are shown
beside the inputs they are about (the inputs are named with the API's dotted field names).
Only a confirmed e-mail address submits: the form says so before anything is typed, and a
submission refused for it is kept as a draft, so that nothing is lost while the mail is read."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext
from werkzeug.datastructures import FileStorage

from portal.domain import countries as country_list
from portal.i18n import current_language
from portal.pages import auth, editions, labels
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, call, get_json
from portal.pages.forms import FormErrors, Reason, form_value
from wsis_common.clock import clock
from wsis_common.words import count_words

EMAIL_NOT_VERIFIED = "email_not_verified"  # the submission service's problem `code`
TEXT_FIELDS = ("category", "title", "entity.name", "entity.type", "entity.country", "coordinator.name",
               "coordinator.email", "project_status")


# -- the form: what it shows, what it sends --

def _template(year: int) -> dict[str, Any]:
    document = get_json(f"/api/v1/editions/{year}")
    return document.get("form") or {}


def _inputs(form: dict[str, Any]) -> set[str]:
    names = set(TEXT_FIELDS) | {f"answers.{box['name']}" for box in form.get("boxes", [])}
    if form.get("sdg_links") is not None:
        names |= {"sdgs"} | {f"answers.sdg_links.{n}" for n in labels.SDGS}
    if form.get("photo"):
        names.add("photo")
    return names


def _order(form: dict[str, Any]) -> tuple[str, ...]:
    """The inputs in the order the questionnaire shows them (templates/questionnaire.html)."""
    names = ["category", "title", "project_status", "entity.name", "entity.type", "entity.country",
             "coordinator.name", "coordinator.email"]
    names += [f"answers.{box['name']}" for box in form.get("boxes", [])]
    if form.get("sdg_links") is not None:
        names += ["sdgs", *(f"answers.sdg_links.{n}" for n in labels.SDGS)]
    return (*names, "photo")


def _values_from_document(document: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {name: form_value(document, name) for name in TEXT_FIELDS}
    answers = document.get("answers") or {}
    for name, text in answers.items():
        if isinstance(text, str):
            values[f"answers.{name}"] = text
    for number, text in (answers.get("sdg_links") or {}).items():
        values[f"answers.sdg_links.{number}"] = text
    values["sdgs"] = {int(n) for n in document.get("sdgs") or []}
    return values


def _values_from_request() -> dict[str, Any]:
    values: dict[str, Any] = {name: request.form.get(name, "") for name in request.form
                              if name.startswith(("answers.",)) or name in TEXT_FIELDS}
    values["sdgs"] = {int(n) for n in request.form.getlist("sdgs") if n.isdigit()}
    return values


def _prefill(account: dict[str, Any]) -> dict[str, Any]:
    organisation = account.get("organisation") or {}
    return {
        "entity.name": organisation.get("name", ""),
        "entity.type": labels.ORGANISATION_TYPES_EN.get(organisation.get("type", ""), ""),
        "entity.country": organisation.get("country", ""),
        "coordinator.name": account.get("user_name", ""),
        "coordinator.email": account.get("email", ""),
        "sdgs": set(),
    }


def _body(values: dict[str, Any], form: dict[str, Any]) -> dict[str, Any]:
    def text(name: str) -> str:
        return str(values.get(name, "")).strip()

    answers: dict[str, Any] = {box["name"]: text(f"answers.{box['name']}") for box in form.get("boxes", [])}
    body: dict[str, Any] = {
        "category": text("category"),
        "title": text("title"),
        "entity": {"name": text("entity.name"), "type": text("entity.type"),
                   "country": text("entity.country")},
        "coordinator": {"name": text("coordinator.name"), "email": text("coordinator.email")},
        "project_status": text("project_status"),
        "sdgs": sorted(values.get("sdgs") or []),
        "answers": answers,
    }
    if form.get("sdg_links") is not None:
        answers["sdg_links"] = {str(n): text(f"answers.sdg_links.{n}") for n in labels.SDGS
                                if text(f"answers.sdg_links.{n}")}
    if not body["entity"]["country"]:
        del body["entity"]["country"]  # an empty code is "missing", not "not two letters"
    return body


def _counts(values: dict[str, Any], form: dict[str, Any]) -> dict[str, int]:
    names = [f"answers.{box['name']}" for box in form.get("boxes", [])]
    names += [f"answers.sdg_links.{n}" for n in labels.SDGS]
    return {name: count_words(values.get(name, "")) for name in names}


def _page(year: int, form: dict[str, Any], values: dict[str, Any], errors: FormErrors, *,
          draft: dict[str, Any] | None = None, status: int = 200) -> Any:
    edition = editions.edition(year)
    open_now = editions.schedule_of(edition).window("submission").contains(clock.now())
    entity_types = [(english, labels.organisation_type(code))
                    for code, english in labels.ORGANISATION_TYPES_EN.items()]
    current_type = values.get("entity.type")
    if current_type and current_type not in labels.ORGANISATION_TYPES_EN.values():
        entity_types.append((current_type, current_type))
    account = auth.current_account() or {}
    return render("questionnaire.html", status, edition=edition, year=year, form=form, values=values,
                  errors=errors, counts=_counts(values, form), draft=draft, open_now=open_now,
                  email_verified=bool(account.get("email_verified")), email=account.get("email", ""),
                  categories=[(code, f"{code} \u2013 {labels.category(code)}")
                              for code in edition.get("categories") or labels.CATEGORIES],
                  countries=country_list.countries(current_language()), entity_types=entity_types)


@bp.get("/editions/<int:year>/submit")
@auth.login_required
def questionnaire(year: int) -> Any:
    account = auth.current_account()
    assert account is not None
    return _page(year, _template(year), _prefill(account), FormErrors())


@bp.get("/submissions/<submission_id>/edit")
@auth.login_required
def edit_draft(submission_id: str) -> Any:
    document = get_json(f"/api/v1/submissions/{submission_id}", token=auth.service_token())
    year = int(document["edition"])
    if document.get("status") != "draft":
        return redirect(url_for("pages.my_submissions", year=year))
    return _page(year, _template(year), _values_from_document(document), FormErrors(), draft=document)


@bp.post("/editions/<int:year>/submit")
@auth.login_required
def send_questionnaire(year: int) -> Any:
    form = _template(year)
    values = _values_from_request()
    as_draft = request.form.get("action") == "draft"
    draft_id = request.form.get("draft_id") or None
    photo: FileStorage | None = request.files.get("photo") if form.get("photo") else None
    if photo is not None and not photo.filename:
        photo = None
    body = _body(values, form)
    token = auth.confirmed_service_token()
    draft = None
    try:
        if draft_id is None and photo is None and not as_draft:
            call("POST", f"/api/v1/editions/{year}/submissions", token=token, json={**body, "draft": False})
        else:
            if draft_id is None:
                draft = call("POST", f"/api/v1/editions/{year}/submissions", token=token,
                             json={**body, "draft": True}).json()
                draft_id = draft["id"]
            else:
                draft = call("PATCH", f"/api/v1/submissions/{draft_id}", token=token, json=body).json()
            if photo is not None:
                call("PUT", f"/api/v1/submissions/{draft_id}/photo", token=token,
                     files={"photo": (photo.filename, photo.stream, photo.mimetype)})
            if not as_draft:
                call("POST", f"/api/v1/submissions/{draft_id}/submit", token=token)
    except ApiError as error:
        if error.status not in (403, 409, 422):
            raise
        if error.problem.get("code") == EMAIL_NOT_VERIFIED:
            draft = draft or _keep_as_draft(year, body, draft_id, token)
            return _page(year, form, values, _not_verified(saved=draft is not None), draft=draft, status=403)
        errors = FormErrors.of_problem(error.problem, _inputs(form), _order(form))
        if draft is None and draft_id:
            draft = {"id": draft_id}
        return _page(year, form, values, errors, draft=draft, status=422)
    if as_draft:
        flash(gettext("Your draft is saved. You can come back to it from \"My submissions\"."))
    else:
        flash(gettext("Your project \"%(title)s\" is submitted.", title=body["title"]))
    return redirect(url_for("pages.my_submissions", year=year), 303)


def _keep_as_draft(year: int, body: dict[str, Any], draft_id: str | None,
                   token: str) -> dict[str, Any] | None:
    """The refused project as a draft (if it is not one already): the stakeholder may leave the
    page to confirm the address, and come back to it from "My submissions". None if even the
    draft is refused: the page still shows what was typed."""
    if draft_id:
        return {"id": draft_id}
    try:
        return call("POST", f"/api/v1/editions/{year}/submissions", token=token,
                    json={**body, "draft": True}).json()
    except ApiError:
        return None


def _not_verified(*, saved: bool) -> FormErrors:
    reasons = [Reason(gettext("Confirm your e-mail address before you submit: open the link in the mail we "
                              "sent you, or ask for a new one on your profile page."), True)]
    if saved:
        reasons.append(Reason(gettext("What you typed is saved as a draft: submit it from \"My submissions\" "
                                      "once your address is confirmed."), True))
    return FormErrors(general=reasons)


# -- my submissions, withdrawal --

@bp.get("/editions/<int:year>/submissions")
@auth.login_required
def my_submissions(year: int) -> Any:
    edition = editions.edition(year)
    mine = get_json(f"/api/v1/editions/{year}/submissions", token=auth.service_token(),
                    params={"mine": "true"})
    open_now = editions.schedule_of(edition).window("submission").contains(clock.now())
    return render("my_submissions.html", edition=edition, year=year, submissions=mine, open_now=open_now)


@bp.route("/submissions/<submission_id>/withdraw", methods=["GET", "POST"])
@auth.login_required
def withdraw(submission_id: str) -> Any:
    token = auth.service_token()
    document = get_json(f"/api/v1/submissions/{submission_id}", token=token)
    year = int(document["edition"])
    if request.method == "GET":
        return render("withdraw.html", edition=editions.edition(year), submission=document)
    try:
        call("DELETE", f"/api/v1/submissions/{submission_id}", token=token)
    except ApiError as error:
        if error.status not in (403, 409, 422):
            raise
        flash(gettext("This submission can no longer be withdrawn: the deadline has passed."), "error")
    else:
        flash(gettext("\"%(title)s\" is withdrawn.", title=document.get("title") or ""))
    return redirect(url_for("pages.my_submissions", year=year), 303)
