"""The gateway app's own settings, from the environment (secrets have no default in
production; `make run` and the tests generate them)."""

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
    rate_limit_storage: str
    token_lifetime: timedelta
    failed_logins_per_account: str
    failed_logins_per_address: str

    @classmethod
    def from_env(cls) -> PortalSettings:
        return cls(
            secret_key=_secret("SECRET_KEY"),
            token_private_key=_secret("TOKEN_PRIVATE_KEY"),
            base_url=os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8080").rstrip("/"),
            api_base_url=os.environ.get("API_BASE_URL", "http://127.0.0.1:8080").rstrip("/"),
            # Redis when configured (shared by every gateway replica), else this process's memory.
            rate_limit_storage=os.environ.get("REDIS_URL") or "memory://",
            token_lifetime=timedelta(minutes=int(os.environ.get("TOKEN_LIFETIME_MINUTES", "15"))),
            failed_logins_per_account=os.environ.get("FAILED_LOGINS_PER_ACCOUNT", "5 per 15 minutes"),
            failed_logins_per_address=os.environ.get("FAILED_LOGINS_PER_ADDRESS", "30 per 15 minutes"),
        )
