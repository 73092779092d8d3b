"""The voting service's gunicorn settings: the shared ones, with the worker class chosen by
measurement (`make bench-vote`, README "Voting"): gevent, one process per core, so that the
votes arriving in a process while a batch is being written share the next commit, and waiting
for that commit costs a greenlet switch rather than an OS thread hand-off under the GIL.
Environment variables still override."""

import os

from voting.config import WEB_WORKER_CLASS
from wsis_common.gunicorn_base import *  # noqa: F403

worker_class = os.environ.get("GUNICORN_WORKER_CLASS", WEB_WORKER_CLASS)
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "1000"))
# A recycled worker reloads the app and forgets its verified tokens: under a surge of ~1,000
# votes/s per worker the shared 20,000 would mean a restart every 20 s.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = max_requests // 10
