"""The display cookies of the shared vote pages (domain/display.py), kept in step with the
session: after any page that looked at its visitor, `wsis_voter` names their variant (set at
log-in and after a profile change, removed at log-out), and `wsis_choices` their choices in an
edition (at log-in, after a vote, and whenever a per-voter page read them). Neither is ever
read to decide what a visitor may do."""

from __future__ import annotations

from flask import Response, current_app, g, request

from portal.domain import display
from portal.pages import auth, editions
from portal.pages.account import missing_for_voting
from portal.pages.blueprint import bp
from portal.pages.client import ApiError, ServiceDown, get_json


@bp.after_request
def _sync_display_cookies(response: Response) -> Response:
    if "account" not in g or "shared_page" in g:
        return response  # this page did not look at its visitor
    account = g.account
    variant = display.variant_of(account is not None, missing_for_voting(account) if account else [])
    if request.cookies.get(display.VOTER_COOKIE, "") != variant:
        if account is None:
            response.delete_cookie(display.VOTER_COOKIE)
            response.delete_cookie(display.CHOICES_COOKIE)
            return response
        _set(response, display.VOTER_COOKIE, variant, http_only=True)
        if "choices" not in g:
            g.choices = _current_choices()
    if account is not None and g.get("choices"):
        year, chosen = g.choices
        _set(response, display.CHOICES_COOKIE, display.encode_choices(year, chosen), http_only=False)
    return response


def _set(response: Response, name: str, value: str, *, http_only: bool) -> None:
    lifetime = current_app.permanent_session_lifetime
    response.set_cookie(name, value, max_age=int(lifetime.total_seconds()), samesite="Lax",
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False), httponly=http_only)


def _current_choices() -> tuple[int, dict[str, str]] | None:
    """The voter's choices in the current edition, as they log in (None when there is no vote
    to read: the per-voter pages set the cookie when they read the votes anyway)."""
    try:
        edition = editions.current()
        if edition is None:
            return None
        year = edition["year"]
        mine = get_json(f"/api/v1/editions/{year}/votes/mine", token=auth.service_token())
    except (ApiError, ServiceDown):
        return None
    return year, {vote["category"]: vote["nominee"] for vote in mine.get("votes", [])}
