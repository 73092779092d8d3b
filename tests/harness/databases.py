"""A service's database in the tests: made fresh once (its real migrations), then emptied before
each test that wants it empty, always the same way: every table the database holds, read from
the database itself, so that no list of tables falls behind a migration."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from tests.harness.infra import Infrastructure
from wsis_common import migrations
from wsis_common.db import Database

_TABLES = text("SELECT quote_ident(tablename) FROM pg_tables "
               "WHERE schemaname = current_schema() AND tablename <> 'alembic_version' ORDER BY tablename")


def migrated(infra: Infrastructure, name: str, migrations_dir: Path) -> str:
    """A fresh database `name` of this run, migrated with a service's real migrations: its URL."""
    url = infra.create_database(name)
    migrations.upgrade(migrations_dir, url)
    return url


def empty(db: Database) -> None:
    """Every row of every table gone (the migrations' own record kept), in one transaction."""
    with db.engine.begin() as conn:
        tables = conn.execute(_TABLES).scalars().all()
        if tables:
            conn.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))
