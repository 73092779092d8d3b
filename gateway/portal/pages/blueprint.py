"""The pages' blueprint: languages, the layout's context, CSRF, security headers, and a clear
page (never a crash, never JSON) when something fails or a service is down."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from flask import Blueprint, Flask, Response, g, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from portal import i18n
from portal.pages import auth, editions, labels, timefmt
from portal.pages.client import ApiError, ServiceDown
from portal.pages.forms import aria_attributes, field_id
from wsis_common.outage import database_unreachable
from wsis_common.problem_responses import from_http_exception, problem_response
from wsis_common.problems import RETRY_AFTER_SECONDS, Problem

log = logging.getLogger(__name__)
bp = Blueprint("pages", __name__)

# Scripts and styles only from this site; no inline code (the pages work without JavaScript).
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "form-action 'self'; frame-ancestors 'none'; base-uri 'self'")


@bp.record_once
def _setup(state: Any) -> None:
    app: Flask = state.app
    i18n.init_app(app)
    app.permanent_session_lifetime = timedelta(hours=12)
    app.jinja_env.globals.update(
        csrf_token=auth.csrf_token, has_role=auth.has_role, show_time=timefmt.show,
        labels=labels, field_id=field_id, aria_attributes=aria_attributes,
        languages=i18n.LANGUAGES, here=_here, window_state=editions.window_state,
        has_passed=editions.has_passed,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # Paths that match no route: a page for people, problem+json under /api/.
    app.register_error_handler(404, _not_found_anywhere)
    app.register_error_handler(405, _not_found_anywhere)


def _here() -> str:
    """This page's path and query, to come back to after switching the language or logging in."""
    return request.full_path.rstrip("?")


def render(template: str, status: int = 200, **context: Any) -> tuple[str, int]:
    """A page in the layout; its phase banner is about `edition` (else the current edition)."""
    banner_edition = context.get("edition")
    if banner_edition is None:
        try:
            banner_edition = editions.current()
        except Exception:  # the banner never takes a page down
            log.exception("no edition for the banner")
    phase = editions.phase_of(banner_edition) if banner_edition else None
    if "shared_page" in g:
        context["variant"] = g.shared_page
    return render_template(template, banner_edition=banner_edition, banner_phase=phase,
                           account=_account_or_none(), lang=i18n.current_language(),
                           dir=i18n.direction(), **context), status


def share_page(variant: str) -> None:
    """This request's page (and its error page, which the edge keeps too) is shared by every
    visitor of a language and `variant` (domain/display.py): rendered without the session (no
    account, no name, no CSRF token, no message), in the language the edge's key holds."""
    g.shared_page = variant


def _account_or_none() -> dict[str, Any] | None:
    if "shared_page" in g:
        return None
    try:
        return auth.current_account()
    except Exception:
        log.exception("the account could not be read")
        return None


@bp.before_request
def _check_csrf() -> Any:
    if request.method == "POST" and not auth.csrf_valid():
        return render("message.html", 400, title=gettext("This form has expired"),
                      message=gettext("Please go back, reload the page and send the form again."))
    return None


@bp.after_request
def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if g.get("account") is not None or request.method == "POST":
        response.headers.setdefault("Cache-Control", "no-store")
    response.headers.add("Vary", "Cookie, Accept-Language")
    return response


# -- errors: a clear page in the visitor's language --

@bp.errorhandler(ServiceDown)
def _service_down(_error: ServiceDown) -> tuple[str, int, dict[str, str]]:
    return _unavailable_page()


def _unavailable_page() -> tuple[str, int, dict[str, str]]:
    """A service, or the gateway's own database, cannot be reached: it passes, so a 503 that
    says when to come back (Retry-After), in the visitor's language."""
    page, status = render("message.html", 503, title=gettext("This service is not available right now"),
                          message=gettext("A part of the platform cannot be reached at the moment. "
                                          "Nothing you did is lost; please try again in a few minutes."))
    return page, status, {"Retry-After": str(RETRY_AFTER_SECONDS)}


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> tuple[str, int]:
    status = error.status if error.status in (400, 401, 403, 404, 409, 410, 422, 429) else 500
    return _error_page(status)


@bp.errorhandler(Problem)
def _problem(problem: Problem) -> tuple[str, int] | tuple[str, int, dict[str, str]]:
    if _control_characters(problem):  # refused before the page's view (wsis_common.inputs)
        return render("message.html", 422, title=gettext("This form holds a character it cannot take"),
                      message=gettext("A field holds an invisible control character (such as NUL), often "
                                      "from pasted text. Please go back, retype the field and send the "
                                      "form again."))
    if problem.status >= 500:
        log.error("accounts problem %s: %s", problem.status, problem.detail)
    if problem.status == 503:
        return _unavailable_page()
    return _error_page(problem.status)


def _control_characters(problem: Problem) -> bool:
    reasons = problem.extra.get("reasons") or {}
    return any(r.get("code") == "text.control_character" for found in reasons.values() for r in found)


@bp.errorhandler(HTTPException)
def _http(error: HTTPException) -> tuple[str, int]:
    return _error_page(error.code or 500)


@bp.errorhandler(Exception)
def _unexpected(error: Exception) -> tuple[str, int] | tuple[str, int, dict[str, str]]:
    if database_unreachable(error):
        log.warning("database unreachable on a page: %r", error)
        return _unavailable_page()
    log.exception("unhandled error on a page")
    return _error_page(500)


@bp.get("/too-many-requests")
def too_many_requests() -> tuple[str, int]:
    """nginx's error page for a log-in, registration or vote page over its per-address limit."""
    return _error_page(429)


def _error_page(status: int) -> tuple[str, int]:
    titles = {
        400: gettext("This request cannot be handled"),
        401: gettext("Please log in"),
        403: gettext("You may not see this page"),
        404: gettext("This page does not exist"),
        405: gettext("This page does not exist"),
        429: gettext("Too many attempts"),
    }
    messages = {
        403: gettext("This page is for another role (expert or WSIS team)."),
        404: gettext("The address may be mistyped, or the page has moved."),
        429: gettext("Please wait a few minutes, then try again."),
    }
    title = titles.get(status, gettext("Something went wrong on our side"))
    message = messages.get(status, gettext("The problem is logged. Please try again later."))
    try:
        return render("message.html", status, title=title, message=message)
    except Exception:  # the layout itself failed: plain words, still not a crash
        log.exception("the error page could not be rendered")
        return f"<!doctype html><title>{status}</title><h1>{status}</h1>", status


def _not_found_anywhere(error: HTTPException) -> Any:
    if request.path.startswith(("/api/", "/openapi")) or request.accept_mimetypes.best == "application/json":
        return problem_response(from_http_exception(error))
    return _error_page(error.code or 404)
