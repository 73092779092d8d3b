"""What a running service holds: its settings, database, message tables, token verifier and
its view of the revoked tokens."""

from __future__ import annotations

from dataclasses import dataclass

from wsis_common.auth import TokenVerifier
from wsis_common.config import Settings
from wsis_common.db import Database
from wsis_common.messaging import MessageTables
from wsis_common.pool_metrics import watch_pool
from wsis_common.revocations import RevocationView, TokenRevocations

_LEEWAY_SECONDS = 5  # as the verifier: a token counts until exp + 5 s


@dataclass
class ServiceContext:
    settings: Settings
    db: Database
    tables: MessageTables
    verifier: TokenVerifier | None
    revocations: RevocationView | None = None

    @classmethod
    def build(cls, settings: Settings, tables: MessageTables, *, pool_size: int = 5,
              revocations: TokenRevocations | None = None) -> ServiceContext:
        verifier = (
            TokenVerifier(settings.token_public_key, issuer=settings.token_issuer,
                          audience=settings.token_audience)
            if settings.token_public_key
            else None
        )
        db = Database(settings.database_url, pool_size=pool_size)
        watch_pool(db.engine, settings.service)
        view = None if revocations is None else RevocationView(
            db, revocations, horizon_seconds=settings.token_lifetime_seconds + _LEEWAY_SECONDS,
            refresh_seconds=settings.revocations_refresh_seconds)
        return cls(settings, db, tables, verifier, view)
