"""The gateway app's own settings, from the environment (secrets have no default in
production; `make run` and the tests generate them).

`PortalSettings` is read once per app; the functions below it are the pages' client's and the
account cache's knobs, read when they are used (at import, or per call where a test or a
benchmark sets them while the process runs), as they always were: only their home moved here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path


def _secret(name: str) -> str | None:
    if os.environ.get(name):
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    return Path(path).read_text().strip() if path else None


@dataclass(frozen=True)
class PortalSettings:
    secret_key: str | None
    token_private_key: str | None
    base_url: str
    api_base_url: str
    token_lifetime: timedelta
    failed_logins_per_account: str
    failed_logins_per_address: str
    mails_per_account: str
    password_reset_lifetime: timedelta
    # Flask's session cookie gets `Secure` when the site is served over HTTPS.
    session_cookie_secure: bool
    # The edge proxies whose X-Forwarded-For is believed; from anyone else it is ignored.
    trusted_proxies: tuple[str, ...]

    @classmethod
    def from_env(cls) -> PortalSettings:
        return cls(
            secret_key=_secret("SECRET_KEY"),
            token_private_key=_secret("TOKEN_PRIVATE_KEY"),
            base_url=os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8080").rstrip("/"),
            api_base_url=os.environ.get("API_BASE_URL", "http://127.0.0.1:8080").rstrip("/"),
            token_lifetime=timedelta(minutes=int(os.environ.get("TOKEN_LIFETIME_MINUTES", "15"))),
            failed_logins_per_account=os.environ.get("FAILED_LOGINS_PER_ACCOUNT", "5 per 15 minutes"),
            failed_logins_per_address=os.environ.get("FAILED_LOGINS_PER_ADDRESS", "30 per 15 minutes"),
            mails_per_account=os.environ.get("ACCOUNT_MAILS_PER_ACCOUNT", "3 per hour"),
            password_reset_lifetime=timedelta(minutes=int(os.environ.get("PASSWORD_RESET_MINUTES", "30"))),
            session_cookie_secure=_secure_cookie(),
            trusted_proxies=tuple(a.strip() for a in os.environ.get("TRUSTED_PROXIES", "")
                                  .split(",") if a.strip()),
        )


def _secure_cookie() -> bool:
    """SESSION_COOKIE_SECURE when set, else whether the public address is https."""
    explicit = os.environ.get("SESSION_COOKIE_SECURE")
    if explicit:
        return explicit.strip().lower() in {"1", "true", "yes"}
    public = os.environ.get("PUBLIC_URL") or os.environ.get("PORTAL_BASE_URL") or ""
    return public.startswith("https://")


# The pages' client (pages/client.py): how it reaches the services.

def api_base_url() -> str:
    """Where the pages call the services' APIs: nginx, unless told otherwise."""
    return os.environ.get("API_BASE_URL", "http://127.0.0.1:8080").rstrip("/")


def voting_api_url() -> str | None:
    """The voting service's own address, for the paths nginx would send it (none: through
    nginx)."""
    return os.environ.get("VOTING_API_URL") or None


def http_pool_size() -> int:
    """Keep-alive connections per host (PORTAL_HTTP_POOL_SIZE, 100)."""
    return int(os.environ.get("PORTAL_HTTP_POOL_SIZE", "100"))


def lean_client() -> bool:
    """The page vote's call through urllib3 directly (PORTAL_LEAN_CLIENT=0: through requests)."""
    return os.environ.get("PORTAL_LEAN_CLIENT", "1") != "0"


def ballot_cache_seconds() -> float:
    """How long a process keeps a ballot it read (PORTAL_BALLOT_CACHE_SECONDS, 1; 0: none)."""
    return float(os.environ.get("PORTAL_BALLOT_CACHE_SECONDS", "1"))


# The visitor's account cache (service/visitors.py).

def account_cache_seconds() -> float:
    """How long a process keeps a visitor's account (ACCOUNT_CACHE_SECONDS, 5; 0: none)."""
    return float(os.environ.get("ACCOUNT_CACHE_SECONDS", "5"))


def account_cache_single_flight() -> bool:
    """One read per key at a time (ACCOUNT_CACHE_SINGLE_FLIGHT=0: every miss reads)."""
    return os.environ.get("ACCOUNT_CACHE_SINGLE_FLIGHT", "1") != "0"
