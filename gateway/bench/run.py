"""`make bench-pages`: the public's vote through the pages against the same vote through the API.

One stack as `make run` starts it (devstack: nginx, the gateway app, every service, PostgreSQL
behind each), on loopback only, with the per-address limits raised (all the load comes from one
address). In BENCH_ROUNDS rounds, each pair's order alternating so that the machine's drift
falls on both sides of each ratio, wrk (devstack/requests.lua, 32 connections) measures:
  - a page vote (the form's POST with a logged-in session) and an API vote (a token), each
    voter voting once in every category; each run's votes are counted in the voting database
    against the 201s the voting service sent (`lost`, `doubled`);
  - the anonymous ballot page (BENCH_BALLOT_PATH, default the category page
    /editions/{year}/vote/C1, else /editions/{year}/vote) and the ballot JSON;
  - the same ballot page for logged-in voters (each request another voter's session).
Each run is bounded in time (BENCH_SECONDS) and in count (BENCH_MAX_VOTES planned requests).
The last line is the figures line of issue 14.

Environment: BENCH_DATABASE_URL (PostgreSQL admin URL), BENCH_BROKER_URL, BENCH_SECONDS (5),
BENCH_CONNECTIONS (32), BENCH_ROUNDS (2), BENCH_MAX_VOTES (40000: more than either vote path
casts in BENCH_SECONDS here), BENCH_BALLOT_PATH.
"""

from __future__ import annotations

import os
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from devstack.bench import (
    CATEGORIES,
    YEAR,
    Load,
    StackBench,
    count_votes,
    plan_api_votes,
    planned_votes,
    seed_gateway,
    seed_voting,
    session_cookie,
    tallied,
    wrk,
)
from devstack.bench_stack import bench_stack
from wsis_common.auth import TokenSigner
from wsis_common.vote_cookies import VOTE_TOKEN_COOKIE


@dataclass(frozen=True)
class Config(StackBench):
    ballot_path: str | None

    @classmethod
    def from_env(cls) -> Config:
        env = os.environ
        return cls.read(env, seconds=5, max_votes=40000, ballot_path=env.get("BENCH_BALLOT_PATH") or None)


# -- the planned requests --------------------------------------------------------------------

def browser_cookie(secret: str, voter: str) -> str:
    """What a logged-in voter's browser sends: the session and the display cookie of a voter who
    may vote (the portal sets it at log-in)."""
    return f"session={session_cookie(secret, voter)}; wsis_voter=can_vote"


def read_confirmation(gateway_url: str, cookie: str, category: str, nominee: str) -> tuple[str, str]:
    """What a browser takes from the confirmation page before it posts: the form's CSRF token
    and the vote token cookie the page hands over (voting/api/form.py)."""
    request = urllib.request.Request(f"{gateway_url}/editions/{YEAR}/vote/{category}/{nominee}/confirm",
                                     headers={"Cookie": cookie})
    for attempt in range(3):  # the machine's PostgreSQL is shared: a page may meet a full server
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                page = response.read().decode()
                set_cookies = response.headers.get_all("Set-Cookie") or []
            break
        except urllib.error.HTTPError as error:
            if error.code < 500 or attempt == 2:
                raise
            time.sleep(1)
    vote_cookie = next((c.split(";", 1)[0] for c in set_cookies if c.startswith(f"{VOTE_TOKEN_COOKIE}=")), "")
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0], vote_cookie


def plan_page_votes(path: Path, secret: str, voters: list[str], count: int, gateway_url: str,
                    *, to_voting: bool = True) -> Path:
    """Each voter's form as the confirmation page hands it (one page read per voter, before the
    run: the tokens are the session's), posted once per category; with the vote token cookie
    (to the voting service), or without it (BENCH_FORM_TO_VOTING=0: through the portal)."""
    cookies = {v: browser_cookie(secret, v) for v in voters}
    with ThreadPoolExecutor(8) as pool:
        read = pool.map(lambda v: read_confirmation(gateway_url, cookies[v], CATEGORIES[0],
                                                    f"{CATEGORIES[0]}-0"), voters)
        forms = dict(zip(voters, read, strict=True))

    def headers(voter: str) -> str:
        vote_cookie = f"; {forms[voter][1]}" if to_voting and forms[voter][1] else ""
        return f"Cookie: {cookies[voter]}{vote_cookie}\x1fOrigin: {gateway_url}"

    path.write_text("".join(
        f"POST\t/editions/{YEAR}/vote\t{headers(voter)}\t"
        f"{urlencode({'category': category, 'nominee': nominee, 'csrf_token': forms[voter][0]})}\n"
        for voter, category, nominee in planned_votes(voters, count)))
    return path


def plan_gets(path: Path, target: str, count: int, cookies: list[str] | None = None) -> Path:
    header = (lambda n: f"Cookie: {cookies[n % len(cookies)]}") if cookies else (lambda n: "")
    path.write_text("".join(f"GET\t{target}\t{header(n)}\t\n" for n in range(count)))
    return path


def ballot_path(cfg: Config, gateway_url: str) -> str:
    if cfg.ballot_path:
        return cfg.ballot_path.format(year=YEAR)
    category_page = f"/editions/{YEAR}/vote/C1"
    try:
        urllib.request.urlopen(gateway_url + category_page, timeout=10).close()
        return category_page
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise
    return f"/editions/{YEAR}/vote"


# The design's choices, each one to switch off for a before/after comparison on this machine.
CHOICES = {
    "BENCH_PORTAL_WORKER_CLASS": "gevent",  # sync: the gateway app as it was
    "BENCH_DIRECT_VOTE": "1",  # 0: the pages call voting back through nginx
    "BENCH_ACCOUNT_CACHE_SECONDS": "5",  # 0: the account read and a token signed every page
    "BENCH_PAGE_CACHE_SECONDS": "1",  # 0: no anonymous page cache at the edge
    "BENCH_ACCOUNT_SINGLE_FLIGHT": "1",  # 0: every page that misses the account cache reads it
    "BENCH_PORTAL_HTTP_POOL": "100",  # 10: requests' default keep-alive pool to voting
    "BENCH_PORTAL_WORKERS": "2",  # the gateway app's gevent processes (1: one for both cores)
    "BENCH_LEAN_CLIENT": "1",  # 0: the page vote's call to voting through requests
    "BENCH_NGINX_ACCESS_LOG": "1",  # 0: nginx writes no access log line per request
    "BENCH_FORM_TO_VOTING": "1",  # 0: the form posted without the vote token cookie (the portal)
}


def choices() -> dict[str, str]:
    return {name: os.environ.get(name, default) for name, default in CHOICES.items()}


def choice_env() -> dict[str, str]:
    chosen = choices()
    env = {"PORTAL_WORKER_CLASS": chosen["BENCH_PORTAL_WORKER_CLASS"],
           "ACCOUNT_CACHE_SECONDS": chosen["BENCH_ACCOUNT_CACHE_SECONDS"],
           "PAGE_CACHE_SECONDS": chosen["BENCH_PAGE_CACHE_SECONDS"],
           "ACCOUNT_CACHE_SINGLE_FLIGHT": chosen["BENCH_ACCOUNT_SINGLE_FLIGHT"],
           "PORTAL_HTTP_POOL_SIZE": chosen["BENCH_PORTAL_HTTP_POOL"],
           "PORTAL_WEB_CONCURRENCY": chosen["BENCH_PORTAL_WORKERS"],
           "PORTAL_LEAN_CLIENT": chosen["BENCH_LEAN_CLIENT"],
           "NGINX_ACCESS_LOG": chosen["BENCH_NGINX_ACCESS_LOG"]}
    if chosen["BENCH_DIRECT_VOTE"] == "0":
        env["VOTING_API_URL"] = ""
    return env


# -- the run ---------------------------------------------------------------------------------

@dataclass
class VoteRun:
    load: Load
    served: int
    stored: int
    doubled: int
    per_commit: float

    @property
    def lost(self) -> int:
        return abs(self.served - self.stored)  # a 201 without its row, or a row without its 201

    @property
    def per_second(self) -> float:
        return self.served / self.load.seconds if self.load.seconds else 0.0


def report(load: Load, extra: str = "") -> None:
    print(f"{load.label:<16} {load.rate():8.0f} req/s p50={load.p50_ms:.1f}ms p99={load.p99_ms:.1f}ms "
          f"statuses={dict(sorted(load.statuses.items()))} socket_errors={sum(load.errors.values())}{extra}",
          flush=True)


def main() -> int:
    cfg = Config.from_env()
    voters_per_run = (cfg.max_votes + len(CATEGORIES) - 1) // len(CATEGORIES)
    results: dict[str, list] = {"page vote": [], "api vote": [], "ballot page": [], "ballot json": [],
                                "logged ballot": []}
    with bench_stack(cfg, "pages", extra_env=choice_env()) as bench:
        stack, urls, work = bench.stack, bench.urls, bench.work
        stack.start(timeout=120)
        seed_voting(urls["voting"])
        page_voters = [seed_gateway(urls["gateway"], voters_per_run, f"p{turn}-")
                       for turn in range(cfg.rounds)]
        secret = stack.secret_key_file.read_text().strip()
        signer = TokenSigner(stack.private_key.read_text(), issuer="wsis-gateway", audience="wsis-services")
        voting_url, gateway = stack.web_url("voting"), stack.gateway_url
        target = ballot_path(cfg, gateway)
        logged_cookies = [browser_cookie(secret, v) for v in page_voters[0][:200]]
        print(f"wrk: {cfg.connections} connections, {cfg.seconds}s per run, {cfg.rounds} rounds; "
              f"ballot page {target}; choices: {choices()}",
              flush=True)

        def vote_run(label: str, planned: Path, prefix: str) -> None:
            with tallied([voting_url]) as tally:
                load = wrk(label, gateway, planned, seconds=cfg.seconds, connections=cfg.connections)
            served = tally.served[0]
            stored, doubled = count_votes(urls["voting"], prefix)
            run = VoteRun(load, served, stored, doubled, tally.per_commit)
            results[label].append(run)
            report(load, f" | votes={run.per_second:.0f}/s 201s sent={served} rows={stored} lost={run.lost} "
                         f"doubled={doubled} votes_per_commit={run.per_commit:.1f}")

        def get_run(label: str, planned: Path) -> None:
            load = wrk(label, gateway, planned, seconds=cfg.seconds, connections=cfg.connections)
            results[label].append(load)
            report(load)

        gets = cfg.max_votes * 10
        anonymous = plan_gets(work / "anon.txt", target, gets)
        ballot_json = plan_gets(work / "json.txt", f"/api/v1/editions/{YEAR}/ballot", gets)
        logged = plan_gets(work / "logged.txt", target, gets, logged_cookies)
        for warm in (anonymous, ballot_json, logged):
            wrk("warm-up", gateway, warm, seconds=1, connections=cfg.connections)
        for turn in range(cfg.rounds):
            page_votes = plan_page_votes(work / "page.txt", secret, page_voters[turn], cfg.max_votes, gateway,
                                         to_voting=choices()["BENCH_FORM_TO_VOTING"] == "1")
            api_votes = plan_api_votes(work / "api.txt", signer, f"a{turn}-", cfg.max_votes)
            pairs = [(lambda pv=page_votes, t=turn: vote_run("page vote", pv, f"p{t}-"),
                      lambda av=api_votes, t=turn: vote_run("api vote", av, f"a{t}-")),
                     (lambda: get_run("ballot page", anonymous), lambda: get_run("ballot json", ballot_json))]
            for first, second in pairs:
                for step in ((first, second) if turn % 2 == 0 else (second, first)):
                    step()
            get_run("logged ballot", logged)

    return figures(results)


def figures(results: dict[str, list]) -> int:
    def votes(label: str) -> float:
        return sum(r.per_second for r in results[label])

    def pages(label: str) -> float:
        return sum(load.rate(200) for load in results[label])

    vote_runs = results["page vote"] + results["api vote"]
    loads = [r.load for r in vote_runs] + [load for label in ("ballot page", "ballot json", "logged ballot")
                                           for load in results[label]]
    p99 = {label: max((r.load if isinstance(r, VoteRun) else r).p99_ms for r in runs)
           for label, runs in results.items()}
    print("p99_ms by kind: " + " ".join(f"{label.replace(' ', '_')}={ms:.1f}" for label, ms in p99.items()))
    rounds = len(results["page vote"])
    print(f"page_votes_per_s={votes('page vote') / rounds:.0f} "
          f"api_votes_per_s={votes('api vote') / rounds:.0f} "
          f"ratio_page_vote={votes('page vote') / votes('api vote'):.3f} "
          f"ratio_ballot_page={pages('ballot page') / pages('ballot json'):.3f} "
          f"ratio_logged_ballot={pages('logged ballot') / pages('ballot page'):.3f} "
          f"p99_ms={max(p99.values()):.1f} lost={sum(r.lost for r in vote_runs)} "
          f"doubled={sum(r.doubled for r in vote_runs)} errors_5xx={sum(load.errors_5xx for load in loads)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
