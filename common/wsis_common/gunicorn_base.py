"""The gunicorn settings every service shares; a service's gunicorn.conf.py imports them.

Workers are recycled after a jittered number of requests so that they never restart together.

SIGTERM (a rolling update, `make run`'s Ctrl-C) is a graceful stop: each worker stops accepting,
answers the requests it holds (each with `Connection: close`) for at most `graceful_timeout`
seconds, then runs what the app registered under `app.extensions["wsis_drains"]` (callables
taking a number of seconds; voting: write the votes still queued). Kubernetes'
terminationGracePeriodSeconds covers the preStop sleep plus this (tests/deploy checks it).
"""

import os
import tempfile

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "100"))
backlog = 2048
timeout = 30
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# Prometheus needs one directory shared by the workers to add their samples up; it must be
# set before any worker imports prometheus_client.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="wsis-metrics-")


def child_exit(_server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def worker_exit(_server, worker) -> None:
    """In the exiting worker, after its graceful period: let the app finish what it holds. Each
    drain is given the graceful timeout: the master SIGKILLs the worker that long after its
    SIGTERM whatever it is doing, so waiting longer gains nothing."""
    extensions = getattr(getattr(worker, "wsgi", None), "extensions", None) or {}
    for drain in extensions.get("wsis_drains", ()):
        try:
            drain(worker.cfg.graceful_timeout)
        except Exception:  # one failing drain must not keep the others from running
            worker.log.exception("draining %r at exit failed", drain)
