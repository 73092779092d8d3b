"""Signed unsubscribe links: a coordinator stops the progress mails of one edition with the
link in any of them, without an account. The signature (HMAC, itsdangerous) is what makes a
link good; nothing is stored per link. The key is the caller's (service/links.py keeps it)."""

from __future__ import annotations

from urllib.parse import quote

from itsdangerous import BadSignature, URLSafeSerializer

from notify.domain import normalise_email

_SALT = "wsis-notify-progress-unsubscribe"


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=_SALT)


def token_for(secret: str, edition: int, email: str) -> str:
    """The signed token of one address's progress mails in one edition."""
    return _serializer(secret).dumps({"e": edition, "m": normalise_email(email)})


def link(public_url: str, token: str) -> str:
    """Where the token is used: the unsubscribe page of the mail API, through the gateway."""
    return f"{public_url}/api/v1/mail/unsubscribe?token={quote(token)}"


def read_token(secret: str, token: str) -> tuple[int, str] | None:
    """(edition, e-mail) of a good token; None for a forged, altered or unknown one."""
    try:
        data = _serializer(secret).loads(token)
        return int(data["e"]), str(data["m"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
