"""Mail settings from the environment (the SMTP server is configuration, never code)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from email.utils import parseaddr


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class MailSettings:
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_ssl: bool = False  # implicit TLS (port 465) instead of STARTTLS
    smtp_timeout: float = 10.0  # connecting and the session's set-up: a dead server fails fast
    # Every reply after the set-up, the one to the message's end above all: RFC 5321 (4.5.3.2.6)
    # gives the server 10 minutes for it, and a client that gives up sooner sends again a mail
    # the server may yet accept, a duplicate (RFC 1047; the faulted replay's frozen capture).
    smtp_reply_timeout: float = 600.0
    mail_from: str = "WSIS Prizes <noreply@wsis-prizes.local>"
    # Where links in mails point (the gateway): unsubscribe links, the platform's pages.
    public_url: str = "http://127.0.0.1:8080"
    # Signs unsubscribe links; without it, a key generated once is kept in the database.
    link_secret: str | None = None
    max_attempts: int = 8
    retry_base_seconds: float = 60.0
    retry_max_seconds: float = 3600.0
    # While the server cannot be reached at all, the sender waits (capped) instead of
    # spending the mails' attempts: an outage is not any one mail's fault.
    outage_backoff_max_seconds: float = 60.0
    # One sender run sends at most this many mails, then lets the scheduler breathe.
    batch_size: int = 1000

    @property
    def from_address(self) -> str:
        return parseaddr(self.mail_from)[1]

    @property
    def domain(self) -> str:
        return self.from_address.rpartition("@")[2] or "localhost"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> MailSettings:
        env = dict(os.environ if environ is None else environ)
        defaults = cls()

        def get(name: str, default):
            raw = env.get(name)
            return type(default)(raw) if raw not in (None, "") else default

        return cls(
            smtp_host=get("SMTP_HOST", defaults.smtp_host),
            smtp_port=get("SMTP_PORT", defaults.smtp_port),
            smtp_user=env.get("SMTP_USER") or None,
            smtp_password=env.get("SMTP_PASSWORD") or None,
            smtp_starttls=_flag(env.get("SMTP_STARTTLS")),
            smtp_ssl=_flag(env.get("SMTP_SSL")),
            smtp_timeout=get("SMTP_TIMEOUT", defaults.smtp_timeout),
            smtp_reply_timeout=get("SMTP_REPLY_TIMEOUT", defaults.smtp_reply_timeout),
            mail_from=get("MAIL_FROM", defaults.mail_from),
            public_url=get("PUBLIC_URL", defaults.public_url).rstrip("/"),
            link_secret=env.get("MAIL_LINK_SECRET") or None,
            max_attempts=get("MAIL_MAX_ATTEMPTS", defaults.max_attempts),
            retry_base_seconds=get("MAIL_RETRY_BASE_SECONDS", defaults.retry_base_seconds),
            retry_max_seconds=get("MAIL_RETRY_MAX_SECONDS", defaults.retry_max_seconds),
            outage_backoff_max_seconds=get("MAIL_OUTAGE_BACKOFF_MAX_SECONDS",
                                           defaults.outage_backoff_max_seconds),
            batch_size=get("MAIL_BATCH_SIZE", defaults.batch_size),
        )
