#!/usr/bin/env bash
# What the platform needs from the machine, installed from Debian's packages when missing
# and started when not running: nginx (the gateway's edge), RabbitMQ, PostgreSQL (tests),
# docker-compose (validates docker-compose.yml; no engine needed), promtool and wrk (tests).
# Idempotent.
set -euo pipefail

need_pg=${NEED_POSTGRES:-1}
missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ "$need_pg" = 1 ] && ! ls /etc/postgresql/*/main >/dev/null 2>&1; then missing+=(postgresql); fi
# promtool checks the monitoring's configuration and alert rules (tests/deploy/test_monitoring.py);
# Debian ships it in `prometheus`, whose server is not used. Needed by `make test`, not `make run`.
if [ "${NEED_PROMTOOL:-$need_pg}" = 1 ] && ! command -v promtool >/dev/null 2>&1; then missing+=(prometheus); fi
# wrk drives the benchmarks; the suite runs them small (tests/e2e/test_bench_*.py), which
# would otherwise be skipped. Needed by `make test` and the bench targets, not `make run`.
if [ "${NEED_WRK:-$need_pg}" = 1 ] && ! command -v wrk >/dev/null 2>&1; then missing+=(wrk); fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "missing: ${missing[*]} (install them, or run as root on Debian)" >&2
    exit 1
  fi
  echo "installing ${missing[*]} from Debian's packages"
  apt-get update -qq
  # policy-rc.d keeps the packages' init scripts from starting services under a container.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
  for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 1; done
  echo "nothing answers on 127.0.0.1:$1 ($2)" >&2; return 1
}

if ! port_open 5672; then
  echo "starting RabbitMQ"
  rabbitmq-server -detached
  wait_port 5672 RabbitMQ
  rabbitmqctl await_startup >/dev/null 2>&1 || true
fi
if [ "$need_pg" = 1 ] && ! port_open 5432; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  wait_port 5432 PostgreSQL
fi
# The test suite's stacks (e2e, pages, monitoring, replay...) hold up to ~95 connections at
# once (sampled), against the 100 a fresh cluster allows: the local cluster gets 300.
if [ "$need_pg" = 1 ] && [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  allowed=$(psql -h 127.0.0.1 -U postgres -Atc "SHOW max_connections" 2>/dev/null || echo 0)
  if [ "${allowed:-0}" -gt 0 ] && [ "$allowed" -lt 300 ]; then
    echo "PostgreSQL allows $allowed connections; raising it to 300 (a restart)"
    psql -h 127.0.0.1 -U postgres -qc "ALTER SYSTEM SET max_connections = 300"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main restart
    wait_port 5432 PostgreSQL
  fi
fi

# --- the pages' browser test (tests/pages/test_browser.py) -------------------------------
# Debian's chromium, driven by Playwright (never a browser downloaded by `playwright install`),
# and Noto fonts so that Arabic and Chinese pages render (and show in the screenshots, not as
# boxes). Needed by `make test`, not by `make run`: NEED_BROWSER=1 forces it, NEED_BROWSER=0 skips it.
need_browser=${NEED_BROWSER:-$need_pg}
if [ "$need_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || ! ls /usr/share/fonts/truetype/noto/NotoSansArabic* >/dev/null 2>&1 \
    || ! ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1; }; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "missing: chromium fonts-noto-core fonts-noto-cjk (install them, or run as root on Debian)" >&2
    exit 1
  fi
  echo "installing chromium, fonts-noto-core and fonts-noto-cjk from Debian's packages (the browser test)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core fonts-noto-cjk >/dev/null
fi
