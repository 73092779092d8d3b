"""The replay's people, through the gateway's public API only: registration, the confirmation
link from the captured mail, log-in; and the mail capture's HTTP API (devstack/mailcapture.py)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from typing import Any, TypeVar

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


class Gateway:
    """HTTP through nginx, one keep-alive session per thread."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.trust_env = False  # loopback only: no proxy from the environment
            session.mount("http://", HTTPAdapter(pool_maxsize=8))
        return session

    def send(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        for attempt in range(3):
            try:
                return self._session().request(method, self.base_url + path, headers=headers, timeout=120,
                                               **kwargs)
            except requests.ConnectionError:  # never reached the server: safe to send again
                if attempt == 2:
                    raise
                time.sleep(1)
        raise AssertionError("unreachable")

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

    def listing(self) -> list[dict[str, str]]:
        response = self.http.get(f"{self.base_url}/api/messages", timeout=300)
        response.raise_for_status()
        return response.json()

    def body(self, key: str) -> str:
        response = self.http.get(f"{self.base_url}/messages/{key}.eml", timeout=60)
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
