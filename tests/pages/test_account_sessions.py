"""Issue 19 on the pages: the session cookie's flags, a log-out that ends the session on the
server (a copied cookie stops working), a forgotten password reset from the mailed link, a
password changed on the profile, each ending every older session, and registration pages
that say the same whether or not the address has an account."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from sqlalchemy import select

from portal import config
from portal.models import messages
from tests.pages.conftest import csrf_of, register_and_log_in

AMINA = {"user_name": "amina", "email": "amina@example.org", "password": "long enough secret",
         "organisation_name": "Digital Health Kenya", "organisation_type": "civil_society", "country": "KE"}
NEW_PASSWORD = "a brand new secret"


def copy_of(pages_app, client: FlaskClient) -> FlaskClient:
    """Another browser holding a copy of `client`'s session cookie."""
    other = pages_app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def logged_in(client: FlaskClient) -> bool:
    return client.get("/profile").status_code == 200


def log_in(client: FlaskClient, password: str) -> int:
    return client.post("/login", data={"csrf_token": csrf_of(client, "/login"), "identifier": "amina",
                                       "password": password}).status_code


def reset_links(ctx) -> list[str]:
    with ctx.db.sessions() as session:
        bodies = session.scalars(select(messages.outbox.c.body).where(
            messages.outbox.c.routing_key == "account.password_reset_requested"))
        return [json.loads(b)["payload"]["reset_url"] for b in bodies]


def test_the_session_cookie_is_httponly_samesite_lax_and_secure_over_https(pclient, monkeypatch) -> None:
    register_and_log_in(pclient, AMINA)  # PORTAL_BASE_URL is https://wsis.example
    cookie = pclient.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and cookie.secure
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    monkeypatch.setenv("PORTAL_BASE_URL", "http://127.0.0.1:8080")
    assert config.PortalSettings.from_env().session_cookie_secure is False
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "true")
    assert config.PortalSettings.from_env().session_cookie_secure is True


def test_a_copied_cookie_stops_working_after_log_out(pages_app, pclient) -> None:
    register_and_log_in(pclient, AMINA)
    stolen = copy_of(pages_app, pclient)
    assert logged_in(stolen)
    pclient.post("/logout", data={"csrf_token": csrf_of(pclient, "/profile")})
    assert not logged_in(pclient) and not logged_in(stolen)


def test_a_forgotten_password_is_reset_from_the_mailed_link_and_older_sessions_end(
    pages_app, pclient, pctx
) -> None:
    register_and_log_in(pclient, AMINA)
    elsewhere = copy_of(pages_app, pclient)
    visitor = pages_app.test_client()
    assert 'href="/password-reset"' in visitor.get("/login").get_data(as_text=True)
    answers = [visitor.post("/password-reset", data={"csrf_token": csrf_of(visitor, "/password-reset"),
                                                     "identifier": name}).get_data(as_text=True)
               for name in ("amina@example.org", "nobody@example.org")]
    assert "If an account has this user name or e-mail address" in answers[0]
    assert answers[0].count("we have sent it a link") == answers[1].count("we have sent it a link") == 1
    [link] = reset_links(pctx)
    path = f"{urlsplit(link).path}?{urlsplit(link).query}"
    form = visitor.get(path)
    assert form.status_code == 200 and "Choose a new password" in form.get_data(as_text=True)
    token = urlsplit(link).query.split("token=", 1)[1]
    done = visitor.post("/password-reset/confirm", data={"csrf_token": csrf_of(visitor, path),
                                                         "token": token, "password": NEW_PASSWORD})
    assert done.status_code == 303 and done.headers["Location"] == "/login"
    assert not logged_in(pclient) and not logged_in(elsewhere), "every session before the reset ended"
    again = visitor.post("/password-reset/confirm", data={"csrf_token": csrf_of(visitor, path),
                                                          "token": token, "password": "another new secret"})
    assert again.status_code == 400 and "This link does not work any more" in again.get_data(as_text=True)
    assert log_in(visitor, AMINA["password"]) == 401 and log_in(visitor, NEW_PASSWORD) == 303


def test_a_password_changed_on_the_profile_ends_every_other_session(pages_app, pclient) -> None:
    register_and_log_in(pclient, AMINA)
    elsewhere = copy_of(pages_app, pclient)
    wrong = pclient.post("/profile/password", data={
        "csrf_token": csrf_of(pclient, "/profile"), "current_password": "not it",
        "new_password": NEW_PASSWORD}, follow_redirects=True)
    assert "This is not your current password." in wrong.get_data(as_text=True)
    assert logged_in(elsewhere)
    changed = pclient.post("/profile/password", data={
        "csrf_token": csrf_of(pclient, "/profile"), "current_password": AMINA["password"],
        "new_password": NEW_PASSWORD}, follow_redirects=True)
    assert "Your password is changed." in changed.get_data(as_text=True)
    assert logged_in(pclient), "the session that changed it goes on"
    assert not logged_in(elsewhere)


def test_registering_a_known_address_reads_as_a_new_registration(pages_app, pclient, pctx) -> None:
    register_and_log_in(pclient, AMINA)
    answers = []
    for changes in ({"user_name": "bruno", "email": "bruno@example.org"},
                    {"user_name": "amina2", "email": "amina@example.org"}):
        visitor = pages_app.test_client()
        response = visitor.post("/register", data={**AMINA, **changes,
                                                   "csrf_token": csrf_of(visitor, "/register")})
        answers.append((response.status_code, response.get_data(as_text=True).replace(changes["email"], "@")))
    assert answers[0] == answers[1]
    assert answers[0][0] == 200 and "Check your mail" in answers[0][1]
