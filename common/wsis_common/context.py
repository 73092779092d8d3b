"""What a running service holds: its settings, database, message tables and token verifier."""

from __future__ import annotations

from dataclasses import dataclass

from wsis_common.auth import TokenVerifier
from wsis_common.config import Settings
from wsis_common.db import Database
from wsis_common.messaging import MessageTables


@dataclass
class ServiceContext:
    settings: Settings
    db: Database
    tables: MessageTables
    verifier: TokenVerifier | None

    @classmethod
    def build(cls, settings: Settings, tables: MessageTables, *, pool_size: int = 5) -> ServiceContext:
        verifier = (
            TokenVerifier(settings.token_public_key, issuer=settings.token_issuer,
                          audience=settings.token_audience)
            if settings.token_public_key
            else None
        )
        return cls(settings, Database(settings.database_url, pool_size=pool_size), tables, verifier)
