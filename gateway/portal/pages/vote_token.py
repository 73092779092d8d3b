"""The vote token cookie: the confirmation page hands the voter's service token to the browser
so that its form posts straight to the voting service (services/voting/voting/api/form.py says why);
log-out takes it back."""

from __future__ import annotations

from flask import Response, current_app

from portal.pages import auth, editions
from wsis_common.clock import clock
from wsis_common.vote_cookies import VOTE_TOKEN_COOKIE, vote_path


def hand_over(response: Response, year: int) -> None:
    """HttpOnly: no script reads it; SameSite=Strict and only on the vote's path: another site's
    form never carries it. A stale one costs a detour through the portal, never a vote."""
    response.set_cookie(VOTE_TOKEN_COOKIE, auth.service_token(), path=vote_path(year), httponly=True,
                        samesite="Strict", secure=current_app.config.get("SESSION_COOKIE_SECURE", False))


def take_back(response: Response) -> None:
    """The vote token of every edition whose vote is not over goes with the session (the
    cookie is per edition's path, and the portal never sees it elsewhere)."""
    now = clock.now()
    for edition in editions.all_editions():
        if not editions.schedule_of(edition).window("voting").is_over(now):
            response.delete_cookie(VOTE_TOKEN_COOKIE, path=vote_path(edition["year"]))
