"""test_compose_real.py brings the whole platform up in Docker (minutes, a Docker engine and
the base images): collected only with COMPOSE_TEST=1, as `make compose-test` sets it."""

import os

collect_ignore = [] if os.environ.get("COMPOSE_TEST") == "1" else ["test_compose_real.py"]
