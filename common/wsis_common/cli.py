"""The command line every service shares:
`python -m <service> migrate | worker | makemigration | replay-dead-letters`.

The web process is gunicorn: `gunicorn -c python:wsis_common.gunicorn_base '<service>:create_app()'`
(voting and the portal with their own configuration, `python:voting.gunicorn_conf` and
`python:portal.gunicorn_conf`: gevent workers).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wsis_common import dead_letters, migrations
from wsis_common.config import Settings
from wsis_common.definition import ServiceDefinition
from wsis_common.worker import run_worker


def _positive(raw: str) -> int:
    if not raw.isdigit() or int(raw) < 1:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number above 0")
    return int(raw)


def build_parser(definition: ServiceDefinition) -> argparse.ArgumentParser:
    """The service's commands (also what tests/deploy/test_runbook.py holds RUNBOOK.md to)."""
    parser = argparse.ArgumentParser(prog=f"python -m {definition.package}")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply the database migrations (idempotent)")
    commands.add_parser("worker", help="run the consumer, the outbox relay and the scheduler")
    revision = commands.add_parser("makemigration", help="autogenerate a migration")
    revision.add_argument("message")
    replay = commands.add_parser(
        "replay-dead-letters",
        help="move the events of <service>.dead back to <service>.events (the inbox makes it safe)")
    replay.add_argument("--dry-run", action="store_true", help="list them, move nothing")
    replay.add_argument("--limit", type=_positive, metavar="N", help="at most N events")
    for name, (help_text, _run) in definition.commands.items():
        commands.add_parser(name, help=help_text).add_argument("args", nargs=argparse.REMAINDER)
    return parser


def main(definition: ServiceDefinition, argv: list[str] | None = None) -> int:
    args = build_parser(definition).parse_args(argv)

    settings = Settings.from_env(definition.name)
    if settings.database_url.startswith("sqlite:///"):
        Path(settings.database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if args.command == "migrate":
        migrations.upgrade(definition.migrations_dir, settings.database_url)
        return 0
    if args.command == "makemigration":
        migrations.make_revision(definition.migrations_dir, settings.database_url, args.message)
        return 0
    if args.command == "replay-dead-letters":
        return _replay_dead_letters(settings, args.limit, args.dry_run)
    ctx = definition.context(settings)
    if args.command in definition.commands:
        return definition.commands[args.command][1](ctx, args.args)
    return run_worker(ctx, definition.handlers(ctx), definition.jobs(ctx))


def _replay_dead_letters(settings: Settings, limit: int | None, dry_run: bool) -> int:
    try:
        dead_letters.replay(settings, limit=limit, dry_run=dry_run)
    except dead_letters.QueueMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run `python -m <service>` instead")
