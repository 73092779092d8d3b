"""The voting service's gunicorn settings: the shared ones, with the worker class chosen by
measurement (`make bench-vote`, README "Voting"): gthread, so that the votes of one process's
threads are written together by the group commit. Environment variables still override."""

import os

from wsis_common.gunicorn_base import *  # noqa: F403

worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "16"))


def post_fork(_server, _worker) -> None:
    # A vote waits for the group-commit thread twice; with CPython's default 5 ms GIL switch
    # interval, that thread queues behind request threads for milliseconds each time.
    import sys

    sys.setswitchinterval(float(os.environ.get("PYTHON_SWITCH_INTERVAL", "0.001")))
