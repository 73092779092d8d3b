#!/usr/bin/env bash
# Local stand-ins for the official base images that docker-compose.yml and
# deploy/docker/Dockerfile.service name, for a Docker engine that reaches no image registry.
# Each is built from Debian bookworm's own packages on a root filesystem made by debootstrap,
# and tagged with the official name, so that the Compose file stays the one a user runs
# against the official images:
#
#   postgres:15-alpine  rabbitmq:3.13-management  axllent/mailpit
#   python:3.11-slim    nginx:1.28-alpine         prom/prometheus:v2.53.2
#
# One has none (the `lacking` line at the end says why): `make compose-test` starts the
# platform without its service.
#
# Idempotent: the root filesystem is made once and kept in $STANDIN_CACHE (a tarball), the
# base image is imported again only when that tarball changed, and the stand-ins are rebuilt
# by Docker's layer cache (a second run changes nothing and takes seconds).
# Never run this where the official images are available: it would shadow them.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${STANDIN_CACHE:-/var/cache/wsis-standins}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bookworm
BASE="wsis-standin/debian:$SUITE"
ROOTFS_TAR="$CACHE/$SUITE-minbase.tar"
NICE=(nice -n "${STANDIN_NICE:-10}")

log() { printf 'standins: %s\n' "$*" >&2; }

lacking() {  # lacking <official tag> <why>: an image this script cannot stand in for
    log "no stand-in for $1: $2"
}

need() {  # a Debian package, installed when its command is missing
    command -v "$1" >/dev/null 2>&1 && return
    log "installing $2"
    apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
}

make_rootfs() {
    [ -s "$ROOTFS_TAR" ] && { log "root filesystem cached: $ROOTFS_TAR"; return; }
    need debootstrap debootstrap
    local work="$CACHE/rootfs.tmp"
    mkdir -p "$CACHE"
    rm -rf "$work"
    log "debootstrap $SUITE (minbase) from $MIRROR"
    "${NICE[@]}" debootstrap --variant=minbase "$SUITE" "$work" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
        || { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
    # What the official Debian images set: no daemon starts during a package's install (there
    # is no init in a build), no recommended packages, no docs, an empty apt cache.
    printf '#!/bin/sh\nexit 101\n' >"$work/usr/sbin/policy-rc.d"
    chmod 0755 "$work/usr/sbin/policy-rc.d"
    printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
        >"$work/etc/apt/apt.conf.d/90standin-norecommends"
    printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/info/*\n' \
        >"$work/etc/dpkg/dpkg.cfg.d/90standin-nodoc"
    printf 'deb %s %s main\ndeb %s %s-updates main\ndeb http://deb.debian.org/debian-security %s-security main\n' \
        "$MIRROR" "$SUITE" "$MIRROR" "$SUITE" "$SUITE" >"$work/etc/apt/sources.list"
    rm -rf "$work"/var/cache/apt/archives/*.deb "$work"/var/lib/apt/lists/*
    tar --numeric-owner -C "$work" -cf "$ROOTFS_TAR.tmp" .
    mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
    rm -rf "$work"
}

import_base() {
    local sum
    sum="$(sha256sum "$ROOTFS_TAR" | cut -c1-64)"
    if [ "$(docker image inspect -f '{{ index .Config.Labels "wsis.rootfs.sha256" }}' "$BASE" 2>/dev/null)" = "$sum" ]; then
        log "base image $BASE is up to date"
        return
    fi
    log "docker import $BASE"
    docker import -c "LABEL wsis.rootfs.sha256=$sum" -c 'ENV LANG=C.UTF-8' -c 'CMD ["bash"]' \
        "$ROOTFS_TAR" "$BASE" >/dev/null
}

# The certificate authorities this machine added to its own trust store
# (/usr/local/share/ca-certificates, e.g. a TLS-inspecting egress proxy's): the stand-ins trust
# what the host trusts, so that pip reaches PyPI from inside a build where the host's pip does.
LOCAL_CAS="${LOCAL_CAS:-/usr/local/share/ca-certificates}"

build() {  # build <folder> <official tag>; the context is the folder plus ca-certificates/
    local started=$SECONDS cas
    cas="$(mktemp -d)"
    mkdir -p "$cas/ca-certificates"
    [ -d "$LOCAL_CAS" ] && cp -L "$LOCAL_CAS"/*.crt "$cas/ca-certificates/" 2>/dev/null || true
    tar -c -C "$HERE/$1" . -C "$cas" ca-certificates \
        | "${NICE[@]}" docker build --force-rm --build-arg "BASE=$BASE" -t "$2" - >"$CACHE/build-$1.log" 2>&1 \
        || { tail -40 "$CACHE/build-$1.log" >&2; log "building $2 failed (log: $CACHE/build-$1.log)"; exit 1; }
    rm -rf "$cas"
    log "$2 ready ($((SECONDS - started)) s)"
}

command -v docker >/dev/null || { log "docker is not installed"; exit 1; }
docker info >/dev/null 2>&1 || { log "the Docker engine is not running (docker info fails)"; exit 1; }
make_rootfs
import_base
build python   python:3.11-slim
build postgres postgres:15-alpine
build rabbitmq rabbitmq:3.13-management
build mailpit  axllent/mailpit
build nginx    nginx:1.28-alpine
build prometheus prom/prometheus:v2.53.2
lacking grafana/grafana:11.1.4 "Grafana is packaged by no Debian suite, and neither PyPI nor npm ships a runnable Grafana server (their 'grafana' packages are empty placeholders)"
log "done in ${SECONDS} s"
