"""Who is looking at a page: the account id kept in Flask's signed session cookie, the account
read through the accounts module, and a short-lived token to call the services for them (both
kept a few seconds per process: portal/service/visitors.py says how long, and why).

The cookie also carries the account's credentials version at log-in; log-out, a password
change or reset raise the stored version, so every older cookie (a copied one too) stops
working on its next request (within the account cache's few seconds in other processes)."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import abort, g, redirect, request, session, url_for

from portal.service import accounts, credentials, visitors
from wsis_common.problems import Problem
from wsis_common.web import context

F = TypeVar("F", bound=Callable[..., Any])
CSRF_FIELD = "csrf_token"
VERSION = "cv"


def current_account() -> dict[str, Any] | None:
    if "account" not in g:
        g.account = None
        account_id = session.get("account_id")
        if account_id:
            try:
                account = accounts.visitor(context(), account_id)
            except Problem as problem:
                if problem.status != 404:
                    raise
                account = None  # the account is gone: log out quietly
            if account is not None and account.get("credentials_version", 0) == session.get(VERSION):
                g.account = account
            else:  # gone, logged out elsewhere, or its password changed: this session has ended
                session.pop("account_id", None)
                session.pop(VERSION, None)
    return g.account


def has_role(role: str) -> bool:
    account = current_account()
    return bool(account and role in account.get("roles", []))


def log_in(account: dict[str, Any]) -> None:
    language = session.get("lang")
    session.clear()  # a new session id for the logged-in person (no fixation)
    session["account_id"] = account["id"]
    session[VERSION] = account.get("credentials_version", 0)
    if language:
        session["lang"] = language
    session.permanent = True
    g.account = account


def log_out() -> None:
    """End the session on the server too: a copy of this cookie is no longer a log-in."""
    account = current_account()
    if account is not None:
        credentials.end_sessions(context(), account["id"])
    forget_session()


def forget_session() -> None:
    """This browser's session only (its account's sessions have ended already)."""
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    g.account = None


def service_token() -> str:
    account = current_account()
    if account is None:
        abort(401)
    return accounts.visitor_token(account)


def confirmed_service_token() -> str:
    """A service token for what needs a confirmed e-mail address (submitting). An account read
    before its owner opened the confirmation link stays in another process's cache for a few
    seconds (service/visitors.py): an unconfirmed one is read anew, so the link takes effect
    at once, and only unconfirmed accounts pay the read."""
    account = current_account()
    if account is not None and not account.get("email_verified"):
        visitors.forget(account["id"])
        g.pop("account", None)
    return service_token()


def login_required(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_account() is None:
            return redirect(url_for("pages.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def role_required(role: str) -> Callable[[F], F]:
    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_account() is None:
                return redirect(url_for("pages.login", next=request.full_path.rstrip("?")))
            if not has_role(role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site: never an open redirect."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


# -- CSRF: every form of the pages carries the session's token --

def csrf_token() -> str:
    token = session.get(CSRF_FIELD)
    if not token:
        token = session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return token


def csrf_valid() -> bool:
    sent = request.form.get(CSRF_FIELD, "")
    expected = session.get(CSRF_FIELD, "")
    return bool(sent and expected) and hmac.compare_digest(sent, expected)
