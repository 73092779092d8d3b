"""A consumer process that dies (os._exit) right after its handler's transaction commits and
before it can ack: the broker must redeliver, and the inbox must absorb the redelivery.

    python -m tests.harness.crashing_consumer SERVICE DATABASE_URL BROKER_URL
"""

import os
import sys
import threading

from sqlalchemy import event
from sqlalchemy.orm import Session

from tests.harness import probe
from wsis_common.consumer import Consumer

CRASH_EXIT_CODE = 17


def main() -> None:
    service, database_url, broker_url = sys.argv[1:4]
    ctx = probe.context(service, database_url, broker_url)
    event.listen(Session, "after_commit", lambda _session: os._exit(CRASH_EXIT_CODE))
    Consumer(ctx.db, ctx.tables, ctx.settings, probe.HANDLERS).run(threading.Event())


if __name__ == "__main__":
    main()
