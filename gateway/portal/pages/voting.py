"""The public vote: each category's nominees with their short descriptions and a vote button,
and the person's own choices (one vote per category, final once cast)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext

from portal.pages import auth, editions
from portal.pages.account import missing_for_voting
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, call, get_json


@bp.get("/editions/<int:year>/vote")
def ballot(year: int) -> Any:
    edition = editions.edition(year)
    try:
        data = get_json(f"/api/v1/editions/{year}/ballot")
    except ApiError as error:
        if error.status != 404:
            raise
        data = None
    account = auth.current_account()
    mine: dict[str, Any] = {"votes": [], "categories_left": []}
    if account is not None and data is not None:
        mine = get_json(f"/api/v1/editions/{year}/votes/mine", token=auth.service_token())
    chosen = {vote["category"]: vote for vote in mine.get("votes", [])}
    missing = missing_for_voting(account) if account is not None else []
    return render("vote.html", edition=edition, year=year, ballot=data, chosen=chosen,
                  missing=missing, logged_in=account is not None)


@bp.post("/editions/<int:year>/vote")
@auth.login_required
def cast_vote(year: int) -> Any:
    category = request.form.get("category", "")
    nominee = request.form.get("nominee", "")
    title = request.form.get("title", "")
    try:
        call("POST", f"/api/v1/editions/{year}/votes", token=auth.service_token(),
             json={"category": category, "nominee": nominee})
    except ApiError as error:
        flash(_refusal(error), "error")
    else:
        flash(gettext("Your vote for \"%(title)s\" is recorded. Thank you!", title=title))
    return redirect(url_for("pages.ballot", year=year, _anchor=f"category-{category}"), 303)


def _refusal(error: ApiError) -> str:
    if error.status == 409:
        return gettext("You have already voted in this category; a vote is final.")
    if error.status == 403 and "profile" in error.detail.lower():
        return gettext("Complete your profile before voting: organisation name, type and country, "
                       "and a confirmed e-mail address.")
    if error.status == 403:
        return gettext("The vote is not open.")
    if error.status == 422:
        return gettext("This project is not a nominee of that category.")
    if error.status == 429:
        return gettext("Too many votes from your address just now; please wait a moment and try again.")
    raise error
