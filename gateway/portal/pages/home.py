"""The home page, an edition's overview, and the language switcher."""

from __future__ import annotations

from typing import Any

from flask import make_response, redirect, request, session, url_for

from portal import i18n
from portal.pages import auth, editions
from portal.pages.blueprint import bp, render


@bp.get("/")
def home() -> Any:
    listed = [(e, editions.phase_of(e)) for e in editions.all_editions()]
    return render("home.html", editions=listed, current=editions.current())


@bp.get("/language/<code>")
def language(code: str) -> Any:
    """The switcher: plain links, so it works without JavaScript."""
    target = auth.safe_next(request.args.get("next"), url_for("pages.home"))
    response = make_response(redirect(target, 303))
    if code in i18n.LANGUAGES:
        session["lang"] = code
        response.set_cookie(i18n.COOKIE, code, max_age=i18n.COOKIE_MAX_AGE, samesite="Lax",
                            httponly=True)
    return response


def current_year_or_home(endpoint: str) -> Any:
    edition = editions.current()
    if edition is None:
        return redirect(url_for("pages.home"))
    return redirect(url_for(endpoint, year=edition["year"]))


@bp.get("/submit")
def submit_current() -> Any:
    return current_year_or_home("pages.questionnaire")


@bp.get("/vote")
def vote_current() -> Any:
    return current_year_or_home("pages.ballot")


@bp.get("/results")
def results_current() -> Any:
    return current_year_or_home("pages.results")


@bp.get("/my-submissions")
def mine_current() -> Any:
    return current_year_or_home("pages.my_submissions")
