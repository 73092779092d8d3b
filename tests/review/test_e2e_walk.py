"""The whole platform as real processes (nginx, gunicorn, workers, PostgreSQL, RabbitMQ): one
category walked from accepted submissions through reviews, the nominee list, the public vote,
the finalists and the winner to the ceremony, by moving the edition's dates through the
submission service's admin API, as the WSIS team would.

On the way, the secrecy of the winner is tested against every public GET endpoint of every
service (read from each service's OpenAPI document through the gateway) and every page a
visitor can reach, as anonymous and as stakeholders (one of them the winner's own submitter):
picking the winner must change nothing they can see, no entry of the winner may be marked
differently from the champions', and no log line reachable from their requests, nor any INFO
line anywhere, may mark it."""

from __future__ import annotations

import difflib
import json
import re
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from devstack.corpus import project_2023
from devstack.stack import APPS, Stack
from tests.e2e.editions import walk_edition
from tests.harness.infra import Infrastructure
from tests.harness.probe import wait_until
from tests.harness.stacks import own_stack, scalar
from wsis_common.auth import Principal, TokenSigner

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

YEAR = 2061
CATEGORY = "C7-HLT"
PROJECTS = ["Mobile clinics that never lose a record", "Telemedicine for river communities",
            "AI triage for rural health posts", "Maternal care reminders by SMS"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "review"
RATE_LIMITED = {"/login", "/register", "/api/v1/tokens", "/api/v1/accounts"}  # per address, at the edge
PAGES = ["/", "/results", "/vote", "/submit", "/register", "/login", "/my-submissions", "/reviews",
         "/admin", f"/editions/{YEAR}/results", f"/editions/{YEAR}/nominees", f"/editions/{YEAR}/vote",
         f"/editions/{YEAR}/submit"]


@pytest.fixture(scope="module")
def stack(infra: Infrastructure, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of our own (its own databases and vhost): the e2e suite's stack may be running."""
    with own_stack(infra, tmp_path_factory.mktemp("review-stack"), "rv",
                   extra_env={"VOTING_SETTLE_SECONDS": "1"}) as running:
        yield running


class Platform:
    """The walk's actors, through the gateway."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.url = stack.gateway_url
        self.signer = TokenSigner(Path(stack.private_key).read_text(), issuer="wsis-gateway",
                                  audience="wsis-services", lifetime=timedelta(hours=2))
        self.admin = self.bearer(Principal("wsis-chair", frozenset({"admin"}), name="The Chair"))

    def bearer(self, principal: Principal) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.signer.sign(principal)}"}

    def stakeholder(self, number: int, organisation: str = "Somewhere Ltd") -> dict[str, str]:
        return self.bearer(Principal(f"stakeholder-{number}", frozenset({"stakeholder"}), True,
                                     {"name": organisation, "type": "Civil society", "country": "KE"},
                                     email=f"person{number}@example{number}.org", name=f"Person {number}",
                                     email_verified=True))

    def expert(self, account_id: str, organisation: str) -> dict[str, str]:
        return self.bearer(Principal(account_id, frozenset({"expert"}), True,
                                     {"name": organisation, "type": "Academia", "country": "CH"},
                                     email=f"{account_id}@experts.org", name=account_id.title()))

    def call(self, method: str, path: str, headers: dict[str, str] | None = None,
             **kwargs: Any) -> requests.Response:
        return requests.request(method, f"{self.url}{path}", headers=headers or {}, timeout=30, **kwargs)

    def move(self, reason: str | None = None, **phases: datetime) -> None:
        """The WSIS team moves dates of the running edition (the submission service's admin API);
        a date moved into the past needs the reason why."""
        body: dict[str, Any] = {"phases": {k: v.isoformat() for k, v in phases.items()}}
        if reason:
            body["reason"] = reason
        response = self.call("PATCH", f"/api/v1/editions/{YEAR}", self.admin, json=body)
        assert response.status_code == 200, response.text
        revision = response.json()["revision"]
        for service in ("review", "voting"):
            wait_until(lambda s=service: self.revision(s) == revision, what=f"{service}'s copy of the dates")

    def revision(self, service: str) -> int | None:
        return self.scalar(service, "SELECT revision FROM edition_copies WHERE year = :y", y=YEAR)

    def scalar(self, service: str, sql: str, **params: Any) -> Any:
        return scalar(self.stack, service, sql, **params)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _edition(t0: datetime) -> dict[str, Any]:
    return walk_edition(YEAR, 50, t0, reviewers_per_submission=2)


def test_one_category_from_submissions_to_the_ceremony_with_the_winner_secret_until_then(stack: Stack):
    p = Platform(stack)
    created = p.call("POST", "/api/v1/editions", p.admin, json=_edition(_now()))
    assert created.status_code == 201, created.text
    wait_until(lambda: p.revision("review") == 1, what="the edition at the review service")

    # Phase 1: four stakeholders submit projects.
    owners: dict[str, dict[str, str]] = {}
    for number, title in enumerate(PROJECTS, start=1):
        organisation = f"Health Org {number}"
        body = {**project_2023(7000 + number, category=CATEGORY, entity=organisation, title=title),
                "draft": False}
        headers = p.stakeholder(number, organisation)
        response = p.call("POST", f"/api/v1/editions/{YEAR}/submissions", headers, json=body)
        assert response.status_code == 201, response.text
        owners[response.json()["id"]] = headers
    submitted = datetime.now(UTC)
    ids = list(owners)
    wait_until(lambda: p.scalar("review", "SELECT count(*) FROM submissions WHERE year = :y", y=YEAR) == 4,
               what="the four submissions in the review queue")

    # Phase 2: the submission phase ends and the nomination opens; two experts review. The
    # deadline comes after the last submission accepted (a deadline never moves before one).
    t = nomination_opened = max(_now() - timedelta(seconds=1), (submitted + timedelta(seconds=1)).replace(
        microsecond=0))
    time.sleep(max(0.0, (t - datetime.now(UTC)).total_seconds()))
    p.move("The call closes now: the four projects are in.", submission_closes=t, nomination_opens=t)
    experts = {"expert-1": "University of Geneva", "expert-2": "Health Org 3"}  # expert-2: conflict with #3
    for account, organisation in experts.items():
        assert p.call("PUT", f"/api/v1/reviews/experts/{account}", p.admin, json={
            "name": account.title(), "email": f"{account}@experts.org",
            "organisation": {"name": organisation, "type": "Academia", "country": "CH"}}).status_code == 200
    spread = p.call("POST", f"/api/v1/reviews/editions/{YEAR}/assignments/spread", p.admin,
                    json={"expert_ids": list(experts)}).json()
    assert spread["short"] == [{"submission_id": ids[2], "missing": 1}], "no free expert for #3 but one"
    who = {"name": "WHO", "type": "International organisation", "country": "CH"}
    assert p.call("PUT", "/api/v1/reviews/experts/expert-3", p.admin, json={
        "name": "Expert 3", "email": "expert-3@experts.org", "organisation": who}).status_code == 200
    assert p.call("POST", f"/api/v1/reviews/editions/{YEAR}/assignments", p.admin,
                  json={"expert_id": "expert-3", "submission_id": ids[2]}).status_code == 201
    experts["expert-3"] = "WHO"
    scores = {ids[0]: 5, ids[1]: 4, ids[2]: 4, ids[3]: 2}
    for account, organisation in experts.items():
        token = p.expert(account, organisation)
        queue = p.call("GET", "/api/v1/reviews/queue", token).json()
        for item in queue["items"]:
            value = scores[item["submission_id"]]
            review = {"complies": True, "comment": "Convincing evidence of results.",
                      "scores": dict.fromkeys(queue["scored_criteria"], value)}
            response = p.call("PUT", f"/api/v1/reviews/{item['submission_id']}", token, json=review)
            assert response.status_code == 200, response.text
    chair = f"/api/v1/reviews/editions/{YEAR}/categories/{CATEGORY}"
    assert p.call("POST", f"{chair}/close", p.admin).status_code == 200
    confirmed = p.call("PUT", f"{chair}/nominees", p.admin, json={})
    assert confirmed.status_code == 200 and sorted(confirmed.json()["nominees"]) == sorted(ids[:3])
    assert p.call("GET", f"/api/v1/editions/{YEAR}/nominees").status_code == 404, "not before its date"

    # The publication date comes: the worker publishes; the vote opens on the ballot it builds.
    # At least a second after the nomination opened (a fast machine gets here within it).
    t = max(_now() - timedelta(seconds=1), nomination_opened + timedelta(seconds=1))
    time.sleep(max(0.0, (t - datetime.now(UTC)).total_seconds()))
    p.move("The expert group has confirmed the nominees: the vote opens now.",
           nomination_closes=t, nominees_published_at=t, voting_opens=t)
    wait_until(lambda: p.call("GET", f"/api/v1/editions/{YEAR}/nominees").status_code == 200,
               what="the published nominee list")
    ballot_url = f"/api/v1/editions/{YEAR}/ballot"
    wait_until(lambda: all(sid in p.call("GET", ballot_url).text for sid in ids[:3]),
               what="the nominees on the voting service's ballot")
    time.sleep(1.5)  # each voting process keeps the ballot it read for a second

    # Phase 3: the public votes; ids[1] and ids[2] get the most votes.
    for number, choice in enumerate([ids[1]] * 3 + [ids[2]] * 2 + [ids[0]], start=100):
        vote = p.call("POST", f"/api/v1/editions/{YEAR}/votes", p.stakeholder(number),
                      json={"category": CATEGORY, "nominee": choice})
        assert vote.status_code == 201, vote.text
    t = _now() + timedelta(seconds=2)  # after the last vote (at whole seconds: just before it counts)
    p.move(voting_closes=t, selection_opens=t)
    wait_until(lambda: p.scalar("review", "SELECT count(*) FROM finalists WHERE year = :y", y=YEAR) == 2,
               timeout=60, what="the finalists from voting.closed")
    finalists = p.call("GET", f"{chair}/finalists", p.admin).json()["finalists"]
    assert sorted(f["submission_id"] for f in finalists) == sorted([ids[1], ids[2]])

    # Phase 4: the experts analyse, the chair picks; nothing public may change.
    analysis = {"scores": {"scale": 4, "wsis_impact": 5, "sustainable_development": 4},
                "note": "Scaled well."}
    assert p.call("PUT", f"/api/v1/reviews/{ids[1]}/analysis", p.expert("expert-1", experts["expert-1"]),
                  json=analysis).status_code == 200
    # The winner is the finalist whose title sorts last: a leak by order alone would show.
    winner, champion = ids[1], ids[2]
    audience = {"anonymous": {}, "stakeholder": p.stakeholder(500),
                "the winner's submitter": owners[winner], "a champion's submitter": owners[champion]}
    before = _snapshot(p, audience, {"submission_id": [winner, champion]})
    picked = p.call("PUT", f"{chair}/winner", p.admin, json={"submission_id": winner})
    assert picked.status_code == 200, picked.text
    told = "SELECT count(*) FROM inbox WHERE routing_key = 'winner.selected'"
    wait_until(lambda: p.scalar("notify", told) == 1, what="notify told of the winner")
    after = _snapshot(p, audience, {"submission_id": [winner, champion]})
    _assert_nothing_changed(before, after)
    _keep_the_list(after)
    winner_title = PROJECTS[1]
    _assert_no_entry_marks_the_winner(after, winner, winner_title, [champion], [PROJECTS[2]])
    _assert_no_log_line_marks_the_winner(stack, after, winner, winner_title)
    results = p.call("GET", f"/api/v1/editions/{YEAR}/results").json()
    assert {f["distinction"] for f in results["categories"][0]["finalists"]} == {"champion"}
    assert p.call("GET", f"/api/v1/reviews/editions/{YEAR}/success-stories").status_code == 404

    # Phase 5: the ceremony; the worker announces, the results and the publication show the winner.
    t = _now() - timedelta(seconds=1)
    p.move("The winners are picked: the ceremony is now.", selection_closes=t, forum_opens=t, ceremony_at=t)
    wait_until(lambda: p.call("GET", f"/api/v1/editions/{YEAR}/results").json().get("announced") is True,
               what="the announcement")
    [category] = p.call("GET", f"/api/v1/editions/{YEAR}/results").json()["categories"]
    assert category["winner"]["submission_id"] == winner
    assert [c["submission_id"] for c in category["champions"]] == [champion]
    page = p.call("GET", f"/editions/{YEAR}/results").text
    assert winner_title in page[page.index('class="winner"'):]
    stories = p.call("GET", f"/api/v1/reviews/editions/{YEAR}/success-stories?format=pdf")
    assert stories.status_code == 200 and stories.content.startswith(b"%PDF")
    past = lambda: p.call("GET", "/api/v1/winners", p.admin).json()  # noqa: E731
    wait_until(lambda: any(w["title"] == winner_title for w in past()),
               what="the winner ineligible from now on (the submission service's past winners)")
    trail = p.call("GET", f"/api/v1/reviews/editions/{YEAR}/audit", p.admin).json()
    actions = {e["action"] for e in trail}
    assert {"edition.changed", "experts.spread", "expert.assigned", "category.closed", "nominees.confirmed",
            "nominees.published", "finalists.received", "winner.picked", "winners.announced"} <= actions


# -- the secrecy checks --

Snapshot = dict[tuple[str, str], tuple[int, str, str, str]]  # (who, url) -> (status, type, body, request id)


def _get_paths(p: Platform, params: dict[str, list[str]]) -> list[str]:
    """Every GET of every service's OpenAPI document, path parameters filled in (every known id),
    each enumerated query parameter in each of its values."""
    fill = {"year": [str(YEAR)], "category": [CATEGORY], "account_id": ["expert-1"], "assignment_id": ["1"],
            **params}
    urls: list[str] = []
    for app in APPS:
        urls.append(f"/openapi/{app.name}.json")
        document = p.call("GET", f"/openapi/{app.name}.json").json()
        for path, operations in document["paths"].items():
            if "get" not in operations:
                continue
            names = re.findall(r"{(\w+)}", path)
            variants = [path]
            for name in names:
                variants = [v.replace(f"{{{name}}}", value)
                            for v in variants for value in fill.get(name, ["x"])]
            enums = [(q["name"], q["schema"]["enum"]) for q in operations["get"].get("parameters", [])
                     if q.get("in") == "query" and "enum" in q.get("schema", {})]
            for variant in variants:
                urls.append(variant)
                urls += [f"{variant}?{name}={value}" for name, values in enums for value in values]
    return urls


def _pages(p: Platform) -> list[str]:
    """The pages a visitor reaches: the known ones and every same-site link from them."""
    seen, queue = set(PAGES), list(PAGES)
    while queue and len(seen) < 120:
        response = p.call("GET", queue.pop(0))
        if "html" not in response.headers.get("Content-Type", ""):
            continue
        for link in re.findall(r'href="(/[^"#]*)"', response.text):
            if link.split("?")[0] in RATE_LIMITED:
                link = link.split("?")[0]  # one of each: the edge limits them per address
            if link.startswith(("/static", "/api/", "/language", "/logout")) or link in seen:
                continue
            seen.add(link)
            queue.append(link)
    return sorted(seen)


def _snapshot(p: Platform, audience: dict[str, dict[str, str]], params: dict[str, list[str]]) -> Snapshot:
    shot: Snapshot = {}
    for url in _get_paths(p, params):
        for who, headers in audience.items():
            shot[(who, url)] = _fetch(p, url, headers, who)
    for url in _pages(p):
        shot[("anonymous", url)] = _fetch(p, url, {}, "anonymous")
    return shot


def _fetch(p: Platform, url: str, headers: dict[str, str], who: str) -> tuple[int, str, str, str]:
    request_id = f"secrecy-{zlib.crc32(who.encode())}-{time.monotonic_ns()}"  # no word of `who` in logs
    if url.split("?")[0] in RATE_LIMITED:
        time.sleep(1.1)
    response = p.call("GET", url, {**headers, "X-Request-ID": request_id}, allow_redirects=False)
    kind = response.headers.get("Content-Type", "").split(";")[0]
    body = response.text if kind.startswith(("text/", "application/json", "application/problem")) \
        else f"<{len(response.content)} bytes>"
    return response.status_code, kind, body, request_id


def _keep_the_list(shot: Snapshot) -> None:
    """What was checked, for a person to read: test-artifacts/review/secrecy-requests.txt."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    lines = [f"{status}  {who:24}  {url}" for (who, url), (status, *_rest) in sorted(shot.items())]
    (ARTIFACTS / "secrecy-requests.txt").write_text("\n".join(lines) + "\n")


def _volatile(body: str) -> str:
    """What legitimately differs between two identical requests: request ids, CSRF tokens."""
    body = re.sub(r"secrecy-[\w-]+", "<request>", body)
    return re.sub(r'(name="csrf_token"[^>]*value=")[^"]*|(value=")[^"]*("[^>]*name="csrf_token")', r"\1\2\3",
                  body)


def _assert_nothing_changed(before: Snapshot, after: Snapshot) -> None:
    changed = [key for key in before if key in after and (
        before[key][:2] != after[key][:2] or _volatile(before[key][2]) != _volatile(after[key][2]))]
    assert len(before) > 50, f"only {len(before)} requests: the endpoint discovery failed"
    diffs = ["\n".join(difflib.unified_diff(_volatile(before[k][2]).splitlines(),
                                            _volatile(after[k][2]).splitlines(), lineterm="", n=1))
             for k in changed[:3]]
    assert not changed, f"picking the winner changed what they see: {changed[:10]}\n" + "\n".join(diffs)


def _objects_with(value: Any, needle: str) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if needle in value.values():
            yield value
        for inner in value.values():
            yield from _objects_with(inner, needle)
    elif isinstance(value, list):
        for inner in value:
            yield from _objects_with(inner, needle)


def _assert_no_entry_marks_the_winner(shot: Snapshot, winner: str, title: str, champions: list[str],
                                      champion_titles: list[str]) -> None:
    for (who, url), (_status, kind, body, _rid) in shot.items():
        if url.startswith("/openapi/") or (winner not in body and title not in body):
            continue
        where = f"{url} as {who}"
        if "json" in kind:
            document = json.loads(body)
            for entry in _objects_with(document, winner):
                assert "winner" not in json.dumps(entry).lower(), where
                for champion in champions:
                    for twin in _objects_with(document, champion):
                        assert set(twin) == set(entry), f"{where}: the entries differ in shape"
                        assert twin.get("distinction") == entry.get("distinction"), where
        if "html" in kind and title in body:
            for champion_title in champion_titles:
                if champion_title in body:
                    ids = [winner, *champions]
                    assert _tags_before(body, title, ids) == _tags_before(body, champion_title, ids), where


def _tags_before(html: str, title: str, ids: list[str]) -> list[str]:
    """The two opening tags around a title (its own ids blanked): how the page marks the entry."""
    tags = re.findall(r"<[a-zA-Z][^>]*>", html[:html.index(title)][-400:])[-2:]
    return [re.sub("|".join(ids), "<id>", tag) for tag in tags]


def _assert_no_log_line_marks_the_winner(stack: Stack, shot: Snapshot, winner: str, title: str) -> None:
    theirs = {rid for (_who, _url), (*_rest, rid) in shot.items()}
    lines = [line for log in (stack.run_dir / "logs").glob("*.log") for line in log.read_text().splitlines()]
    assert any(rid in line for rid in list(theirs)[:50] for line in lines), "their requests are logged"
    for line in lines:
        mentions = winner in line or title in line
        rid = re.search(r"secrecy-[\w-]+", line)
        if rid and rid.group(0) in theirs:
            assert "winner" not in line.lower() or not mentions, line
        try:
            level = json.loads(line).get("level", "INFO")
        except ValueError:
            level = "INFO"
        if level in ("DEBUG", "INFO") and mentions:
            assert "winner" not in line.lower(), f"an INFO line marks the winner: {line}"
