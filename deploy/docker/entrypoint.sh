#!/bin/sh
# The entrypoint of every WSIS service image (deploy/docker/Dockerfile.service). The command
# chooses the role:
#   web      apply the migrations, then exec gunicorn on $HOST:$PORT (extra args go to gunicorn)
#   worker   exec `python -m $WSIS_PACKAGE worker` (/healthz, /readyz, /metrics on $WORKER_PORT)
#   migrate  apply the migrations and exit
#   other    exec'd as given, e.g. `python -m wsis_common.keys /keys`
set -eu

: "${WSIS_PACKAGE:?is not set (the image sets it from its PACKAGE build arg)}"
# Which port the Docker HEALTHCHECK (wsis-healthcheck) asks, by role.
health_port_file="${WSIS_HEALTH_PORT_FILE:-/tmp/wsis-health-port}"

log() { echo "wsis-entrypoint: $*" >&2; }

migrate() {
    # Replicas may start together (docker compose up --scale voting=4, a rollout) and Alembic
    # takes no lock: the loser of that race fails, retries, and then finds the schema at head.
    # The retries also ride out a database that is still starting.
    attempts="${MIGRATE_ATTEMPTS:-10}"
    n=1
    until python -m "$WSIS_PACKAGE" migrate; do
        if [ "$n" -ge "$attempts" ]; then
            log "migrations of $WSIS_PACKAGE failed $n times; giving up"
            return 1
        fi
        log "migrations of $WSIS_PACKAGE failed (attempt $n of $attempts); retrying in ${n}s"
        sleep "$n"
        n=$((n + 1))
    done
}

record_health_port() {
    echo "$1" 2>/dev/null >"$health_port_file" || log "cannot write $health_port_file"
}

role="${1:-web}"
case "$role" in
    web)
        [ "$#" -gt 0 ] && shift
        migrate
        record_health_port "${PORT:-8000}"
        # GUNICORN_CONFIG: a service's own settings (voting: python:voting.gunicorn_conf).
        exec gunicorn -c "${GUNICORN_CONFIG:-python:wsis_common.gunicorn_base}" "$@" "${WSIS_PACKAGE}:create_app()"
        ;;
    worker)
        record_health_port "${WORKER_PORT:-8001}"
        exec python -m "$WSIS_PACKAGE" worker
        ;;
    migrate)
        migrate
        ;;
    *)
        exec "$@"
        ;;
esac
