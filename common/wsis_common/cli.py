"""The command line every service shares: `python -m <service> migrate | worker | makemigration`.

The web process is gunicorn: `gunicorn -c python:wsis_common.gunicorn_base '<service>:create_app()'`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wsis_common import migrations
from wsis_common.config import Settings
from wsis_common.definition import ServiceDefinition
from wsis_common.worker import run_worker


def main(definition: ServiceDefinition, argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {definition.name}")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply the database migrations (idempotent)")
    commands.add_parser("worker", help="run the consumer, the outbox relay and the scheduler")
    revision = commands.add_parser("makemigration", help="autogenerate a migration")
    revision.add_argument("message")
    for name, (help_text, _run) in definition.commands.items():
        commands.add_parser(name, help=help_text).add_argument("args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)

    settings = Settings.from_env(definition.name)
    if settings.database_url.startswith("sqlite:///"):
        Path(settings.database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if args.command == "migrate":
        migrations.upgrade(definition.migrations_dir, settings.database_url)
        return 0
    if args.command == "makemigration":
        migrations.make_revision(definition.migrations_dir, settings.database_url, args.message)
        return 0
    ctx = definition.context(settings)
    if args.command in definition.commands:
        return definition.commands[args.command][1](ctx, args.args)
    return run_worker(ctx, definition.handlers(ctx), definition.jobs(ctx))


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run `python -m <service>` instead")
