"""The probe service's worker as a process of its own, as `python -m <service> worker` runs:
JSON logs on stderr, relay, consumer and one periodic job that reads the database and then
writes the time into TICK_FILE (how a test sees the job run), /readyz and /metrics on PORT.

    python -m tests.harness.probe_worker SERVICE DATABASE_URL BROKER_URL PORT TICK_FILE
"""

import dataclasses
import sys
import time
from pathlib import Path

from tests.harness import probe
from wsis_common.context import ServiceContext
from wsis_common.db import Database
from wsis_common.worker import PeriodicJob, run_worker

BACKOFF_CAP_SECONDS = 4.0


def main() -> int:
    service, database_url, broker_url, port, tick_file = sys.argv[1:6]
    settings = dataclasses.replace(
        probe.settings(service, database_url, broker_url),
        backoff_max_seconds=BACKOFF_CAP_SECONDS, worker_tick_seconds=0.2, worker_port=int(port),
    )
    ctx = ServiceContext(settings, Database(database_url), probe.tables, None)

    def tick(job_ctx: ServiceContext) -> None:
        probe.effect_count(job_ctx.db)  # a job needs the database, as every real one does
        Path(tick_file).write_text(str(time.time()))

    return run_worker(ctx, probe.HANDLERS, [PeriodicJob("probe.tick", tick)])


if __name__ == "__main__":
    sys.exit(main())
