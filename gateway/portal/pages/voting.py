"""The public vote on a ballot of up to 360 nominees: a list of the categories (with the voter's
choice in each and a search by title, organisation or country), a page per category with each
nominee's first lines, a shareable page per nominee, and a confirmation step before the vote,
which is final (one per category).

A category page holds nothing of its visitor but their variant (domain/display.py): nginx keeps
one copy per language, variant and `?voted=` notice for every visitor, logged in or not; the
voter's own mark comes from a display cookie through the page's script. The list of categories,
the nominee's page and the confirmation read the session (per voter, never shared), and the
vote itself is checked by the session and the voting service, never by a display cookie."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import abort, flash, g, make_response, redirect, request, url_for
from flask_babel import gettext

from portal.domain import ballot as rules
from portal.domain import display
from portal.pages import auth, editions, labels, vote_token
from portal.pages.account import missing_for_voting
from portal.pages.blueprint import bp, render, share_page
from portal.pages.client import ApiError, ServiceBusy, get_ballot, get_json, send


@dataclass
class Ballot:
    """The ballot as one voter sees it: the nominees, and their own votes and profile."""

    edition: dict[str, Any]
    data: dict[str, Any] | None  # the voting API's ballot; None before the nominees exist
    logged_in: bool
    chosen: dict[str, dict[str, Any]] = field(default_factory=dict)  # category -> their vote
    missing: list[str] = field(default_factory=list)  # what their profile lacks to vote
    incomplete: bool = False  # a shared page's "profile incomplete" variant (no list: no account)

    @property
    def categories(self) -> list[dict[str, Any]]:
        return self.data["categories"] if self.data else []

    @property
    def codes(self) -> list[str]:
        return [group["category"] for group in self.categories]

    def may_vote_in(self, category: str) -> bool:
        return bool(self.data and self.data["is_open"] and self.logged_in and not self.missing
                    and not self.incomplete and category not in self.chosen)

    def page(self) -> dict[str, Any]:
        """What every vote template reads."""
        return {"edition": self.edition, "year": self.edition["year"], "ballot": self.data,
                "chosen": self.chosen, "missing": self.missing, "logged_in": self.logged_in,
                "incomplete": self.incomplete or bool(self.missing),
                "may_vote_in": self.may_vote_in}


def _ballot(year: int) -> Ballot:
    """The ballot as the visitor of a per-voter page sees it; their choices also go to the
    display cookie (pages/display_cookies.py), so that the shared pages' script marks them."""
    edition = editions.edition(year)
    data = get_ballot(year)
    account = auth.current_account()
    view = Ballot(edition, data, logged_in=account is not None)
    if account is not None:
        view.missing = missing_for_voting(account)
        if data is not None:
            mine = get_json(f"/api/v1/editions/{year}/votes/mine", token=auth.service_token())
            view.chosen = {vote["category"]: vote for vote in mine.get("votes", [])}
            g.choices = (year, {category: vote["nominee"] for category, vote in view.chosen.items()})
    return view


def _country_names(code: str) -> list[str]:
    """A country as a voter may type it: in the page's language and in English."""
    return [labels.country(code), labels.country(code, "en")]


@bp.get("/editions/<int:year>/vote")
def ballot(year: int) -> Any:
    view = _ballot(year)
    query = rules.query_of(request.args.get("q"))
    found = rules.search(view.categories, query, _country_names) if query else []
    return render("vote.html", query=query, raw_query=request.args.get("q", ""), found=found,
                  **view.page())


@bp.get("/editions/<int:year>/vote/<category>")
def ballot_category(year: int, category: str) -> Any:
    """Shared by every visitor of a language and variant: no session, no account, no message.
    `?voted=<nominee>` (where a vote redirects) thanks and marks that nominee: the same page
    for everyone who voted for it."""
    variant = display.read_variant(request.cookies.get(display.VOTER_COOKIE))
    share_page(variant)
    data = get_ballot(year)
    view = Ballot(editions.edition(year), data, logged_in=variant != display.ANONYMOUS,
                  incomplete=variant == display.INCOMPLETE)
    group = next((g for g in view.categories if g["category"] == category), None)
    if group is None:
        abort(404)
    voted = next((n for n in group["nominees"] if n["nominee"] == request.args.get("voted")), None)
    if voted is not None:
        view.chosen = {category: voted}
    previous, following = rules.neighbours(view.codes, category)
    return render("vote_category.html", category=category, nominees=group["nominees"],
                  previous=previous, following=following, first_words=rules.first_words,
                  voted=voted, **view.page())


@bp.get("/editions/<int:year>/nominees/<nominee_id>")
def nominee(year: int, nominee_id: str) -> Any:
    view = _ballot(year)
    found = rules.find(view.categories, nominee_id)
    if found is None:
        abort(404)
    return render("vote_nominee.html", category=found.category, nominee=found.nominee, **view.page())


@bp.get("/editions/<int:year>/vote/<category>/<nominee_id>/confirm")
@auth.login_required
def confirm_vote(year: int, category: str, nominee_id: str) -> Any:
    view = _ballot(year)
    found = rules.find(view.categories, nominee_id)
    if found is None or found.category != category:
        abort(404)
    response = make_response(render("vote_confirm.html", category=category, nominee=found.nominee,
                                     **view.page()))
    if view.may_vote_in(category):
        vote_token.hand_over(response, year)
    return response


@bp.post("/editions/<int:year>/vote")
@auth.login_required
def cast_vote(year: int) -> Any:
    """The confirmation's form posts here (the path nginx's per-address limit keys on)."""
    category = request.form.get("category", "")
    nominee = request.form.get("nominee", "")
    try:
        send("POST", f"/api/v1/editions/{year}/votes", token=auth.service_token(),
             json={"category": category, "nominee": nominee})
    except ServiceBusy:
        # The voting service shed the vote (too many in flight) or could not confirm it in time:
        # back to the confirmation, whose button tries again; a vote that did count meanwhile
        # is then refused as a second one, saying so.
        flash(gettext("So many people are voting right now that your vote could not be recorded. "
                      "Please try again in a moment."), "error")
        if not category:
            return redirect(url_for("pages.ballot", year=year), 303)
        return redirect(url_for("pages.confirm_vote", year=year, category=category, nominee_id=nominee), 303)
    except ApiError as error:
        # A refusal is rare: its message rides in the session to a per-voter page.
        flash(_refusal(error), "error")
        if error.status == 422 or not category:  # no such category: the list, not a 404
            return redirect(url_for("pages.ballot", year=year), 303)
        return redirect(url_for("pages.confirm_vote", year=year, category=category, nominee_id=nominee), 303)
    # No session write: the thanks is the shared `?voted=` page, the mark the display cookie.
    chosen = display.decode_choices(request.cookies.get(display.CHOICES_COOKIE), year)
    g.choices = (year, {**chosen, category: nominee})
    return redirect(url_for("pages.ballot_category", year=year, category=category, voted=nominee), 303)


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
