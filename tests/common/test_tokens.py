"""Tokens signed by the gateway's Ed25519 key; anything else is refused."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from wsis_common.auth import InvalidToken, Principal, TokenSigner, TokenVerifier, generate_keypair
from wsis_common.clock import clock

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


def test_the_key_command_keeps_the_public_key_apart_from_the_private_one(tmp_path) -> None:
    private_dir, public_dir = tmp_path / "private", tmp_path / "public"
    done = subprocess.run([sys.executable, "-m", "wsis_common.keys", str(private_dir), str(public_dir)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in private_dir.iterdir()) == ["private.pem", "secret"]
    assert sorted(p.name for p in public_dir.iterdir()) == ["public.pem"]
    assert (private_dir / "private.pem").stat().st_mode & 0o077 == 0, "the private key is the owner's only"
    first = (public_dir / "public.pem").read_text()
    subprocess.run([sys.executable, "-m", "wsis_common.keys", str(private_dir), str(public_dir)], check=True,
                   capture_output=True, timeout=60)
    assert (public_dir / "public.pem").read_text() == first, "made once, kept across runs"
    verifier = TokenVerifier(first, issuer="i", audience="a")
    signer = TokenSigner((private_dir / "private.pem").read_text(), issuer="i", audience="a")
    assert verifier.verify(signer.sign(Principal("ann", frozenset()))).account_id == "ann"


def test_a_confirmed_email_travels_in_the_token_and_is_unconfirmed_by_default() -> None:
    confirmed = Principal("acct-2", frozenset({"stakeholder"}), email_verified=True)
    assert verifier().verify(signer().sign(confirmed)).email_verified is True
    assert verifier().verify(signer().sign(VOTER)).email_verified is False


def signed(**claims: object) -> str:
    """A token with exactly these claims (and a valid subject, audience, issuer and expiry),
    signed with the gateway's key: what a careless or older signer could have issued."""
    key = serialization.load_pem_private_key(PRIVATE.encode(), password=None)
    base = {"sub": "acct-3", "aud": AUDIENCE, "iss": ISSUER, "exp": int(clock.now().timestamp()) + 60}
    return jwt.encode({**base, **claims}, key, algorithm="EdDSA")


@pytest.mark.parametrize("claim", ["true", 1, "1", {"yes": True}, [True], None])
def test_only_a_json_true_is_a_confirmed_email(claim: object) -> None:
    assert verifier().verify(signed(email_verified=claim)).email_verified is False
    assert verifier().verify(signed(email_verified=True)).email_verified is True


def test_a_token_without_the_claim_is_not_confirmed() -> None:
    assert verifier().verify(signed()).email_verified is False


@pytest.mark.parametrize("claims", [
    {"exp": "4102444800"}, {"exp": 4102444800.5}, {"exp": True}, {"iat": "now"},
    {"sub": 42}, {"sub": ["acct-3"]},
    {"roles": {"admin": True}}, {"roles": "admin"}, {"roles": ["admin", 1]},
    {"org": ["ITU"]}, {"org": {"name": 7}}, {"org": "ITU"},
    {"email": 1}, {"name": {"first": "Ada"}},
    {"created_at": "2023-01-10T12:00:00Z"}, {"created_at": 1673352000.5}, {"created_at": True},
    {"created_at": 10**20},
])
def test_a_claim_of_the_wrong_type_is_an_invalid_token_never_a_role(claims: dict) -> None:
    with pytest.raises(InvalidToken, match=r"claim is not|must be a string"):  # sub: PyJWT's own check
        verifier().verify(signed(**claims))


@pytest.mark.parametrize("claim", ["true", 1, {"yes": True}])
def test_only_a_json_true_is_a_complete_profile(claim: object) -> None:
    assert verifier().verify(signed(profile_complete=claim)).profile_complete is False
    assert verifier().verify(signed(profile_complete=True)).profile_complete is True


def test_a_principal_with_unknown_parts_signs_a_token_every_service_reads() -> None:
    vague = Principal("acct-4", frozenset({"stakeholder"}), organisation={"name": None, "type": "x"},
                      email=None, name=None)  # type: ignore[arg-type]
    read = verifier().verify(signer().sign(vague))
    assert read.organisation == {"name": "", "type": "x"} and read.email == "" and read.name == ""


def test_the_token_says_when_the_account_was_created_and_an_older_token_leaves_it_unknown() -> None:
    created = datetime(2023, 1, 8, 9, 30, 15, 250_000, tzinfo=UTC)
    newcomer = Principal("acct-5", frozenset({"stakeholder"}), created_at=created)
    read = verifier().verify(signer().sign(newcomer))
    assert read.created_at == created.replace(microsecond=0), "whole seconds, in UTC"
    older = datetime(2023, 1, 8, 9, 30, 15, tzinfo=UTC)
    assert verifier().verify(signed(created_at=int(older.timestamp()))).created_at == older
    assert verifier().verify(signed()).created_at is None, "a token signed before the claim still verifies"
    assert verifier().verify(signer().sign(VOTER)).created_at is None
