"""The pages as a client of the platform's APIs: server-side calls through the gateway
(API_BASE_URL), on the visitor's behalf with a short-lived token. A service that cannot be
reached raises ServiceDown, which the pages turn into a clear message.

The voting service's paths go straight to it when VOTING_API_URL is set: the page the visitor
asked for has drawn on the per-address limit at the edge, and a second trip through nginx
would draw on it again (a page vote refused by its own inner call) and cost a proxy hop."""

from __future__ import annotations

import json as json_module
import re
from typing import Any

import requests
import urllib3
from flask import has_request_context, request

from portal import config
from portal.service.visitors import TimedCache
from wsis_common.logs import current_request_id
from wsis_common.outage import LastGood

TIMEOUT = (2.0, 15.0)  # connect, read


def _http_session() -> requests.Session:
    """Keep-alive connections for as many calls in flight as a gevent worker has greenlets:
    requests' default pool keeps 10 per host, and each call past the tenth opened a new
    connection and closed it after (PORTAL_HTTP_POOL_SIZE, `make bench-pages` compares)."""
    session = requests.Session()
    # The services are reached at the addresses configured here, never through an HTTP proxy
    # from the environment: not reading it saves requests' scan of os.environ on every call
    # (~6% of a page vote's time in py-spy).
    session.trust_env = False
    size = config.http_pool_size()
    adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=size)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


_session = _http_session()


class ServiceDown(Exception):
    """The service behind a path cannot be reached (or the gateway says so with a 502-504)."""


class ServiceBusy(ServiceDown):
    """The service is up but too busy: a 503 with Retry-After (it shed the request, or could
    not confirm it in time). Nothing was done that trying again would do twice."""


class ApiError(Exception):
    """The service answered with a problem (4xx): its status and problem document."""

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        super().__init__(problem.get("detail") or f"HTTP {status}")
        self.status = status
        self.problem = problem

    @property
    def errors(self) -> dict[str, list[str]]:
        errors = self.problem.get("errors")
        return errors if isinstance(errors, dict) else {}

    @property
    def detail(self) -> str:
        return str(self.problem.get("detail") or "")


# The paths nginx routes to the voting service (gateway.conf.template), and only those.
_VOTING_PATH = re.compile(r"^/api/v1/editions/[0-9]+/(ballot|votes)(/|$)")


def base_url(path: str = "") -> str:
    voting = config.voting_api_url()
    if voting and _VOTING_PATH.match(path):
        return voting.rstrip("/")
    return config.api_base_url()


def _headers(token: str | None) -> dict[str, str]:
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request_id = current_request_id()
    if request_id:
        headers["X-Request-ID"] = request_id
    if has_request_context() and request.remote_addr:
        # The visitor, not this app, is who votes: nginx limits and records this address, or,
        # on the direct path, the voting service records X-Real-IP (as nginx would set it).
        headers["X-Forwarded-For"] = headers["X-Real-IP"] = request.remote_addr
    return headers


def _check(path: str, status: int, body: bytes, retry_after: str | None = None) -> None:
    """ServiceBusy for a 503 with Retry-After, ServiceDown for another 502-504, ApiError with
    its problem document for any other 4xx-5xx."""
    if status == 503 and retry_after:
        raise ServiceBusy(path)
    if status in (502, 503, 504):
        raise ServiceDown(path)
    if status >= 400:
        try:
            problem = json_module.loads(body or b"{}")
        except ValueError:
            problem = {}
        raise ApiError(status, problem if isinstance(problem, dict) else {})


def call(method: str, path: str, *, token: str | None = None, json: Any = None,
         params: dict[str, Any] | None = None, files: dict[str, Any] | None = None) -> requests.Response:
    try:
        response = _session.request(method, base_url(path) + path, headers=_headers(token), json=json,
                                    params=params, files=files, timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise ServiceDown(path) from exc
    _check(path, response.status_code, response.content if response.status_code >= 400 else b"",
           response.headers.get("Retry-After"))
    return response


# The page vote's one call, whose answer is read only when it refuses: urllib3's pool directly
# (requests is built on it) spares requests' per-call work (its session merge, hooks, cookie
# jar, response object): ~10% of a page vote's time in the portal in py-spy.
# PORTAL_LEAN_CLIENT=0 sends it through `call` (make bench-pages compares).
_pool = urllib3.PoolManager(num_pools=4, maxsize=config.http_pool_size(),
                            retries=False, timeout=urllib3.Timeout(connect=TIMEOUT[0], read=TIMEOUT[1]))


def send(method: str, path: str, *, token: str | None = None, json: Any = None) -> None:
    """`call` for a request whose successful answer's body is not needed."""
    if not config.lean_client():
        call(method, path, token=token, json=json)
        return
    headers = _headers(token)
    body = None
    if json is not None:
        body = json_module.dumps(json).encode()
        headers["Content-Type"] = "application/json"
    try:
        response = _pool.request(method, base_url(path) + path, body=body, headers=headers)
    except urllib3.exceptions.HTTPError as exc:
        raise ServiceDown(path) from exc
    _check(path, response.status, response.data, response.headers.get("Retry-After"))


def get_json(path: str, **kwargs: Any) -> Any:
    return call("GET", path, **kwargs).json()


# The ballot (~0.5 MB of JSON for 360 nominees) is the same for every visitor: each process keeps
# it PORTAL_BALLOT_CACHE_SECONDS (1 s, as the voting service keeps its own), so that a page the
# edge did not serve costs a render, not a fetch and a parse. None: no ballot yet (a 404).
_ballots = TimedCache(1.0, max_entries=16)
_NO_BALLOT = object()


# While the voting service cannot be reached (or answers 503: its database out), the pages show
# the last ballot this process read: it changes once per edition.
_last_ballots: LastGood[Any] = LastGood("ballot", passes=lambda error: isinstance(error, ServiceDown))


def get_ballot(year: int) -> dict[str, Any] | None:
    seconds = config.ballot_cache_seconds()
    key = (base_url(f"/api/v1/editions/{year}/ballot"), year)
    cached = _ballots.get(key) if seconds > 0 else None
    if cached is None:
        cached = _last_ballots.read(key, lambda: _fetch_ballot(year))
        if seconds > 0:
            _ballots.put(key, cached, seconds)
    return None if cached is _NO_BALLOT else cached


def _fetch_ballot(year: int) -> Any:
    try:
        return get_json(f"/api/v1/editions/{year}/ballot")
    except ApiError as error:
        if error.status != 404:
            raise
        return _NO_BALLOT
