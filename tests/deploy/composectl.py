"""docker-compose.yml driven as an operator would, for `make compose-test`: one project of its
own (a unique name, its own volumes and ports), whichever Compose is installed (`docker compose`
v2 or docker-compose v1: $COMPOSE), the state of every container from `docker inspect`."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose_command() -> list[str]:
    """$COMPOSE if set (the Makefile's choice), else the v2 plugin if present, else v1."""
    if os.environ.get("COMPOSE"):
        return shlex.split(os.environ["COMPOSE"])
    if subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    raise RuntimeError("neither `docker compose` nor docker-compose is installed")


def engine_is_up() -> bool:
    return shutil.which("docker") is not None and subprocess.run(
        ["docker", "info"], capture_output=True).returncode == 0


@dataclass
class Project:
    """One Compose project: `name` prefixes its containers, volumes and network."""

    name: str
    env: dict[str, str] = field(default_factory=dict)
    command: list[str] = field(default_factory=compose_command)
    left_behind: set[str] = field(default_factory=set)  # anonymous volumes to remove at the end
    services: list[str] = field(default_factory=list)  # what `up` starts (with what they need); all if empty

    def run(self, *args: str, check: bool = True, timeout: float = 900,
            capture: bool = True) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **self.env, "COMPOSE_PROJECT_NAME": self.name}
        result = subprocess.run([*self.command, "-p", self.name, *args], cwd=ROOT, env=env, text=True,
                                capture_output=capture, timeout=timeout)
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}):\n"
                               f"{(result.stdout or '')[-3000:]}\n{(result.stderr or '')[-3000:]}")
        return result

    def images(self) -> dict[str, str]:
        """Service -> the image it runs, as Compose resolves the file (variables filled in)."""
        config = yaml.safe_load(self.run("config").stdout)
        return {name: svc["image"] for name, svc in config["services"].items() if "image" in svc}

    def containers(self, service: str | None = None) -> list[dict]:
        """`docker inspect` of the project's containers (of one service), running or not."""
        labels = ["--filter", f"label=com.docker.compose.project={self.name}"]
        if service:
            labels += ["--filter", f"label=com.docker.compose.service={service}"]
        ids = subprocess.run(["docker", "ps", "-aq", *labels], capture_output=True, text=True,
                             check=True).stdout.split()
        if not ids:
            return []
        return json.loads(subprocess.run(["docker", "inspect", *ids], capture_output=True, text=True,
                                         check=True).stdout)

    def up(self, *args: str, timeout: float = 420) -> None:
        """`up -d`, then every healthcheck. Compose gives up on a dependency its healthcheck
        calls unhealthy, yet one that started slowly (a busy machine) turns healthy later:
        then `up -d` again starts what waited on it."""
        first = self.run("up", "-d", *args, *self.services, check=False, timeout=timeout)
        self.wait_healthy(timeout)
        if first.returncode != 0:
            self.run("up", "-d", *args, *self.services, timeout=timeout)
            self.wait_healthy(timeout)

    def wait_healthy(self, timeout: float = 420) -> dict[str, str]:
        """Until every container with a healthcheck is healthy, the others running (a one-shot
        job: exited 0). Returns container name -> state; raises with the laggards."""
        deadline = time.monotonic() + timeout
        while True:
            states = {c["Name"].lstrip("/"): _state(c) for c in self.containers()}
            waiting = {n: s for n, s in states.items() if s not in ("healthy", "running", "exited 0")}
            if states and not waiting:
                return states
            if time.monotonic() > deadline:
                raise RuntimeError(f"not healthy after {timeout:.0f} s: {waiting}")
            time.sleep(2)

    def anonymous_volumes(self) -> set[str]:
        """The unnamed volumes of the project's containers (an image's VOLUME without a volume
        of the Compose file). `down` without -v leaves them behind, unattached, where a later
        `down -v` no longer finds them."""
        return {mount["Name"] for c in self.containers() for mount in c["Mounts"]
                if mount["Type"] == "volume" and re.fullmatch(r"[0-9a-f]{64}", mount.get("Name", ""))}

    def exec(self, container: str, *argv: str, env: dict[str, str] | None = None) -> str:
        """A command inside one container (by its name), its output."""
        flags = [arg for key, value in (env or {}).items() for arg in ("-e", f"{key}={value}")]
        result = subprocess.run(["docker", "exec", *flags, container, *argv], capture_output=True,
                                text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{argv} in {container} failed: {result.stderr[-2000:]}")
        return result.stdout

    def container_of(self, service: str) -> str:
        names = sorted(c["Name"].lstrip("/") for c in self.containers(service))
        if not names:
            raise RuntimeError(f"no container of {service}")
        return names[0]

    def sql(self, service: str, query: str) -> str:
        """A query in a service's own database (its `<service>-db` container), as psql prints it."""
        return self.exec(self.container_of(f"{service}-db"), "psql", "-U", service, "-d", service,
                         "-tAc", query).strip()


def _state(container: dict) -> str:
    state = container["State"]
    if state["Status"] == "exited":  # a one-shot job (keys) has the image's healthcheck too
        return f"exited {state['ExitCode']}"
    if state.get("Health"):
        return state["Health"]["Status"]
    return state["Status"]
