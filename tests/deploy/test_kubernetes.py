"""The Kubernetes manifests in deploy/ are valid Kubernetes objects (their JSON schemas, bundled
by kubernetes-validate: offline, strict, so an unknown or misspelt field fails) and keep what a
rolling update and a surge need: a PodDisruptionBudget per web Deployment, requests and limits
for every container, autoscaling for voting and the pages, and a pod's grace period that covers
its preStop sleep and gunicorn's graceful stop."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest

from tests.deploy.test_compose import DEPLOY, deploy_documents, pod_containers

ROOT = Path(__file__).resolve().parents[2]
# The oldest Kubernetes the manifests are for, and the newest whose schemas the package has.
VERSIONS = ("1.30", kubernetes_validate.latest_version())
GUNICORN_BASE = ROOT / "common" / "wsis_common" / "gunicorn_base.py"
WEB = ("web", "proxy")  # the pods that serve requests: the apps' web processes and nginx


def objects() -> list[tuple[str, dict[str, Any]]]:
    """Every Kubernetes object of deploy/ (kustomize's own file is not one)."""
    return [(path, doc) for path, doc in deploy_documents() if doc["kind"] != "Kustomization"]


def by_kind(kind: str) -> list[dict[str, Any]]:
    return [doc for _, doc in objects() if doc["kind"] == kind]


def web_deployments() -> list[dict[str, Any]]:
    return [d for d in by_kind("Deployment")
            if d["spec"]["template"]["metadata"]["labels"].get("app.kubernetes.io/component") in WEB]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_manifest_passes_the_kubernetes_schemas(version: str) -> None:
    found = objects()
    assert len(found) >= 30
    for path, doc in found:
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{path}: {doc['kind']} {doc['metadata']['name']} against {version}: "
                        f"{'.'.join(map(str, error.path))}: {error.message}")


def test_the_schema_check_refuses_what_kubernetes_would() -> None:
    """The check itself: a misspelt field and a wrong type are refused (strict schemas)."""
    deployment = by_kind("Deployment")[0]
    misspelt = {**deployment, "spec": {**deployment["spec"], "replica": 2}}
    wrong_type = {**deployment, "spec": {**deployment["spec"], "minReadySeconds": "ten"}}
    for broken in (misspelt, wrong_type):
        with pytest.raises(kubernetes_validate.ValidationError):
            kubernetes_validate.validate(broken, VERSIONS[-1], strict=True)


def test_every_web_deployment_has_a_disruption_budget_that_selects_its_pods() -> None:
    budgets = by_kind("PodDisruptionBudget")
    assert web_deployments()
    for deployment in web_deployments():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        mine = [b for b in budgets if b["spec"]["selector"]["matchLabels"].items() <= labels.items()]
        assert len(mine) == 1, f"{deployment['metadata']['name']}: {len(mine)} PodDisruptionBudgets"
        # maxUnavailable (not minAvailable) never blocks a drain of a Deployment at 1 replica.
        assert mine[0]["spec"].get("maxUnavailable") == 1
    for budget in budgets:  # and no budget selects a worker (singletons: a budget would block drains)
        selector = budget["spec"]["selector"]["matchLabels"]
        assert selector.get("app.kubernetes.io/component") in WEB


def test_every_container_has_cpu_and_memory_requests_and_limits() -> None:
    for deployment in by_kind("Deployment"):
        for _, container in pod_containers(deployment):
            resources = container.get("resources") or {}
            for side in ("requests", "limits"):
                assert {"cpu", "memory"} <= (resources.get(side) or {}).keys(), (
                    f"{deployment['metadata']['name']}/{container['name']}: {side} {resources.get(side)}")


@pytest.mark.parametrize("name", ["voting", "portal"])
def test_voting_and_the_pages_autoscale_on_cpu(name: str) -> None:
    mine = [h for h in by_kind("HorizontalPodAutoscaler") if h["spec"]["scaleTargetRef"]["name"] == name]
    assert len(mine) == 1
    spec = mine[0]["spec"]
    assert spec["minReplicas"] >= 2 and spec["maxReplicas"] > spec["minReplicas"]
    assert [m["resource"]["name"] for m in spec["metrics"]] == ["cpu"]
    deployment = next(d for d in by_kind("Deployment") if d["metadata"]["name"] == name)
    assert "replicas" not in deployment["spec"], "the autoscaler, not the manifest, sets replicas"


def _graceful_timeout(container: dict[str, Any]) -> int:
    """gunicorn's graceful_timeout in this container: its env, else gunicorn_base's default."""
    for variable in container.get("env") or []:
        if variable["name"] == "GUNICORN_GRACEFUL_TIMEOUT":
            return int(variable["value"])
    default = re.search(r'"GUNICORN_GRACEFUL_TIMEOUT", "(\d+)"', GUNICORN_BASE.read_text())
    assert default, "gunicorn_base.py reads GUNICORN_GRACEFUL_TIMEOUT"
    return int(default.group(1))


def test_a_web_pod_drains_within_its_grace_period() -> None:
    """SIGTERM comes after the preStop sleep (the pod out of the endpoints by then); gunicorn then
    answers what it holds for at most graceful_timeout; Kubernetes SIGKILLs at the grace period."""
    for deployment in web_deployments():
        pod = deployment["spec"]["template"]["spec"]
        for container in pod["containers"]:
            name = f"{deployment['metadata']['name']}/{container['name']}"
            command = container.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command")
            assert command and command[0] == "sleep", f"{name}: no preStop sleep"
            sleep = int(command[1])
            assert sleep >= 5, f"{name}: endpoints need a few seconds to drop the pod"
            drain = _graceful_timeout(container) if container["name"] == "web" else 0
            assert sleep + drain + 5 <= pod["terminationGracePeriodSeconds"], (
                f"{name}: {sleep} s sleep + {drain} s graceful stop do not fit in "
                f"{pod['terminationGracePeriodSeconds']} s")


def test_the_vote_is_never_kept_waiting_by_the_edge_for_minutes() -> None:
    """nginx's read timeout for the vote (API and page form) is seconds, longer than the voting
    service's own bound on a vote's wait (so that its 503 comes first), and nginx closes idle
    upstream connections before gunicorn does."""
    conf = (DEPLOY / "nginx" / "gateway.conf").read_text()
    api = conf.split("location ~ ^/api/v1/editions/[0-9]+/votes$", 1)[1].split("}", 1)[0]
    form = conf.split("location ~ ^/editions/[0-9]+/vote$", 1)[1].split("}", 1)[0]
    write_timeout = float(re.search(r'VOTING_WRITE_TIMEOUT_SECONDS"\) or ([\d.]+)',
                                    (ROOT / "services/voting/voting/config.py").read_text()).group(1))
    for location in (api, form):
        seconds = int(re.search(r"proxy_read_timeout (\d+)s;", location).group(1))
        assert write_timeout < seconds <= 20
    idle = [int(s) for s in re.findall(r"keepalive_timeout (\d+)s;", conf)]
    assert idle and all(s < 5 for s in idle), "under gunicorn's keepalive (5 s)"
