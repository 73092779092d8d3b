"""The notify migrations build exactly the tables the models declare, on SQLite (make run)
and on PostgreSQL (the tests' database, migrated by the fixture)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from notify.definition import definition
from notify.models import Base
from wsis_common import migrations
from wsis_common.db import make_engine


def _differences(url: str) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()


def test_the_migrations_match_the_models_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'notify.db'}"
    migrations.upgrade(definition.migrations_dir, url)
    migrations.upgrade(definition.migrations_dir, url)  # idempotent
    assert _differences(url) == []


def test_the_migrations_match_the_models_on_postgresql(notify_database_url: str) -> None:
    assert _differences(notify_database_url) == []
