"""The gateway app's gunicorn settings: the shared ones, with gevent workers (`make bench-pages`,
README "Pages under load"). A page is mostly waiting: on the voting service, on PostgreSQL.
With 2 sync workers at most 2 page votes were in flight, so the voting service's group commit
never batched them; with gevent each process keeps hundreds in flight on one core.
Environment variables still override."""

import os

from wsis_common.gunicorn_base import *  # noqa: F403

# PORTAL_WORKER_CLASS: this app's alone (make bench-pages compares), GUNICORN_WORKER_CLASS: all.
worker_class = os.environ.get("PORTAL_WORKER_CLASS") or os.environ.get("GUNICORN_WORKER_CLASS", "gevent")
# PORTAL_WEB_CONCURRENCY: this app's processes alone (make bench-pages compares 1 and 2).
workers = int(os.environ.get("PORTAL_WEB_CONCURRENCY") or workers)  # noqa: F405
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "1000"))
# A recycled worker forgets its cached accounts and tokens: not every 20,000 pages under a surge.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = max_requests // 10
