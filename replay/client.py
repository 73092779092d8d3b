"""The replay's people, through the gateway's public API only: registration, the confirmation
link from the captured mail, log-in; and the mail capture's HTTP API (devstack/mailcapture.py)."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from typing import Any, TypeVar

import pika
import psycopg
import requests
from requests.adapters import HTTPAdapter

from devstack.bench import libpq

T = TypeVar("T")
R = TypeVar("R")
# Argon2id takes a core for a while per registration and per log-in, and the gateway app has a
# process per core: a few more callers than processes keep both busy without a queue at nginx.
ARGON2_CALLERS = 4
PASSWORD = "replay-password-2023"
# How long a person keeps sending a request again through 503s and lost connections: longer than
# an outage of the faulted replay (10 s) and a process's restart after it, bounded all the same.
PATIENCE_SECONDS = 120.0
_ID = re.compile(r"/(?:\d+|[0-9a-f]{8}-[0-9a-f-]{27}|[\w.-]{20,})(?=/|$)")


class Refused(Exception):
    def __init__(self, method: str, path: str, response: requests.Response) -> None:
        super().__init__(f"{method} {path} -> {response.status_code}: {response.text[:600]}")
        self.status = response.status_code
        self.body = _json(response)


def _json(response: requests.Response) -> dict[str, Any]:
    try:
        found = response.json()
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {"items": found}


class Retries:
    """The requests a client sent again, each kind counted (`POST /api/v1/editions/{id}/votes
    503`) with when it happened, so that a reader sees what each fault cost."""

    def __init__(self) -> None:
        self.events: list[tuple[float, str]] = []  # (time.monotonic(), kind)
        self._lock = threading.Lock()

    def count(self, kind: str) -> None:
        with self._lock:
            self.events.append((time.monotonic(), kind))

    def by_kind(self, since: float = 0.0, until: float = float("inf")) -> Counter:
        with self._lock:
            return Counter(kind for at, kind in self.events if since <= at < until)


def patiently(request: Callable[[], requests.Response], what: str, retries: Retries,
              patience: float = PATIENCE_SECONDS) -> requests.Response:
    """`request` sent again, as a person would, after a 503 (once its Retry-After has passed:
    the platform's word that trying again is safe) or a connection lost or timed out, until it
    gets another answer or `patience` is spent (then the last answer, or the error)."""
    give_up = time.monotonic() + patience
    while True:
        try:
            response = request()
        except (requests.ConnectionError, requests.Timeout) as error:
            cause = "timeout" if isinstance(error, requests.Timeout) else "connection"
            failure, wait = error, 1.0
        else:
            if response.status_code != 503:
                return response
            failure, cause, wait = None, "503", _retry_after(response)
        if time.monotonic() + wait > give_up:
            if failure is not None:
                raise failure
            return response
        retries.count(f"{what} {cause}")
        time.sleep(wait)


def _retry_after(response: requests.Response) -> float:
    try:
        return min(30.0, max(0.5, float(response.headers.get("Retry-After", "1"))))
    except ValueError:  # an HTTP date: nothing here sends one
        return 1.0


def kind_of(method: str, path: str) -> str:
    """`POST /api/v1/editions/{id}/votes`: a request's kind, its ids left out."""
    return f"{method} {_ID.sub('/{id}', path.split('?', 1)[0])}"


class Gateway:
    """HTTP through nginx, one keep-alive session per thread."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._local = threading.local()
        self.retries = Retries()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.trust_env = False  # loopback only: no proxy from the environment
            session.mount("http://", HTTPAdapter(pool_maxsize=8))
        return session

    def send(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return patiently(lambda: self._session().request(method, self.base_url + path, headers=headers,
                                                         timeout=120, **kwargs),
                         kind_of(method, path), self.retries)

    def call(self, method: str, path: str, token: str | None = None, expect: Iterable[int] = (200,),
             **kwargs: Any) -> dict[str, Any]:
        response = self.send(method, path, token, **kwargs)
        if response.status_code not in set(expect):
            raise Refused(method, path, response)
        return _json(response)


def connect(url: str, patience: float = 60.0) -> psycopg.Connection:
    """A connection to a service's database; the machine's PostgreSQL is shared, and a moment
    when it is full ("too many clients") is waited out, not taken for the platform's failure."""
    deadline = time.monotonic() + patience
    while True:
        try:
            return psycopg.connect(libpq(url))
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def waiting(broker_url: str, queues: Iterable[str]) -> int:
    """Messages ready in these queues of the stack's vhost (a queue that does not exist holds none)."""
    connection = pika.BlockingConnection(pika.URLParameters(broker_url))
    total = 0
    try:
        for queue in queues:
            channel = connection.channel()
            try:
                total += channel.queue_declare(queue, passive=True).method.message_count
            except pika.exceptions.ChannelClosedByBroker:
                continue
    finally:
        connection.close()
    return total


def parallel(work: Callable[[T], R], items: Iterable[T], workers: int = ARGON2_CALLERS) -> list[R]:
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(work, items))


@dataclass
class Person:
    user_name: str
    email: str
    organisation: str
    organisation_type: str = "civil_society"
    country: str = "CH"
    account_id: str = ""
    token: str = ""

    def registration(self) -> dict[str, str]:
        return {"user_name": self.user_name, "email": self.email, "password": PASSWORD,
                "organisation_name": self.organisation, "organisation_type": self.organisation_type,
                "country": self.country}


class Accounts:
    """Registration, confirmation and log-in, as a stakeholder does them."""

    def __init__(self, gateway: Gateway, mail: MailBox) -> None:
        self.gateway = gateway
        self.mail = mail

    def register(self, people: list[Person], *, confirm: bool = True) -> None:
        def one(person: Person) -> None:
            person.account_id = self.gateway.call("POST", "/api/v1/accounts", expect=(201,),
                                                  json=person.registration())["id"]

        parallel(one, people)
        if confirm:
            links = self.mail.verification_links({p.email for p in people})
            parallel(lambda p: self.gateway.call("POST", "/api/v1/accounts/verify",
                                                 json={"token": links[p.email]}), people, 8)

    def log_in(self, people: list[Person]) -> None:
        def one(person: Person) -> None:
            person.token = self.gateway.call("POST", "/api/v1/tokens", json={
                "identifier": person.user_name, "password": PASSWORD})["access_token"]

        parallel(one, people)


_PARSER = BytesParser(policy=policy.default)
_TOKEN = re.compile(r"/verify\?token=([A-Za-z0-9_.\-]+)")
_WEEKLY = re.compile(r"week (\d+): ([\d,]+) votes")  # the progress mail's subject, in English


def weekly_figures(mail: dict[str, str]) -> tuple[int, int] | None:
    """A weekly progress mail's (week, votes), from its subject in the capture's listing; None
    for any other mail."""
    found = _WEEKLY.search(mail["subject"]) if mail["kind"] == "progress" else None
    return (int(found.group(1)), int(found.group(2).replace(",", ""))) if found else None


class MailBox:
    """The capture's listing (/api/messages) and each raw message (/messages/<key>.eml)."""

    def __init__(self, base_url: str, timeout: float) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.http = requests.Session()
        self.http.trust_env = False
        self.retries = Retries()

    def _get(self, path: str, timeout: float, what: str) -> requests.Response:
        """A read of the capture, sent again while it is down or stopped (it restarts by itself)."""
        return patiently(lambda: self.http.get(self.base_url + path, timeout=timeout), what, self.retries)

    def listing(self) -> list[dict[str, str]]:
        response = self._get("/api/messages", 300, "mail capture: listing")
        response.raise_for_status()
        return response.json()

    def body(self, key: str) -> str:
        response = self._get(f"/messages/{key}.eml", 60, "mail capture: message")
        response.raise_for_status()
        message = _PARSER.parsebytes(response.content)
        part = message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""

    def wait_for(self, kind: str, recipients: set[str]) -> list[dict[str, str]]:
        """The mails of `kind` to these recipients, once each has at least one."""
        deadline = time.monotonic() + self.timeout
        while True:
            found = [m for m in self.listing() if m["kind"] == kind and _address(m["to"]) in recipients]
            if {_address(m["to"]) for m in found} >= recipients:
                return found
            if time.monotonic() > deadline:
                missing = recipients - {_address(m["to"]) for m in found}
                raise TimeoutError(f"{len(missing)} {kind} mails never came, e.g. {sorted(missing)[:3]}")
            time.sleep(1)

    def weekly(self, week: int) -> int:
        """How many weekly progress mails of voting week `week` were captured."""
        return sum(1 for m in self.listing() if (weekly_figures(m) or (0, 0))[0] == week)

    def verification_links(self, recipients: set[str]) -> dict[str, str]:
        mails = self.wait_for("verification", recipients)
        bodies = parallel(lambda m: (_address(m["to"]), self.body(m["key"])), mails, 8)
        links = {}
        for address, body in bodies:
            match = _TOKEN.search(body)
            if match:
                links[address] = match.group(1)
        return links


def _address(to: str) -> str:
    return to.rsplit("<", 1)[-1].rstrip(">").strip().lower()


address_of = _address
