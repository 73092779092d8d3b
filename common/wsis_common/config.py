"""Settings from environment variables only (12-factor)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BROKER_URL = "amqp://guest:guest@localhost:5672/"
EVENTS_EXCHANGE = "wsis.events"
DEAD_LETTER_EXCHANGE = "wsis.dead"


def _float(environ: dict[str, str], name: str, default: float) -> float:
    raw = environ.get(name)
    return float(raw) if raw not in (None, "") else default


def _int(environ: dict[str, str], name: str, default: int) -> int:
    raw = environ.get(name)
    return int(raw) if raw not in (None, "") else default


def _read_key(environ: dict[str, str], name: str) -> str | None:
    """A PEM key given inline (NAME) or as a file path (NAME_FILE)."""
    if environ.get(name):
        return environ[name]
    path = environ.get(f"{name}_FILE")
    return Path(path).read_text() if path else None


@dataclass(frozen=True)
class Settings:
    service: str
    database_url: str
    broker_url: str = DEFAULT_BROKER_URL
    exchange: str = EVENTS_EXCHANGE
    dead_letter_exchange: str = DEAD_LETTER_EXCHANGE
    token_public_key: str | None = None
    token_audience: str = "wsis-services"
    token_issuer: str = "wsis-gateway"
    # The longest a gateway token lives (the gateway's TOKEN_LIFETIME_MINUTES): revocations
    # older than that concern expired tokens only (revocations.py).
    token_lifetime_seconds: float = 15 * 60
    revocations_refresh_seconds: float = 1.0
    relay_poll_seconds: float = 0.2
    relay_batch_size: int = 200
    consumer_prefetch: int = 20
    consumer_max_attempts: int = 5
    backoff_max_seconds: float = 30.0
    worker_tick_seconds: float = 5.0
    worker_port: int = 0
    log_level: str = "INFO"
    access_log: bool = True

    @classmethod
    def from_env(cls, service: str, environ: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if environ is None else environ)
        default_db = f"sqlite:///{Path(env.get('WSIS_DATA_DIR', 'var')).resolve() / service}.db"
        return cls(
            service=service,
            database_url=env.get("DATABASE_URL") or default_db,
            broker_url=env.get("BROKER_URL") or DEFAULT_BROKER_URL,
            exchange=env.get("EVENTS_EXCHANGE") or EVENTS_EXCHANGE,
            dead_letter_exchange=env.get("DEAD_LETTER_EXCHANGE") or DEAD_LETTER_EXCHANGE,
            token_public_key=_read_key(env, "TOKEN_PUBLIC_KEY"),
            token_audience=env.get("TOKEN_AUDIENCE") or "wsis-services",
            token_issuer=env.get("TOKEN_ISSUER") or "wsis-gateway",
            token_lifetime_seconds=_float(env, "TOKEN_LIFETIME_MINUTES", 15) * 60,
            revocations_refresh_seconds=_float(env, "REVOCATIONS_REFRESH_SECONDS", 1.0),
            relay_poll_seconds=_float(env, "RELAY_POLL_SECONDS", 0.2),
            relay_batch_size=_int(env, "RELAY_BATCH_SIZE", 200),
            consumer_prefetch=_int(env, "CONSUMER_PREFETCH", 20),
            consumer_max_attempts=_int(env, "CONSUMER_MAX_ATTEMPTS", 5),
            backoff_max_seconds=_float(env, "BACKOFF_MAX_SECONDS", 30.0),
            worker_tick_seconds=_float(env, "WORKER_TICK_SECONDS", 5.0),
            worker_port=_int(env, "WORKER_PORT", 0),
            log_level=env.get("LOG_LEVEL") or "INFO",
            access_log=env.get("ACCESS_LOG", "1") not in ("0", "false", "no"),
        )
