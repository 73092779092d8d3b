"""`python -m devstack`: start the whole platform locally (gateway at http://127.0.0.1:8080);
a process that exits is restarted by itself (devstack/supervise.py); Ctrl-C or SIGTERM stops
every process it started."""

from __future__ import annotations

import argparse
import os
import signal
import time
from pathlib import Path

from devstack.stack import APPS, Stack
from devstack.supervise import Supervisor


def _ports() -> dict[str, dict[str, int]]:
    """Fixed ports (8101-8105 web, 8201-8205 workers), or free ones with DEVSTACK_PORTS=auto."""
    if os.environ.get("DEVSTACK_PORTS") == "auto":
        return {}
    return {
        "web_ports": {app.name: 8101 + i for i, app in enumerate(APPS)},
        "worker_ports": {app.name: 8201 + i for i, app in enumerate(APPS)},
    }


def _replicas(spec: str) -> dict[str, int]:
    """Web processes per app from `voting=4,submission=2` (`REPLICAS=voting=4 make run`)."""
    counts = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, _, count = item.partition("=")
        if name not in {app.name for app in APPS} or not count.isdigit() or int(count) < 1:
            raise SystemExit(f"--replicas: {item!r} is not APP=N with APP one of {[a.name for a in APPS]}")
        counts[name] = int(count)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m devstack")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GATEWAY_PORT", "8080")))
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("WSIS_DATA_DIR", "var")))
    parser.add_argument("--replicas", default=os.environ.get("REPLICAS", ""), metavar="APP=N,...",
                        help="web processes per app behind nginx, e.g. voting=4 (the others: 1)")
    args = parser.parse_args()
    data = args.data.resolve()
    # SQLite files by default; DATABASE_URL_<SERVICE> points a service elsewhere.
    urls = {
        app.name: os.environ.get(f"DATABASE_URL_{app.name.upper()}") or f"sqlite:///{data / app.name}.db"
        for app in APPS
    }
    stack = Stack(
        run_dir=data / "run",
        database_urls=urls,
        broker_url=os.environ.get("BROKER_URL", "amqp://guest:guest@localhost:5672/"),
        gateway_port=args.port,
        replicas=_replicas(args.replicas),
        **_ports(),
    )
    stopping = False

    def _stop(*_args: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        stack.start()
        print(f"WSIS Prizes is up: {stack.gateway_url}  (mail: {stack.mail_url}; "
              f"logs: {stack.run_dir / 'logs'}; Ctrl-C stops)", flush=True)
        supervisor = Supervisor(stack, say=lambda line: print(line, flush=True))
        while not stopping:
            supervisor.tick()
            time.sleep(0.5)
    finally:
        stack.stop()
        print("stopped", flush=True)


if __name__ == "__main__":
    main()
