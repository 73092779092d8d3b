"""Start, watch and stop every process of the platform on this machine."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from wsis_common.edge import NGINX_RATE_LIMITS, PAGE_CACHE_SECONDS
from wsis_common.keys import ensure_keypair, ensure_secret

ROOT = Path(__file__).resolve().parent.parent
NGINX_DIR = ROOT / "gateway" / "nginx"


@dataclass(frozen=True)
class App:
    """One deployable: `package` is its Python package, `name` its service name."""

    name: str
    package: str
    upstream: str  # the nginx upstream that routes to it
    gunicorn_config: str = "python:wsis_common.gunicorn_base"


APPS = (
    App("submission", "submission", "SUBMISSION_SERVERS"),
    # gevent, chosen by measurement: one process's votes share a commit (services/voting/bench/README.md).
    App("voting", "voting", "VOTING_SERVERS", "python:voting.gunicorn_conf"),
    App("review", "review", "REVIEW_SERVERS"),
    App("notify", "notify", "NOTIFY_SERVERS"),
    # gevent: a page waits on the services, and many page votes in flight batch in voting's commit.
    App("gateway", "portal", "PORTAL_SERVERS", "python:portal.gunicorn_conf"),
)


_HANDED_OUT: set[int] = set()
_LOWEST_PORT = 20000  # a stack's ports: from here up to the ephemeral range


def ephemeral_ports() -> tuple[int, int]:
    """The kernel's range for the local ports of outgoing connections (Linux's default when it
    cannot be read)."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def free_port() -> int:
    """A port free now, not handed out before by this process (a stack asks for a dozen before
    any binds), and outside the kernel's ephemeral range: a process started again after a crash
    listens on its old port, which any outgoing connection on the machine may have taken the
    moment it was released (the faulted replay saw voting's worker fail to listen for a minute).
    Drawn at random, so that two processes choosing at once seldom meet."""
    low, high = ephemeral_ports()
    pool = range(_LOWEST_PORT, low) if low - _LOWEST_PORT >= 1000 else range(high + 1, 65536)
    while pool:
        port = random.choice(pool)
        if port in _HANDED_OUT:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _HANDED_OUT.add(port)
        return port
    raise RuntimeError(f"no port outside the ephemeral range {low}-{high}")


def preferred_port(port: int) -> int:
    """`port` when it is free (a fixed address a person can remember), else any free one."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return free_port()
    return port


@dataclass
class Stack:
    run_dir: Path
    database_urls: dict[str, str]
    broker_url: str = "amqp://guest:guest@localhost:5672/"
    gateway_port: int = 0
    web_ports: dict[str, int] = field(default_factory=dict)
    worker_ports: dict[str, int] = field(default_factory=dict)
    web_concurrency: int = 2
    # Web processes (separate gunicorn instances) per app, default 1: the first on web_ports,
    # the others on ports of their own, all in the app's nginx upstream (`make bench-scale`,
    # `make run REPLICAS=voting=4`).
    replicas: dict[str, int] = field(default_factory=dict)
    replica_ports: dict[str, list[int]] = field(default_factory=dict)
    # How many of an app's replicas nginx routes to (default all): the benchmark changes it
    # between runs, then reload_nginx().
    routed: dict[str, int] = field(default_factory=dict)
    # Set in every service process (web, worker, migrate): settings, and for the replay
    # WSIS_CLOCK_OFFSET_FILE, the time they all share (devstack/shared_clock.py).
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    # How each process was started (argv, environment) and when: a restart repeats it as it was,
    # on the same ports, since nginx and the other processes know them.
    commands: dict[str, tuple[list[str], dict[str, str]]] = field(default_factory=dict)
    started_at: dict[str, float] = field(default_factory=dict)
    # The capturing SMTP server notify sends to (devstack/mailcapture.py): SMTP, and the page
    # that lists the mail (Mailpit's ports when free).
    smtp_port: int = 0
    mail_http_port: int = 0

    def __post_init__(self) -> None:
        self._cleared: set[str] = set()  # exited processes whose group was emptied
        self.run_dir.mkdir(parents=True, exist_ok=True)
        (self.run_dir / "logs").mkdir(exist_ok=True)
        self.gateway_port = self.gateway_port or free_port()
        for app in APPS:
            self.web_ports.setdefault(app.name, free_port())
            self.worker_ports.setdefault(app.name, free_port())
            ports = self.replica_ports.setdefault(app.name, [self.web_ports[app.name]])
            ports.extend(free_port() for _ in range(len(ports), self.replicas.get(app.name, 1)))
        self.private_key, self.public_key = ensure_keypair(self.run_dir / "keys")
        self.secret_key_file = ensure_secret(self.run_dir / "keys")
        self.smtp_port = self.smtp_port or preferred_port(1025)
        self.mail_http_port = self.mail_http_port or preferred_port(8025)

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    @property
    def mail_url(self) -> str:
        """Where a person reads the mail the platform sent (also in run_dir/mail, a Maildir)."""
        return f"http://127.0.0.1:{self.mail_http_port}"

    def web_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.web_ports[name]}"

    def replica_urls(self, name: str) -> list[str]:
        """Each web process of app `name`, the first being web_url(name)."""
        return [f"http://127.0.0.1:{port}" for port in self.replica_ports[name]]

    @staticmethod
    def web_process(name: str, replica: int = 0) -> str:
        """The process name of a replica: `voting-web`, then `voting-web-2` ..."""
        return f"{name}-web" + (f"-{replica + 1}" if replica else "")

    def worker_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.worker_ports[name]}"

    def env_for(self, app: App, port: int | None = None) -> dict[str, str]:
        """A process's environment; `port`: a web replica's own (default the first's)."""
        env = dict(os.environ)
        # Inline keys or secrets in our own environment would take precedence over the files
        # below and sign or verify with the wrong key; each stack uses its own.
        for inherited in ("PROMETHEUS_MULTIPROC_DIR", "TOKEN_PRIVATE_KEY", "TOKEN_PUBLIC_KEY", "SECRET_KEY",
                          "DATABASE_URL"):
            env.pop(inherited, None)
        env.update(
            DATABASE_URL=self.database_urls[app.name],
            BROKER_URL=self.broker_url,
            TOKEN_PUBLIC_KEY_FILE=str(self.public_key),
            PORTAL_BASE_URL=self.gateway_url,
            API_BASE_URL=self.gateway_url,
            HOST="127.0.0.1",
            PORT=str(port or self.web_ports[app.name]),
            WORKER_PORT=str(self.worker_ports[app.name]),
            WEB_CONCURRENCY=str(self.web_concurrency),
            WORKER_TICK_SECONDS=env.get("WORKER_TICK_SECONDS", "1"),
            PYTHONUNBUFFERED="1",
        )
        if app.name == "voting":
            # The hot path logs no line per vote: nginx's access log has each request and its id.
            env["ACCESS_LOG"] = "0"
        if app.name == "gateway":  # only the gateway signs tokens and sessions
            env.update(TOKEN_PRIVATE_KEY_FILE=str(self.private_key),
                       SECRET_KEY_FILE=str(self.secret_key_file),
                       # The pages call the voting service directly: the visitor's page vote
                       # has drawn on the per-address limit at the edge already, once.
                       VOTING_API_URL=self.web_url("voting"),
                       # nginx connects from loopback here (so does every local process: in
                       # compose and Kubernetes only nginx's network is trusted).
                       TRUSTED_PROXIES="127.0.0.1")
        if app.name == "notify":  # sends every mail to the capturing server
            env.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(self.smtp_port), PUBLIC_URL=self.gateway_url)
        env.update(self.extra_env)
        return env

    # -- starting --

    def start(self, timeout: float = 60.0) -> None:
        self.start_mailcapture()
        for app in APPS:
            self.migrate(app)
        for app in APPS:
            self.start_web(app)
            self.start_worker(app)
        self.start_nginx()
        self.wait_ready(timeout)

    def migrate(self, app: App) -> None:
        subprocess.run([sys.executable, "-m", app.package, "migrate"], env=self.env_for(app),
                       check=True, cwd=self.run_dir, stdout=subprocess.DEVNULL,
                       stderr=self._log(f"{app.name}-migrate"))

    def web_names(self, app_name: str) -> list[str]:
        """The process names of an app's web replicas: `voting-web`, `voting-web-2`, ..."""
        return [self.web_process(app_name, replica) for replica in range(len(self.replica_ports[app_name]))]

    def start_web(self, app: App) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        for replica, port in enumerate(self.replica_ports[app.name]):
            self._spawn(self.web_process(app.name, replica),
                        [str(gunicorn), "-c", app.gunicorn_config, f"{app.package}:create_app()"],
                        self.env_for(app, port))

    def start_worker(self, app: App) -> None:
        self._spawn(f"{app.name}-worker", [sys.executable, "-m", app.package, "worker"],
                    self.env_for(app))

    def start_mailcapture(self) -> None:
        self._spawn("mailcapture", [sys.executable, "-m", "devstack.mailcapture",
                                    "--maildir", str(self.run_dir / "mail"),
                                    "--smtp-port", str(self.smtp_port),
                                    "--http-port", str(self.mail_http_port)],
                    {**os.environ, "PYTHONUNBUFFERED": "1",  # devstack is run from the repo, not installed
                     "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))})

    def start_nginx(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        conf = self._write_nginx_conf()
        self._spawn("nginx", [nginx, "-p", str(self.run_dir), "-c", str(conf), "-e",
                              str(self.run_dir / "nginx-error.log")], dict(os.environ))

    def _write_nginx_conf(self) -> Path:
        limits = {name: self.extra_env.get(name) or os.environ.get(name) or default
                  for name, default in NGINX_RATE_LIMITS.items()}
        gateway_conf = Template((NGINX_DIR / "gateway.conf.template").read_text()).safe_substitute(
            RESOLVER="", LISTEN_PORT=f"127.0.0.1:{self.gateway_port}",
            ACCESS_LOG=self._nginx_access_log(), **self._upstream_servers(), **limits,
            PAGE_CACHE_DIR=str(self.run_dir / "page_cache"),
            PAGE_CACHE_SECONDS=self.extra_env.get("PAGE_CACHE_SECONDS") or PAGE_CACHE_SECONDS,
        )
        (self.run_dir / "gateway.conf").write_text(gateway_conf)
        main_conf = Template((NGINX_DIR / "nginx-local.conf.template").read_text()).safe_substitute(
            USER_DIRECTIVE="user root;" if os.geteuid() == 0 else "",
            WORKER_PROCESSES=os.environ.get("NGINX_WORKER_PROCESSES", "2"),
            RUN_DIR=str(self.run_dir), MIME_TYPES="/etc/nginx/mime.types",
        )
        conf = self.run_dir / "nginx.conf"
        conf.write_text(main_conf)
        return conf

    def _upstream_servers(self) -> dict[str, str]:
        servers = {}
        for app in APPS:
            ports = self.replica_ports[app.name]
            routed = ports[: self.routed.get(app.name, len(ports))]
            servers[app.upstream] = " ".join(f"server 127.0.0.1:{port};" for port in routed)
        return servers

    def reload_nginx(self) -> None:
        """nginx with the upstreams as `routed` says now: the new configuration written, then
        SIGHUP (new workers take new connections, the old ones finish theirs)."""
        self._write_nginx_conf()
        self.processes["nginx"].send_signal(signal.SIGHUP)

    def _nginx_access_log(self) -> str:
        """A JSON line per request, unless NGINX_ACCESS_LOG=0 (`make bench-pages` compares)."""
        if (self.extra_env.get("NGINX_ACCESS_LOG") or os.environ.get("NGINX_ACCESS_LOG", "1")) == "0":
            return "off"
        return f"{self.run_dir / 'logs' / 'nginx-access.log'} wsis_json"

    def _log(self, name: str):
        return open(self.run_dir / "logs" / f"{name}.log", "ab")

    def _spawn(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        with self._log(name) as log:
            self.processes[name] = subprocess.Popen(
                argv, env=env, cwd=self.run_dir, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.commands[name] = (argv, env)
        self.started_at[name] = time.monotonic()
        self._cleared.discard(name)

    def restart(self, name: str) -> None:
        """Start an exited process again, as it was first started."""
        self._spawn(name, *self.commands[name])

    # -- watching --

    def exited(self) -> dict[str, int]:
        """The processes that have exited, with their exit codes (negative: the signal).

        What a crashed process leaves in its process group goes with it at once: a gunicorn
        master's workers or nginx's would otherwise keep the port its replacement needs."""
        codes = {name: p.returncode for name, p in self.processes.items() if p.poll() is not None}
        for name in codes.keys() - self._cleared:
            _kill_group(self.processes[name].pid)
            self._cleared.add(name)
        return codes

    def uptime(self, name: str) -> float:
        return time.monotonic() - self.started_at[name]

    def readiness_urls(self) -> dict[str, str]:
        urls = {self.web_process(a.name, n): f"{url}/readyz" for a in APPS
                for n, url in enumerate(self.replica_urls(a.name))}
        urls.update({f"{a.name}-worker": f"{self.worker_url(a.name)}/readyz" for a in APPS})
        urls["nginx"] = f"{self.gateway_url}/nginx-healthz"
        urls["mailcapture"] = f"{self.mail_url}/healthz"
        return urls

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        pending = self.readiness_urls()
        while pending:
            for name, url in list(pending.items()):
                if _status(url) == 200:
                    del pending[name]
            dead = [n for n, p in self.processes.items() if p.poll() is not None]
            if dead:
                raise RuntimeError(f"process(es) exited during start-up: {dead}; see {self.run_dir}/logs")
            if pending and time.monotonic() > deadline:
                raise TimeoutError(f"not ready after {timeout:.0f}s: {sorted(pending)}")
            time.sleep(0.2)

    # -- stopping --

    def stop_process(self, name: str, timeout: float = 15.0) -> None:
        process = self.processes.get(name)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self, timeout: float = 15.0) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in self.processes.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # nothing left in it
        os.killpg(pgid, signal.SIGKILL)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0
