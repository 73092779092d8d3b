"""The vote form's POST, taken by the voting service straight from the edge.

A vote through the pages used to cross the gateway's portal (a Flask request with its session,
then an HTTP call to this service): four times the machine's work of the same vote through the
API. The confirmation page now hands the voter's service token to the browser in the HttpOnly,
SameSite=Strict cookie `wsis_vote` (wsis_common.vote_cookies), and nginx sends a POST to
/editions/<year>/vote that carries it here, where the token is checked as an API call's bearer
token is and the vote is cast by the same use case. nginx's per-address limit has drawn once.

Only the plain success is answered here: a 303 to the category page thanking the voter (the
edge-cached page every voter for that nominee sees), with the display cookie of their choices.
Anything else (no or stale token, a request from another site, a refusal, this service too busy:
that one before Flask, voting.api.admission_routes) is a 307 back to the same address with the
token cookie removed (`to_portal`): the browser posts the form again, nginx sends it to the
portal (no cookie), and the portal does what it always did: its session, its CSRF check, and
the refusal said in the visitor's language."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlsplit

from flask import Blueprint, Request, Response, request

from voting.api import client_address, current_voting
from voting.schemas.votes import read_vote
from voting.service import votes
from wsis_common.inputs import control_character_errors, reads_own_body
from wsis_common.problems import Problem
from wsis_common.vote_cookies import (
    CHOICES_COOKIE,
    VOTE_TOKEN_COOKIE,
    decode_choices,
    encode_choices,
    vote_path,
)
from wsis_common.web import verify_token

bp = Blueprint("vote_form", __name__)

_LONGEST_FORM_BODY = 4096  # category, nominee and the portal's CSRF token: well under 1 kB


@bp.post("/editions/<int:year>/vote")
@reads_own_body
def vote_by_form(year: int) -> Response:
    req: Request = request._get_current_object()  # type: ignore[attr-defined]  # one proxy look-up
    token = req.cookies.get(VOTE_TOKEN_COOKIE)
    fields = _fields(req) if token and _from_our_pages(req) else None
    if fields is None:
        return to_portal(year)
    try:
        choice = votes.vote(current_voting(), year, voter=lambda: verify_token(token, role="stakeholder"),
                            choice=lambda: read_vote(fields), address=client_address(req))
    except Problem:  # refused or not confirmed: the portal says it in the visitor's language
        return to_portal(year)
    category, nominee = choice["category"], choice["nominee"]
    response = Response(status=303, headers={
        "Location": f"{vote_path(year)}/{quote(category, safe='')}?voted={quote(nominee, safe='')}"})
    chosen = {**decode_choices(req.cookies.get(CHOICES_COOKIE), year), category: nominee}
    # A session cookie: the portal renews it (with the session's lifetime) on the voter's next
    # per-voter page; it only marks choices on the shared pages.
    response.set_cookie(CHOICES_COOKIE, encode_choices(year, chosen), samesite="Lax",
                        secure=_https(req), path="/")
    return response


def _fields(req: Request) -> dict[str, str] | None:
    """The form's two fields as read_vote reads a JSON vote (the CSRF token is the portal's),
    read from the WSGI input in one call (werkzeug's form parser costs more than the vote);
    None for anything but a short urlencoded form of clean text: the portal answers that."""
    length = req.content_length
    if req.mimetype != "application/x-www-form-urlencoded" or not length or length > _LONGEST_FORM_BODY:
        return None
    try:
        pairs = parse_qsl(req.environ["wsgi.input"].read(length).decode(), max_num_fields=8)
    except (UnicodeDecodeError, ValueError):
        return None
    fields = {name: value for name, value in pairs if name in ("category", "nominee")}
    return None if any(control_character_errors(fields.items())) else fields


def _from_our_pages(req: Request) -> bool:
    """The browser's Origin (or, failing it, Referer) names this site. SameSite=Strict already
    keeps the cookie off another site's form; this refuses what slips past (an old browser)."""
    source = req.headers.get("Origin") or req.headers.get("Referer")
    if not source or source == "null":
        return False
    host = (req.host or "").rsplit(":", 1)[0]
    return bool(host) and urlsplit(source).hostname == host


def _https(req: Request) -> bool:
    return req.headers.get("X-Forwarded-Proto", req.scheme) == "https"


def to_portal(year: int) -> Response:
    """Post the form again, without the token cookie, so that the edge sends it to the portal."""
    response = Response(status=307, headers={"Location": vote_path(year)})
    response.delete_cookie(VOTE_TOKEN_COOKIE, path=vote_path(year))
    return response
