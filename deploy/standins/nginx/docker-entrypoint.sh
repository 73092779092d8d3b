#!/bin/sh
# The official nginx image's entrypoint: before nginx starts, run /docker-entrypoint.d/*.sh.
set -e
if [ "$1" = nginx ] || [ "$1" = nginx-debug ]; then
    for f in $(find /docker-entrypoint.d/ -follow -type f -name '*.sh' -print | sort -V); do
        [ -x "$f" ] || continue
        echo "$0: running $f"
        "$f"
    done
fi
exec "$@"
