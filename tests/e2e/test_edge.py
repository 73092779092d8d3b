"""The gateway's edge for every service: tokens that every service refuses, the API
documents together in one browsable page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import requests

from devstack.stack import Stack
from wsis_common.auth import Principal, TokenSigner, generate_keypair

# One endpoint per service that needs a signed token (with the admin role where it asks one).
PROTECTED = {
    "submission": ("GET", "/api/v1/editions/2023/history"),
    "voting": ("GET", "/api/v1/editions/2023/votes/mine"),
    "notify": ("GET", "/api/v1/mail/failed"),
    "gateway": ("GET", "/api/v1/accounts/me"),
}


def _bad_tokens(stack: Stack, signer: TokenSigner) -> dict[str, str]:
    admin = Principal("admin-edge", frozenset({"admin", "stakeholder", "expert"}), True)
    other_private, _ = generate_keypair()
    header, payload, signature = signer.sign(admin).split(".")
    private = Path(stack.private_key).read_text()
    return {
        "expired": signer.sign(admin, lifetime=timedelta(seconds=-30)),
        "tampered": f"{header}.{payload[:-4]}AAAA.{signature}",
        "wrong audience": TokenSigner(private, issuer="wsis-gateway", audience="elsewhere").sign(admin),
        "wrong key": TokenSigner(other_private, issuer="wsis-gateway", audience="wsis-services").sign(admin),
    }


@pytest.mark.parametrize("service", sorted(PROTECTED))
def test_every_service_refuses_expired_tampered_foreign_and_wrong_key_tokens(
    stack: Stack, signer: TokenSigner, service: str
) -> None:
    method, path = PROTECTED[service]
    good = signer.sign(Principal("admin-edge", frozenset({"admin", "stakeholder", "expert"}), True))
    assert requests.request(method, stack.gateway_url + path, timeout=5,
                            headers={"Authorization": f"Bearer {good}"}).status_code != 401
    for case, token in _bad_tokens(stack, signer).items():
        response = requests.request(method, stack.gateway_url + path, timeout=5,
                                    headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, (service, case, response.text)
        assert response.headers["Content-Type"] == "application/problem+json"
    bare = requests.request(method, stack.gateway_url + path, timeout=5,
                            headers={"X-Account-Id": "admin-edge", "X-Roles": "admin"})
    assert bare.status_code == 401, "no service trusts a bare header"


def test_the_services_api_documents_are_browsable_together(stack: Stack) -> None:
    page = requests.get(f"{stack.gateway_url}/api/docs", timeout=5)
    assert page.status_code == 200 and "swagger-ui" in page.text
    for service in ("submission", "voting", "review", "notify", "gateway"):
        assert f"/openapi/{service}.json" in page.text
        assert requests.get(f"{stack.gateway_url}/openapi/{service}.json", timeout=5).json()["paths"]
    script = requests.get(f"{stack.gateway_url}/api/docs/static/swagger-ui-bundle.js", timeout=5)
    assert script.status_code == 200 and len(script.content) > 100_000
