"""Tokens signed by the gateway's Ed25519 key; anything else is refused."""

from datetime import timedelta

import jwt
import pytest

from wsis_common.auth import InvalidToken, Principal, TokenSigner, TokenVerifier, generate_keypair

PRIVATE, PUBLIC = generate_keypair()
ISSUER, AUDIENCE = "wsis-gateway", "wsis-services"
VOTER = Principal("acct-1", frozenset({"stakeholder"}), True,
                  {"name": "ITU", "type": "International organisation", "country": "CH"})


def verifier(public: str = PUBLIC, audience: str = AUDIENCE) -> TokenVerifier:
    return TokenVerifier(public, issuer=ISSUER, audience=audience)


def signer(private: str = PRIVATE, audience: str = AUDIENCE) -> TokenSigner:
    return TokenSigner(private, issuer=ISSUER, audience=audience)


def test_a_valid_token_says_who_the_caller_is() -> None:
    assert verifier().verify(signer().sign(VOTER)) == VOTER


def test_an_expired_token_is_refused() -> None:
    token = signer().sign(VOTER, lifetime=timedelta(seconds=-60))
    with pytest.raises(InvalidToken, match="expired"):
        verifier().verify(token)


def test_a_tampered_token_is_refused() -> None:
    header, payload, signature = signer().sign(VOTER).split(".")
    forged = jwt.utils.base64url_encode(
        jwt.utils.base64url_decode(payload).replace(b"stakeholder", b"admin\x22\x2c\x22x")
    ).decode()
    with pytest.raises(InvalidToken):
        verifier().verify(f"{header}.{forged}.{signature}")


def test_a_token_for_another_audience_is_refused() -> None:
    with pytest.raises(InvalidToken, match=r"(?i)audience"):
        verifier().verify(signer(audience="someone-else").sign(VOTER))


def test_a_token_signed_with_another_key_is_refused() -> None:
    other_private, _ = generate_keypair()
    with pytest.raises(InvalidToken, match=r"[Ss]ignature"):
        verifier().verify(signer(private=other_private).sign(VOTER))


def test_an_unsigned_token_is_refused() -> None:
    token = jwt.encode({"sub": "x", "aud": AUDIENCE, "iss": ISSUER, "exp": 4102444800}, None,
                       algorithm="none")
    with pytest.raises(InvalidToken):
        verifier().verify(token)
