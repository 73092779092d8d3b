"""Signed access tokens: the gateway signs them with its Ed25519 private key, every service
verifies them with the public key. No shared secret, and no service trusts a bare header."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wsis_common.clock import as_utc, clock

ALGORITHM = "EdDSA"
ROLES = ("stakeholder", "expert", "admin")


class InvalidToken(Exception):
    """The token is missing, expired, tampered with, for another audience or another key."""


@dataclass(frozen=True)
class Principal:
    account_id: str
    roles: frozenset[str]
    profile_complete: bool = False
    organisation: dict[str, Any] = field(default_factory=dict)
    email: str = ""
    name: str = ""
    # The account's e-mail address was confirmed: submitting a project needs it.
    email_verified: bool = False
    # The token's `iat` (epoch seconds; 0 when it has none): a password change refuses older
    # ones (revocations.py). Not part of who the principal is, so not compared.
    issued_at: int = field(default=0, compare=False)
    # When the account was created (UTC, whole seconds: the `created_at` claim is epoch
    # seconds); None when the token does not say (signed before the claim existed). The
    # suspicious-voting report counts votes from accounts created shortly before they voted.
    created_at: datetime | None = None

    def has(self, role: str) -> bool:
        return role in self.roles


def generate_keypair() -> tuple[str, str]:
    """A new Ed25519 key pair as (private PEM, public PEM)."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    return private, public


class TokenSigner:
    def __init__(self, private_key_pem: str, *, issuer: str, audience: str,
                 lifetime: timedelta = timedelta(minutes=15)) -> None:
        self._key = serialization.load_pem_private_key(private_key_pem.encode(), password=None)
        self.issuer, self.audience, self.lifetime = issuer, audience, lifetime

    def sign(self, principal: Principal, *, lifetime: timedelta | None = None) -> str:
        now = clock.now()
        claims = {
            "sub": principal.account_id,
            "roles": sorted(principal.roles),
            "profile_complete": principal.profile_complete,
            # Strings only (the verifier refuses anything else): a value not known is "".
            "org": {key: value or "" for key, value in principal.organisation.items()},
            "email": principal.email or "",
            "name": principal.name or "",
            "email_verified": principal.email_verified,
            **({} if principal.created_at is None
               else {"created_at": int(as_utc(principal.created_at).timestamp())}),
            "iss": self.issuer,
            "aud": self.audience,
            "iat": int(now.timestamp()),
            "exp": int((now + (lifetime or self.lifetime)).timestamp()),
        }
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)


class TokenVerifier:
    def __init__(self, public_key_pem: str, *, issuer: str, audience: str) -> None:
        # The key is parsed once; verifying a token is then one Ed25519 check (~50 µs).
        self._key = serialization.load_pem_public_key(public_key_pem.encode())
        self.issuer, self.audience = issuer, audience

    def verify(self, token: str) -> Principal:
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                audience=self.audience,
                issuer=self.issuer,
                # exp is checked against our clock below, so that tests can set the time.
                options={"require": ["exp", "sub", "aud", "iss"], "verify_exp": False,
                         "verify_iat": False},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        return principal_of(claims)


def principal_of(claims: dict[str, Any]) -> Principal:
    """The principal a verified token's claims name, each claim of exactly its type, even from
    our own signer: a string `exp` or an object `roles` is an invalid token, never a 500 and
    never a role."""
    for name, (is_right, kind) in _CLAIM_TYPES.items():
        if name in claims and not is_right(claims[name]):
            raise InvalidToken(f"The {name} claim is not {kind}")
    if claims["exp"] < clock.now().timestamp() - 5:
        raise InvalidToken("Signature has expired")
    return Principal(
        account_id=claims["sub"],
        roles=frozenset(r for r in claims.get("roles", []) if r in ROLES),
        # Strictly a JSON true: a string "true" or a 1 is not a completed profile or address.
        profile_complete=claims.get("profile_complete") is True,
        organisation=dict(claims.get("org") or {}),
        email=claims.get("email") or "",
        name=claims.get("name") or "",
        email_verified=claims.get("email_verified") is True,
        issued_at=claims.get("iat", 0),
        created_at=_instant(claims["created_at"]) if "created_at" in claims else None,
    )


def _instant(epoch_seconds: int) -> datetime:
    try:
        return datetime.fromtimestamp(epoch_seconds, UTC)
    except (OverflowError, OSError, ValueError) as exc:  # beyond what a datetime holds
        raise InvalidToken("The created_at claim is not an instant") from exc


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _text_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


# The flags (email_verified, profile_complete) are not here: anything but a JSON true is false.
_INTEGER, _TEXT = (_integer, "an integer"), (_text, "a string")
_CLAIM_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "exp": _INTEGER, "iat": _INTEGER, "created_at": _INTEGER, "sub": _TEXT, "email": _TEXT, "name": _TEXT,
    "roles": (_texts, "a list of strings"), "org": (_text_map, "an object of strings"),
}
