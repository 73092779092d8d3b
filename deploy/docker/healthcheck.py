#!/usr/bin/env python3
"""The Docker HEALTHCHECK of the service images: GET /readyz on the port that the entrypoint
recorded for this container's role ($PORT for web, $WORKER_PORT for worker). Exit 0 only on
200; a container running another command (migrate, the key job) has no port and is unhealthy."""

import os
import sys
import urllib.request
from pathlib import Path


def main() -> int:
    try:
        port = Path(os.environ.get("WSIS_HEALTH_PORT_FILE", "/tmp/wsis-health-port")).read_text().strip()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=4) as response:
            return 0 if response.status == 200 else 1
    except (OSError, ValueError) as exc:  # no port recorded, refused, timed out, HTTP 503
        print(f"not ready: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
