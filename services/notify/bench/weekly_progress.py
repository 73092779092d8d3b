"""Benchmark: the weekly progress run of a 2023-size edition (18 categories x 20 nominees =
360 coordinators) to a local SMTP server, in mails per second.

    python services/notify/bench/weekly_progress.py [--weeks 3] [--database-url URL]

Everything stays on loopback: the capturing SMTP server of `make run` (devstack.mailcapture,
in its own process, as there), the service's database (a temporary SQLite file unless
--database-url points at an empty PostgreSQL database), and no broker: events go straight to
the consumer's `handle`, the code the broker loop calls. Each week, the voting.progress event
is handled (360 mails written with its inbox record), then the sender delivers them, one
short transaction per mail as in production; the run stops by itself after --weeks.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))  # devstack.mailcapture, when run from anywhere

from devstack.mailcapture import MailCapture  # noqa: E402
from devstack.stack import free_port  # noqa: E402
from notify.config import MailSettings  # noqa: E402
from notify.definition import definition  # noqa: E402
from notify.events import handlers  # noqa: E402
from notify.service.sending import MailSender  # noqa: E402
from wsis_common import contracts, migrations  # noqa: E402
from wsis_common.config import Settings  # noqa: E402
from wsis_common.consumer import Consumer  # noqa: E402
from wsis_common.envelope import Envelope  # noqa: E402

CATEGORIES = 18
NOMINEES = 20
YEAR = 2023
FIRST_WEEK_END = datetime.fromisoformat("2023-01-01T23:00:00+01:00")


def seed(consumer: Consumer) -> list[tuple[str, str]]:
    ids = [(f"C{c + 1}", f"c{c + 1}-n{n:02d}") for c in range(CATEGORIES) for n in range(NOMINEES)]
    for category, sid in ids:
        person = {"name": f"Coordinator {sid}", "email": f"coord-{sid}@example.org"}
        consumer.handle(Envelope(type=contracts.SUBMISSION_ACCEPTED, producer="bench", edition=YEAR, payload={
            "submission_id": sid, "category": category, "title": f"Project {sid}",
            "short_description": "-", "entity": {"name": "Entity", "type": "NGO", "country": "CH"},
            "coordinator": person, "submitter": person, "submitter_account_id": sid}))
    return ids


def week_event(week: int, ids: list[tuple[str, str]]) -> Envelope:
    categories: dict[str, list[dict]] = {}
    for index, (category, sid) in enumerate(ids):
        categories.setdefault(category, []).append(
            {"submission_id": sid, "votes": (index * 37 + week * 11) % 500, "rank": 0})
    for nominees in categories.values():
        for n in nominees:
            n["rank"] = 1 + sum(1 for o in nominees if o["votes"] > n["votes"])
    return Envelope(type=contracts.VOTING_PROGRESS, producer="bench", edition=YEAR, payload={
        "week": week, "as_of": (FIRST_WEEK_END + timedelta(weeks=week - 1)).isoformat(),
        "voting_closes": "2023-01-25T23:00:00+01:00",
        "categories": [{"category": c, "nominees": n} for c, n in categories.items()]})


def start_capture(maildir: Path) -> tuple[subprocess.Popen, int]:
    smtp_port, http_port = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "devstack.mailcapture", "--maildir", str(maildir),
         "--smtp-port", str(smtp_port), "--http-port", str(http_port)],
        cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", smtp_port), timeout=1).close()
            return process, smtp_port
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise SystemExit("the capturing SMTP server did not start") from None
            time.sleep(0.1)


def drain(sender: MailSender, capture: MailCapture, expected: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while capture.count() < expected:
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up: {capture.count()} of {expected} mails after {timeout:.0f}s")
        sender.run_once()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=3, help="voting weeks to close (each 360 mails)")
    parser.add_argument("--database-url", help="an EMPTY database (default: a temporary SQLite file)")
    parser.add_argument("--timeout", type=float, default=300.0, help="give up after this many seconds")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="wsis-bench-mail-") as tmp:
        url = args.database_url or f"sqlite:///{tmp}/notify.db"
        migrations.upgrade(definition.migrations_dir, url)
        server, smtp_port = start_capture(Path(tmp) / "mail")
        capture = MailCapture(Path(tmp) / "mail")  # not started: only reads the server's folder
        try:
            mail = MailSettings(smtp_host="127.0.0.1", smtp_port=smtp_port,
                                public_url="http://127.0.0.1:8080", batch_size=10_000)
            ctx = definition.context(Settings(service="notify", database_url=url))
            consumer = Consumer(ctx.db, ctx.tables, ctx.settings, handlers(ctx, mail))
            sender = MailSender(ctx.db, mail)
            ids = seed(consumer)
            drain(sender, capture, len(ids), args.timeout)  # the receipts, not measured
            capture.clear()
            rates, handle_times = [], []
            for week in range(1, args.weeks + 1):
                started = time.perf_counter()
                consumer.handle(week_event(week, ids))
                queued = time.perf_counter()
                drain(sender, capture, len(ids) * week, args.timeout)
                sent = time.perf_counter() - queued
                rates.append(len(ids) / sent)
                handle_times.append(queued - started)
                print(f"week {week}: {len(ids)} progress mails written in {queued - started:.2f}s, "
                      f"sent in {sent:.2f}s = {rates[-1]:.0f} mails/s", flush=True)
            ctx.db.dispose()
        finally:
            server.terminate()
            server.wait(10)
    dialect = url.split(":", 1)[0].split("+", 1)[0]
    print(f"bench-mail: {len(ids)} coordinators x {args.weeks} weeks on {dialect}: "
          f"{statistics.median(rates):.0f} mails/s to the local SMTP server (median week), "
          f"event handled in {statistics.median(handle_times):.2f}s")


if __name__ == "__main__":
    main()
