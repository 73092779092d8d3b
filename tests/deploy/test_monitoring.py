"""The monitoring in deploy/ holds together: promtool accepts both Prometheus configurations and
the alert rules and passes their unit tests; the Kubernetes discovery scrapes exactly the web
and worker pods of the manifests, and the compose one exactly the web and worker services;
and every metric and label that a dashboard or an alert names is one that the running platform
exports, read from every process's /metrics after a submission and a vote."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import promql_parser
import pytest
import requests
import yaml
from prometheus_client.parser import text_string_to_metric_families

from devstack.corpus import project_2023
from devstack.stack import APPS, Stack
from tests.deploy.test_compose import (
    DEPLOY,
    command_of,
    deploy_documents,
    load_compose,
    pod_containers,
)
from tests.e2e.editions import walk_edition
from tests.harness.infra import Infrastructure
from tests.harness.probe import wait_until
from tests.harness.publishing import publish
from tests.harness.stacks import own_stack, scalar
from wsis_common.auth import Principal, TokenSigner
from wsis_common.contracts import NOMINEES_PUBLISHED
from wsis_common.envelope import Envelope

PROMETHEUS = DEPLOY / "prometheus"
COMPOSE_CONFIG = PROMETHEUS / "prometheus.yml"
KUBERNETES_CONFIG = PROMETHEUS / "prometheus-kubernetes.yml"
RULES = PROMETHEUS / "rules.yml"
DASHBOARDS = sorted((DEPLOY / "grafana" / "dashboards").glob("*.json"))
DATASOURCES = DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yaml"
JOBS = {"wsis-web": "web", "wsis-workers": "worker"}
# Labels Prometheus gives each target (relabel_configs), not the services.
TARGET_LABELS = {"job", "instance", "process", "pod"}
# `up` is Prometheus' own, per target.
SYNTHETIC = {"up"}
# Series that a healthy platform has not made yet: no 5xx, no mail failed for good.
ONLY_ON_FAILURE = {("status", "5.."), ("outcome", "failed")}


# --- promtool ---------------------------------------------------------------------------------

def promtool(*args: str, cwd: Path = PROMETHEUS) -> subprocess.CompletedProcess[str]:
    if shutil.which("promtool") is None:
        pytest.skip("promtool is not installed: `make system` (scripts/ensure-system.sh) installs "
                    "it with Debian's `prometheus` package")
    return subprocess.run(["promtool", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          check=False)


def test_promtool_accepts_the_compose_configuration_and_its_rules() -> None:
    result = promtool("check", "config", COMPOSE_CONFIG.name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS: 1 rule files found" in result.stdout


def test_promtool_accepts_the_kubernetes_configuration(tmp_path: Path) -> None:
    result = promtool("check", "config", KUBERNETES_CONFIG.name)
    if "kubernetes_sd_configs not found" in result.stdout + result.stderr:
        # Debian builds Prometheus without the Kubernetes discovery: promtool checks the rest
        # (relabelling, rules) with the discovery left out; the next test checks what it finds.
        config = yaml.safe_load(KUBERNETES_CONFIG.read_text())
        for job in config["scrape_configs"]:
            if job.pop("kubernetes_sd_configs", None) is not None:
                job["static_configs"] = [{"targets": []}]
        (tmp_path / "prometheus.yml").write_text(yaml.safe_dump(config))
        shutil.copy(RULES, tmp_path / "rules.yml")
        result = promtool("check", "config", "prometheus.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_alert_rules_pass_their_promtool_unit_tests() -> None:
    result = promtool("test", "rules", "rules_test.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


# --- what each configuration scrapes ----------------------------------------------------------

def relabel(labels: dict[str, str], rules: list[dict[str, Any]]) -> dict[str, str] | None:
    """Prometheus' relabelling (keep, drop, replace) of one target; None when it is dropped."""
    labels = dict(labels)
    for rule in rules:
        value = rule.get("separator", ";").join(labels.get(n, "") for n in rule.get("source_labels", []))
        match = re.fullmatch(rule.get("regex", "(.*)"), value)
        action = rule.get("action", "replace")
        if (action == "keep" and not match) or (action == "drop" and match):
            return None
        if action == "replace" and match:
            replacement = re.sub(r"\$\{?(\d+)\}?", r"\\g<\1>", rule.get("replacement", "$1"))
            labels[rule["target_label"]] = match.expand(replacement)
    return labels


def _sanitized(name: str) -> str:
    return re.sub(r"[^a-zA-Z0-9_]", "_", name)


def kubernetes_targets() -> set[tuple[str, str, int]]:
    """(job, process, port) of every container port of every pod in deploy/ that the Kubernetes
    configuration keeps, as its pod discovery presents them."""
    config = yaml.safe_load(KUBERNETES_CONFIG.read_text())
    found = set()
    for _, doc in deploy_documents():
        if doc["kind"] != "Deployment":
            continue
        pod_labels = doc["spec"]["template"]["metadata"]["labels"]
        for kind, container in pod_containers(doc):
            for port in container.get("ports", []) if kind == "main" else []:
                meta = {f"__meta_kubernetes_pod_label_{_sanitized(k)}": v for k, v in pod_labels.items()}
                meta.update(__meta_kubernetes_pod_container_port_name=port.get("name", ""),
                            __meta_kubernetes_pod_name=f"{doc['metadata']['name']}-abc12",
                            __meta_kubernetes_pod_phase="Running")
                for job in config["scrape_configs"]:
                    if "kubernetes_sd_configs" not in job:
                        continue
                    assert job["kubernetes_sd_configs"] == [
                        {"role": "pod", "namespaces": {"own_namespace": True}}], job["job_name"]
                    kept = relabel(meta, job["relabel_configs"])
                    if kept is not None:
                        found.add((job["job_name"], kept["process"], port["containerPort"]))
    return found


def compose_targets() -> set[tuple[str, str, int]]:
    config = yaml.safe_load(COMPOSE_CONFIG.read_text())
    found = set()
    for job in config["scrape_configs"]:
        for sd in job.get("dns_sd_configs", []):
            for name in sd["names"]:
                kept = relabel({"__meta_dns_name": name}, job.get("relabel_configs", []))
                assert kept is not None
                found.add((job["job_name"], kept["process"], sd["port"]))
    return found


def expected_targets(web_port: int, worker_port: int) -> set[tuple[str, str, int]]:
    names = {"gateway": "portal"}  # the gateway's app is the portal in compose and Kubernetes
    return {(job, f"{names.get(app.name, app.name)}-{role}", web_port if role == "web" else worker_port)
            for app in APPS for job, role in JOBS.items()}


def test_kubernetes_discovery_scrapes_every_web_and_worker_pod_and_nothing_else() -> None:
    runtime = next(d for _, d in deploy_documents() if d["kind"] == "ConfigMap"
                   and d["metadata"]["name"] == "wsis-runtime")["data"]
    assert kubernetes_targets() == expected_targets(int(runtime["PORT"]), int(runtime["WORKER_PORT"]))


def test_compose_discovery_scrapes_every_web_and_worker_service() -> None:
    compose = load_compose()
    env = compose["x-app-env"]
    assert compose_targets() == expected_targets(int(env["PORT"]), int(env["WORKER_PORT"]))
    services = compose["services"]
    for _job, process, _port in compose_targets():
        name = process.removesuffix("-web")
        assert command_of(services[name])[0] in {"web", "worker"}, process
    assert services["prometheus"]["image"].split(":")[0] == "prom/prometheus"
    assert services["grafana"]["image"].split(":")[0] == "grafana/grafana"
    mounts = {v.split(":")[1]: v.split(":")[0] for v in services["prometheus"]["volumes"]}
    # rule_files are relative to the configuration: rules.yml lies beside it.
    assert mounts["/etc/prometheus/prometheus.yml"] == "./deploy/prometheus/prometheus.yml"
    assert mounts["/etc/prometheus/rules.yml"] == "./deploy/prometheus/rules.yml"


def test_every_dashboard_panel_reads_the_provisioned_datasource() -> None:
    assert DASHBOARDS
    uid = yaml.safe_load(DATASOURCES.read_text())["datasources"][0]["uid"]
    for path in DASHBOARDS:
        dashboard = json.loads(path.read_text())
        for panel in dashboard["panels"]:
            for target in panel.get("targets", []):
                assert target["datasource"]["uid"] == uid, (path.name, panel["title"])


# --- every query against what the platform exports --------------------------------------------

def queries() -> list[tuple[str, str]]:
    """(where, PromQL) of every alert rule and every dashboard panel."""
    found = [(f"rules.yml {rule.get('alert') or rule.get('record')}", rule["expr"])
             for group in yaml.safe_load(RULES.read_text())["groups"] for rule in group["rules"]]
    for path in DASHBOARDS:
        for panel in json.loads(path.read_text())["panels"]:
            found += [(f"{path.name} {panel['title']!r}", t["expr"]) for t in panel.get("targets", [])]
    return found


@dataclass
class Uses:
    """What a query names: each selector (metric, matchers) and the labels it groups by."""

    selectors: list[tuple[str, list[tuple[str, str, str]]]] = field(default_factory=list)
    grouped_by: set[str] = field(default_factory=set)


def uses_of(expr: str) -> Uses:
    # Grafana's interval variable, as Grafana fills it in.
    node = promql_parser.parse(expr.replace("$__rate_interval", "5m"))
    uses = Uses()
    _walk(node, uses)
    return uses


def _walk(node: Any, uses: Uses) -> None:
    if isinstance(node, promql_parser.VectorSelector):
        matchers = [(m.name, str(m.op).rsplit(".", 1)[-1], m.value) for m in node.matchers.matchers]
        uses.selectors.append((node.name, matchers))
    elif isinstance(node, promql_parser.MatrixSelector):
        _walk(node.vector_selector, uses)
    elif isinstance(node, promql_parser.Call):
        for arg in node.args:
            _walk(arg, uses)
    elif isinstance(node, promql_parser.AggregateExpr):
        if node.modifier is not None:
            uses.grouped_by |= set(node.modifier.labels)
        _walk(node.expr, uses)
        if node.param is not None:
            _walk(node.param, uses)
    elif isinstance(node, promql_parser.BinaryExpr):
        _walk(node.lhs, uses)
        _walk(node.rhs, uses)
    elif isinstance(node, (promql_parser.ParenExpr, promql_parser.UnaryExpr, promql_parser.SubqueryExpr)):
        _walk(node.expr, uses)


def test_the_query_walk_finds_metrics_matchers_and_groupings() -> None:
    uses = uses_of('sum by (service) (rate(a_total{x="1", y=~"5.."}[$__rate_interval])) / '
                   'histogram_quantile(0.99, sum by (le) (rate(b_bucket[5m]))) or absent(up{job="j"})')
    assert uses.selectors == [("a_total", [("x", "Equal", "1"), ("y", "Re", "5..")]),
                              ("b_bucket", []), ("up", [("job", "Equal", "j")])]
    assert uses.grouped_by == {"service", "le"}


@dataclass
class Exported:
    """Every sample name of the platform's /metrics, with the values seen for each label."""

    labels: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    # Declared with no series yet (a labelled counter nothing counted, e.g. items failed): the
    # name is exported, its labels cannot be read.
    declared_only: set[str] = field(default_factory=set)

    def add(self, body: str) -> None:
        for family in text_string_to_metric_families(body):
            suffixes = {"counter": ["_total"], "histogram": ["_bucket", "_count", "_sum"]}
            for suffix in suffixes.get(family.type, [""]):
                if not family.samples and family.name + suffix not in self.labels:
                    self.declared_only.add(family.name + suffix)
            for sample in family.samples:
                self.declared_only.discard(sample.name)
                seen = self.labels.setdefault(sample.name, {})
                for name, value in sample.labels.items():
                    seen.setdefault(name, set()).add(value)


@dataclass
class Platform:
    stack: Stack
    year: int = 2062

    def __post_init__(self) -> None:
        self.signer = TokenSigner(Path(self.stack.private_key).read_text(), issuer="wsis-gateway",
                                  audience="wsis-services", lifetime=timedelta(hours=1))
        self.admin = self.bearer(Principal("ops-admin", frozenset({"admin"}), name="Ops"))

    def bearer(self, principal: Principal) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.signer.sign(principal)}"}

    def stakeholder(self, number: int) -> dict[str, str]:
        return self.bearer(Principal(f"ops-stakeholder-{number}", frozenset({"stakeholder"}), True,
                                     {"name": f"Org {number}", "type": "Civil society", "country": "KE"},
                                     email=f"person{number}@example{number}.org", name=f"Person {number}",
                                     email_verified=True))

    def call(self, method: str, path: str, headers: dict[str, str] | None = None,
             **kwargs: Any) -> requests.Response:
        return requests.request(method, f"{self.stack.gateway_url}{path}", headers=headers or {},
                                timeout=30, **kwargs)

    def move(self, **phases: datetime) -> None:
        # Dates brought forward to now have just passed: they need a reason (past_dates).
        body = {"phases": {k: v.isoformat() for k, v in phases.items()},
                "reason": "the monitoring test walks the edition to its vote now"}
        response = self.call("PATCH", f"/api/v1/editions/{self.year}", self.admin, json=body)
        assert response.status_code == 200, response.text
        revision = response.json()["revision"]
        wait_until(lambda: self.scalar("voting", "SELECT revision FROM edition_copies WHERE year = :y",
                                       y=self.year) == revision, what="voting's copy of the dates")

    def scalar(self, service: str, sql: str, **params: Any) -> Any:
        return scalar(self.stack, service, sql, **params)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _edition(year: int, t0: datetime) -> dict[str, Any]:
    return walk_edition(year, 51, t0)


@pytest.fixture(scope="module")
def exported(infra: Infrastructure, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    """Every process's /metrics of a stack of our own, after a submission (its receipt mailed),
    a vote and a refused second vote."""
    with own_stack(infra, tmp_path_factory.mktemp("monitoring-stack"), "mon") as stack:
        p = Platform(stack)
        created = p.call("POST", "/api/v1/editions", p.admin, json=_edition(p.year, _now()))
        assert created.status_code == 201, created.text
        body = {**project_2023(8101, category="C7-HLT", entity="Org 1", title="Clinics on boats"),
                "draft": False}
        submitted = p.call("POST", f"/api/v1/editions/{p.year}/submissions", p.stakeholder(1), json=body)
        assert submitted.status_code == 201, submitted.text
        submission_id = submitted.json()["id"]
        wait_until(lambda: (p.scalar("notify", "SELECT count(*) FROM mails WHERE status = 'sent'") or 0) > 0,
                   timeout=60, what="the receipt mailed")
        # Each phase moved to a second or two ahead, then waited for: a date that has passed
        # moves only with a reason, and never before what already happened.
        t = _now() + timedelta(seconds=2)
        p.move(submission_closes=t, nomination_opens=t)
        time.sleep(max(0.0, (t - datetime.now(UTC)).total_seconds()) + 0.2)
        t = _now() + timedelta(seconds=2)
        p.move(nomination_closes=t, nominees_published_at=t, voting_opens=t)
        time.sleep(max(0.0, (t - datetime.now(UTC)).total_seconds()) + 0.2)
        # The nominee list, as the review service publishes it once the chair confirmed it.
        nominees = Envelope(type=NOMINEES_PUBLISHED, producer="review", edition=p.year, payload={
            "categories": [{"category": "C7-HLT", "nominees": [{
                "submission_id": submission_id, "title": "Clinics on boats",
                "short_description": "Boats that bring clinics to river villages."}]}]})
        publish(stack.broker_url, nominees)
        wait_until(lambda: submission_id in p.call("GET", f"/api/v1/editions/{p.year}/ballot").text,
                   what="the nominee on the ballot")
        time.sleep(1.5)  # each voting process keeps the ballot it read for a second
        vote = p.call("POST", f"/api/v1/editions/{p.year}/votes", p.stakeholder(2),
                      json={"category": "C7-HLT", "nominee": submission_id})
        assert vote.status_code == 201, vote.text
        again = p.call("POST", f"/api/v1/editions/{p.year}/votes", p.stakeholder(2),
                       json={"category": "C7-HLT", "nominee": submission_id})
        assert again.status_code == 409, "a second vote: the 4xx the dashboards count"
        time.sleep(6)  # every consumer has looked at its queues (every 5 s)
        found = Exported()
        for app in APPS:
            for url in (stack.web_url(app.name), stack.worker_url(app.name)):
                found.add(requests.get(f"{url}/metrics", timeout=10).text)
        yield found


def test_the_platform_exports_the_votes_per_category_and_the_new_gauges(exported: Exported) -> None:
    assert exported.labels["wsis_votes_total"]["category"] == {"C7-HLT"}
    assert exported.labels["wsis_mails_total"]["outcome"] >= {"sent"}
    assert exported.labels["wsis_db_connections"]["state"] == {"open", "in_use"}
    assert {"notify", "voting", "review"} <= exported.labels["wsis_dead_letter_queue_messages"]["service"]


@pytest.mark.parametrize(("where", "expr"), queries(), ids=[w for w, _ in queries()])
def test_every_query_names_metrics_and_labels_the_platform_exports(
    exported: Exported, where: str, expr: str,
) -> None:
    uses = uses_of(expr)
    assert uses.selectors, f"{where}: no metric in {expr}"
    known_labels: set[str] = set(TARGET_LABELS)
    for name, matchers in uses.selectors:
        if name in SYNTHETIC:
            _check_target_matchers(where, matchers)
            continue
        if name in exported.declared_only:
            known_labels |= uses.grouped_by
            continue
        assert name in exported.labels, f"{where}: {name} is exported by no process"
        series = exported.labels[name]
        known_labels |= set(series)
        for label, op, value in matchers:
            if label in TARGET_LABELS:
                _check_target_matchers(where, [(label, op, value)])
                continue
            assert label in series, f"{where}: {name} has no label {label} (it has {sorted(series)})"
            if (label, value) in ONLY_ON_FAILURE:
                continue
            if op == "Equal":
                assert value in series[label], f"{where}: {name}{{{label}={value!r}}}: seen {series[label]}"
            elif op == "Re":
                assert any(re.fullmatch(value, seen) for seen in series[label]), (
                    f"{where}: {name}{{{label}=~{value!r}}} matches none of {series[label]}")
    unknown = uses.grouped_by - known_labels
    assert not unknown, f"{where}: grouped by {sorted(unknown)}, which no metric of it carries"


def _check_target_matchers(where: str, matchers: list[tuple[str, str, str]]) -> None:
    """`job` and `process` as the Prometheus configurations set them."""
    processes = {process for _job, process, _port in compose_targets()}
    jobs = {job for job, _process, _port in compose_targets()}
    for label, op, value in matchers:
        pattern = value if op == "Re" else re.escape(value)
        if label == "job":
            assert any(re.fullmatch(pattern, job) for job in jobs), f"{where}: no job {value!r}"
        elif label == "process":
            assert any(re.fullmatch(pattern, p) for p in processes), f"{where}: no process {value!r}"
