"""`make compose-test`: docker-compose.yml run for real. One project of its own is built and
brought up, and every healthcheck waited for; then, through the gateway container's published
port only, a stakeholder registers, confirms the address from the mail (read from the Mailpit
API), submits, the WSIS team (an admin made by `python -m portal create-admin`) and an expert
take the project to the ballot, and the stakeholder votes. `--scale voting=3` follows, and the
votes of many voters are counted per replica (each container's own /metrics); Prometheus, through
its own published port, scrapes every web process and worker (each voting replica) and has the
votes in the dashboards' queries. Then `down` (volumes kept) and `up`: the vote and the
submission are still there. On stand-ins (STANDINS=1) the services whose image has none
(deploy/standins/build.sh's `lacking`: Grafana) are not started, and the console says so.
Prints each step; its last line is the figures line. Not part of `make test` (see the
Makefile's compose-test)."""

from __future__ import annotations

import os
import re
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
import requests

from devstack.corpus import project_2023
from devstack.stack import free_port
from tests.deploy import standins
from tests.deploy.composectl import Project, engine_is_up
from tests.deploy.promapi import Prometheus
from tests.e2e.editions import walk_edition
from wsis_common.auth import Principal, TokenSigner

pytestmark = pytest.mark.skipif(not engine_is_up(), reason="no Docker engine (docker info fails)")

YEAR = 2071
CATEGORY = "C7-HLT"
VOTERS = int(os.environ.get("COMPOSE_TEST_VOTERS", "60"))
REPLICAS = 3
ROLE_PORTS = {"web": 8000, "worker": 8001}  # the image's command -> its /metrics port
PASSWORD = "correct horse battery staple 7"
VOTES_201 = re.compile(r'^wsis_http_requests_total\{[^}]*endpoint="[^"]*/votes"[^}]*method="POST"'
                       r'[^}]*status="201"[^}]*\}\s+([0-9.e+]+)$', re.M)
T = TypeVar("T")
started = time.monotonic()
figures: dict[str, Any] = {}


def say(what: str) -> None:
    print(f"[compose-test {time.monotonic() - started:6.1f}s] {what}", flush=True)


def wait_for(check: Callable[[], T], what: str, timeout: float = 120, every: float = 1.0) -> T:
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
            if value:
                return value
        except (requests.RequestException, RuntimeError, ValueError, KeyError):
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(every)


@pytest.fixture(scope="module")
def project() -> Iterator[Project]:
    name = f"wsisct{uuid.uuid4().hex[:8]}"
    gateway_port = free_port()
    env = {"GATEWAY_PORT": str(gateway_port), "MAILPIT_UI_PORT": str(free_port()),
           "RABBITMQ_UI_PORT": str(free_port()), "WSIS_TAG": os.environ.get("WSIS_TAG", "compose-test"),
           "PROMETHEUS_PORT": str(free_port()), "GRAFANA_PORT": str(free_port()),
           "PORTAL_BASE_URL": f"http://127.0.0.1:{gateway_port}"}
    compose = Project(name, env)
    if os.environ.get("STANDINS", "1") == "1":
        compose.services = without_stand_ins(compose)
    try:
        yield compose
    finally:
        if os.environ.get("COMPOSE_TEST_KEEP") != "1":
            leftovers = compose.anonymous_volumes() | compose.left_behind
            compose.run("down", "-v", "--remove-orphans", "-t", "10", check=False)
            if leftovers:
                subprocess.run(["docker", "volume", "rm", *leftovers], capture_output=True)
            say(f"project {name} removed (containers, network, volumes)")


def without_stand_ins(project: Project) -> list[str]:
    """Every service of the Compose file but those whose image has no stand-in (said, with
    why): an engine without a registry cannot start them."""
    gaps = standins.lacking()
    images = project.images()
    for service, image in sorted(images.items()):
        if standins.full_tag(image) in gaps:
            say(f"not started: {service} ({image} has no stand-in: {gaps[standins.full_tag(image)]})")
    services = project.run("config", "--services").stdout.split()
    return [s for s in services if standins.full_tag(images.get(s, "")) not in gaps]


def up(project: Project, *extra: str) -> float:
    began = time.monotonic()
    project.up(*extra)
    return time.monotonic() - began


class Client:
    """Through the gateway's published port, as a browser's or a script's calls would go."""

    def __init__(self, project: Project) -> None:
        self.url = f"http://127.0.0.1:{project.env['GATEWAY_PORT']}"
        self.mail = f"http://127.0.0.1:{project.env['MAILPIT_UI_PORT']}"

    def call(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.request(method, f"{self.url}{path}", headers=headers, timeout=30, **kwargs)

    def log_in(self, identifier: str) -> str:
        response = self.call("POST", "/api/v1/tokens", json={"identifier": identifier, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def register_and_verify(self, user: str, organisation: str, kind: str) -> dict[str, Any]:
        """Registers, then opens the link of the verification mail found through Mailpit's API."""
        email = f"{user}@example.org"
        registered = self.call("POST", "/api/v1/accounts", json={
            "user_name": user, "email": email, "password": PASSWORD, "organisation_name": organisation,
            "organisation_type": kind, "country": "KE"})
        assert registered.status_code == 201, registered.text

        def link() -> str | None:
            listed = requests.get(f"{self.mail}/api/v1/messages", timeout=5).json()["messages"]
            for summary in listed:
                if any(to["Address"] == email for to in summary["To"]):
                    mail = requests.get(f"{self.mail}/api/v1/message/{summary['ID']}", timeout=5)
                    text = mail.json()["Text"]
                    found = re.search(r"https?://\S+/verify\?token=\S+", text)
                    return found.group(0) if found else None
            return None

        url = wait_for(link, f"the verification mail to {email}", timeout=60)
        assert url.startswith(self.url), f"the link leads to the gateway: {url}"
        assert requests.get(url, timeout=10).status_code == 200
        me = self.call("GET", "/api/v1/accounts/me", self.log_in(user)).json()
        assert me["email_verified"] is True and me["profile_complete"] is True, me
        return me


def revision(project: Project, service: str) -> int:
    found = project.sql(service, f"SELECT revision FROM edition_copies WHERE year = {YEAR}")
    return int(found) if found else 0


def move(project: Project, client: Client, admin: str, **phases: datetime) -> None:
    """The WSIS team moves dates; waits until review and voting hold the new revision. The walk
    brings phases forward to now, dates that have just passed: the reason they need."""
    moved = client.call("PATCH", f"/api/v1/editions/{YEAR}", admin,
                        json={"phases": {k: v.isoformat() for k, v in phases.items()},
                              "reason": "compose-test walks the edition through its phases now"})
    assert moved.status_code == 200, moved.text
    for service in ("review", "voting"):
        wait_for(lambda s=service: revision(project, s) == moved.json()["revision"], f"{service}'s dates")


def edition(t0: datetime) -> dict[str, Any]:
    return walk_edition(YEAR, 60, t0, reviewers_per_submission=1)


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def votes_per_replica(project: Project) -> dict[str, int]:
    """201 answers to POST .../votes, from each voting web container's own /metrics."""
    counts = {}
    for container in sorted(c["Name"].lstrip("/") for c in project.containers("voting")):
        text = project.exec(container, "python", "-c", "import urllib.request as u; print(u.urlopen("
                            "'http://127.0.0.1:8000/metrics', timeout=5).read().decode())")
        counts[container] = int(sum(float(v) for v in VOTES_201.findall(text)))
    return counts


def app_processes(project: Project) -> dict[str, str]:
    """address:port -> the `process` label Prometheus should give it, for every running web
    process and worker container, found from Docker (the image's command), not from
    prometheus.yml."""
    found = {}
    for container in project.containers():
        role = (container["Config"]["Cmd"] or [""])[0]
        if role not in ROLE_PORTS or not container["State"]["Running"]:
            continue
        service = container["Config"]["Labels"]["com.docker.compose.service"]
        for network in container["NetworkSettings"]["Networks"].values():
            process = f"{service}-web" if role == "web" else service
            found[f"{network['IPAddress']}:{ROLE_PORTS[role]}"] = process
    return found


def scraped_and_up(prometheus: Prometheus, expected: dict[str, str]) -> dict[str, str]:
    """instance -> process of the expected targets that Prometheus scraped last time as up."""
    return {t["labels"]["instance"]: t["labels"].get("process", "") for t in prometheus.targets()
            if t["labels"]["instance"] in expected and t["health"] == "up"}


def prometheus_sees_every_process_and_the_votes(project: Project, votes: int) -> None:
    """Through Prometheus' published port, as an operator would: every web process and worker
    (each voting replica) scraped and up with its `process` label, and the dashboards' vote
    queries answering with the votes."""
    prometheus = Prometheus(f"http://127.0.0.1:{project.env['PROMETHEUS_PORT']}")
    # The dashboards' "votes per second", $__rate_interval as 1m: data while the votes are recent.
    rate = wait_for(lambda: [v for _, v in prometheus.query("sum(rate(wsis_votes_total[1m]))") if v > 0],
                    "the dashboards' vote rate in Prometheus", timeout=60)[0]
    expected = app_processes(project)
    assert sum(p == "voting-web" for p in expected.values()) == REPLICAS, expected
    try:
        wait_for(lambda: scraped_and_up(prometheus, expected).keys() == expected.keys(),
                 "every web process and worker scraped and up", timeout=90)
    except AssertionError:
        raise AssertionError(f"expected {expected}, Prometheus' targets: {prometheus.targets()}") from None
    found = scraped_and_up(prometheus, expected)
    assert found == expected, "each target has the process label of its service"
    figures["targets_up"] = f"{len(found)}/{len(expected)}"
    counter = f'sum(wsis_votes_total{{category="{CATEGORY}"}})'
    counted = wait_for(lambda: [v for _, v in prometheus.query(counter) if v == votes],
                       f"{counter} = {votes} in Prometheus", timeout=60)[0]
    figures["prom_votes"] = int(counted)
    say(f"Prometheus: {figures['targets_up']} web processes and workers up ("
        + ", ".join(sorted(set(found.values()))) + f"); sum(rate(wsis_votes_total[1m])) = "
        f"{rate:.2f}/s, {counter} = {counted:.0f}")


def test_the_platform_in_compose_walk_scale_and_restart_without_loss(project: Project) -> None:
    say(f"project {project.name}: gateway on 127.0.0.1:{project.env['GATEWAY_PORT']}, "
        f"compose: {' '.join(project.command)}")
    began = time.monotonic()
    project.run("build", timeout=1800)
    figures["build_s"] = round(time.monotonic() - began, 1)
    say(f"images built ({figures['build_s']} s)")
    figures["up_s"] = round(up(project), 1)
    states = project.wait_healthy()
    say(f"up: {len(states)} containers, every healthcheck passing ({figures['up_s']} s): "
        + ", ".join(sorted(n.removeprefix(f'{project.name}_') for n in states)))
    client = Client(project)
    walk_began = time.monotonic()

    # The WSIS team: its first admin by the command an operator runs, then the edition.
    portal = project.container_of("portal")
    project.exec(portal, "python", "-m", "portal", "create-admin", "chair@example.org", "wsis-chair",
                 env={"ADMIN_PASSWORD": PASSWORD})
    admin = client.log_in("wsis-chair")
    created = client.call("POST", "/api/v1/editions", admin, json=edition(now()))
    assert created.status_code == 201, created.text
    wait_for(lambda: revision(project, "review") == 1 and revision(project, "voting") == 1,
             "the edition at review and voting")
    say(f"admin made by create-admin; edition {YEAR} created, submission open")

    # A stakeholder registers, confirms the address from the mail, submits.
    stakeholder = client.register_and_verify("amina-ct", "Digital Health Kenya", "civil_society")
    token = client.log_in("amina-ct")
    body = {**project_2023(9100, category=CATEGORY, entity="Digital Health Kenya",
                           title="Mobile clinics that never lose a record"), "draft": False}
    submitted = client.call("POST", f"/api/v1/editions/{YEAR}/submissions", token, json=body)
    assert submitted.status_code == 201, submitted.text
    submission_id = submitted.json()["id"]
    say(f"stakeholder {stakeholder['id']} registered, verified from the Mailpit API, "
        f"submitted {submission_id}")
    wait_for(lambda: project.sql("review", f"SELECT count(*) FROM submissions WHERE year = {YEAR}") == "1",
             "the submission in the review queue")

    # Nomination: an expert (registered, given the role by the admin) reviews; the chair confirms.
    # The deadline may not fall before the submission accepted: a whole second after it.
    time.sleep(1)
    opened = now()
    move(project, client, admin, submission_closes=opened, nomination_opens=opened)
    expert = client.register_and_verify("expert-ct", "University of Geneva", "academia")
    granted = client.call("POST", f"/api/v1/accounts/{expert['id']}/roles", admin, json={"role": "expert"})
    assert granted.status_code == 200, granted.text
    recorded = client.call("PUT", f"/api/v1/reviews/experts/{expert['id']}", admin, json={
        "name": "Expert CT", "email": expert["email"],
        "organisation": {"name": "University of Geneva", "type": "Academia", "country": "CH"}})
    assert recorded.status_code == 200, recorded.text
    spread = client.call("POST", f"/api/v1/reviews/editions/{YEAR}/assignments/spread", admin,
                         json={"expert_ids": [expert["id"]]})
    assert spread.status_code in (200, 201), spread.text
    expert_token = client.log_in("expert-ct")
    queue = client.call("GET", "/api/v1/reviews/queue", expert_token).json()
    assert [item["submission_id"] for item in queue["items"]] == [submission_id], queue
    reviewed = client.call("PUT", f"/api/v1/reviews/{submission_id}", expert_token, json={
        "complies": True, "comment": "Convincing evidence of results.",
        "scores": dict.fromkeys(queue["scored_criteria"], 5)})
    assert reviewed.status_code == 200, reviewed.text
    chair = f"/api/v1/reviews/editions/{YEAR}/categories/{CATEGORY}"
    assert client.call("POST", f"{chair}/close", admin).status_code == 200
    confirmed = client.call("PUT", f"{chair}/nominees", admin, json={})
    assert confirmed.status_code == 200 and confirmed.json()["nominees"] == [submission_id], confirmed.text
    say("expert reviewed it; the chair closed the category and confirmed the nominee")

    # The list is published and the vote opens; the stakeholder votes through the gateway.
    t = max(now() - timedelta(seconds=1), opened + timedelta(seconds=1))
    time.sleep(max(0.0, (t - datetime.now(UTC)).total_seconds()))
    move(project, client, admin, nomination_closes=t, nominees_published_at=t, voting_opens=t)
    wait_for(lambda: submission_id in client.call("GET", f"/api/v1/editions/{YEAR}/ballot").text,
             "the nominee on the ballot")
    time.sleep(1.5)  # each voting process keeps the ballot it read for a second
    token = client.log_in("amina-ct")
    vote = client.call("POST", f"/api/v1/editions/{YEAR}/votes", token,
                       json={"category": CATEGORY, "nominee": submission_id})
    assert vote.status_code == 201, vote.text
    figures["walk_s"] = round(time.monotonic() - walk_began, 1)
    say(f"the stakeholder voted (201); walk register -> verify -> submit -> vote took {figures['walk_s']} s")

    # Three voting replicas behind the gateway; votes of many voters spread over them.
    began = time.monotonic()
    project.up("--no-recreate", "--scale", f"voting={REPLICAS}")
    replicas = [c["Name"].lstrip("/") for c in project.containers("voting")]
    assert len(replicas) == REPLICAS, replicas
    figures["scale_s"] = round(time.monotonic() - began, 1)
    say(f"scaled to {REPLICAS} voting replicas, all healthy ({figures['scale_s']} s)")
    time.sleep(6)  # nginx asks Docker's DNS again every 5 s (resolver valid=5s)
    before = votes_per_replica(project)
    key = project.exec(portal, "cat", "/keys-private/private.pem")
    signer = TokenSigner(key, issuer="wsis-gateway", audience="wsis-services")
    statuses: dict[int, int] = {}
    for number in range(VOTERS):
        voter = signer.sign(Principal(f"voter-ct-{number}", frozenset({"stakeholder"}), True,
                                      {"name": f"Org {number}", "type": "civil_society", "country": "KE"},
                                      email=f"voter{number}@example{number}.org", email_verified=True))
        answer = client.call("POST", f"/api/v1/editions/{YEAR}/votes", voter,
                             json={"category": CATEGORY, "nominee": submission_id})
        statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
        time.sleep(0.07)  # under the edge's 20 votes/s per address
    assert statuses == {201: VOTERS}, statuses
    after = votes_per_replica(project)
    spread_votes = {name.removeprefix(f"{project.name}_"): after[name] - before.get(name, 0)
                    for name in after}
    say(f"{VOTERS} votes through the gateway, per replica: {spread_votes}")
    assert sum(spread_votes.values()) == VOTERS and all(n > 0 for n in spread_votes.values()), spread_votes
    counts = client.call("GET", f"/api/v1/editions/{YEAR}/votes/counts", admin)
    assert counts.status_code == 200, counts.text
    total = VOTERS + 1
    assert counts.json()["votes"] == total, counts.text
    figures["per_replica"] = "/".join(str(v) for v in spread_votes.values())

    prometheus_sees_every_process_and_the_votes(project, total)

    # down (volumes kept), up: nothing lost.
    began = time.monotonic()
    project.left_behind |= project.anonymous_volumes()
    project.run("down", "-t", "30")
    assert project.containers() == [], "down removes every container"
    say("down (without -v): every container removed, volumes kept")
    up(project)
    figures["restart_s"] = round(time.monotonic() - began, 1)
    token = client.log_in("amina-ct")
    mine = client.call("GET", f"/api/v1/editions/{YEAR}/votes/mine", token).json()
    assert [v["nominee"] for v in mine["votes"]] == [submission_id], mine
    again = client.call("GET", f"/api/v1/submissions/{submission_id}", token)
    assert again.status_code == 200 and again.json()["title"] == body["title"], again.text
    counted = client.call("GET", f"/api/v1/editions/{YEAR}/votes/counts", client.log_in("wsis-chair"))
    stored = counted.json()["votes"]
    assert stored == total, counted.text
    figures["lost"] = total - stored
    say(f"up again ({figures['restart_s']} s): the stakeholder's vote, the submission and all "
        f"{stored} votes are there")
    figures["total_s"] = round(time.monotonic() - started, 1)
    print("compose_test: " + " ".join(f"{k}={v}" for k, v in figures.items()), flush=True)
