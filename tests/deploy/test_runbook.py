"""deploy/RUNBOOK.md stays true where that is cheap to check: every `make` target, every
`python -m <service> <command>` and its options, every Deployment, Service and HPA a `kubectl`
command names, every compose service, every dashboard panel it lists, and one section per
alert of deploy/prometheus/rules.yml (and no section for an alert that does not exist)."""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from wsis_common.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
RUNBOOK = ROOT / "deploy" / "RUNBOOK.md"
SERVICES = ("submission", "voting", "review", "notify", "portal")


@cache
def text() -> str:
    return RUNBOOK.read_text()


@cache
def code() -> list[str]:
    """Every line of code the runbook shows: fenced blocks and inline spans."""
    fenced = re.findall(r"^```[a-z]*\n(.*?)^```", text(), flags=re.S | re.M)
    prose = re.sub(r"^```[a-z]*\n.*?^```", "", text(), flags=re.S | re.M)
    lines = [line for block in fenced for line in block.splitlines()]
    return lines + re.findall(r"`([^`\n]+)`", prose)


def commands(pattern: str) -> list[re.Match[str]]:
    return [m for line in code() for m in re.finditer(pattern, line)]


def test_every_make_target_exists() -> None:
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(), flags=re.M))
    named = {m.group(1) for m in commands(r"(?:^|[\s;(])make\s+([a-z][\w-]*)")}
    assert named, "the runbook names no make target"
    assert named <= targets, f"not targets of the Makefile: {sorted(named - targets)}"


def _subcommands(package: str) -> dict[str, set[str]]:
    """Each command of `python -m <package>` and its options."""
    definition = importlib.import_module(f"{package}.definition").definition
    action = next(a for a in build_parser(definition)._actions if a.dest == "command")
    return {name: {o for a in sub._actions for o in a.option_strings}
            for name, sub in action.choices.items()}


@pytest.mark.parametrize("package", SERVICES)
def test_every_service_command_and_option_exists(package: str) -> None:
    known = _subcommands(package)
    found = commands(rf"python -m (?:{package}|<service>) ([a-z][\w-]*)((?:\s+\[?--[\w-]+(?:\s+N)?\]?)*)")
    assert found, f"the runbook names no command of {package}"
    for match in found:
        command, options = match.group(1), set(re.findall(r"--[\w-]+", match.group(2)))
        assert command in known, f"`python -m {package} {command}` does not exist"
        assert options <= known[command], f"`python -m {package} {command}`: no {options - known[command]}"


def test_every_other_module_run_with_python_m_exists() -> None:
    modules = {m.group(1) for m in commands(r"python -m ([\w.]+)")} - set(SERVICES)
    missing = {name for name in modules if importlib.util.find_spec(name) is None}
    assert not missing, f"no such module: {sorted(missing)}"


@cache
def manifests() -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {}
    for path in (ROOT / "deploy").glob("*.yaml"):
        for document in yaml.safe_load_all(path.read_text()):
            name = (document or {}).get("metadata", {}).get("name")
            if name:  # kustomization.yaml has none
                kinds.setdefault(document["kind"], set()).add(name)
    return kinds


def test_every_kubernetes_object_a_command_names_exists() -> None:
    kubectl = [line for line in code() if "kubectl" in line]
    named = {
        "Deployment": {n for line in kubectl for n in re.findall(r"\bdeploy/([a-z][\w-]*)\b(?![/.])", line)},
        "Service": {n for line in kubectl for n in re.findall(r"\bsvc/([a-z][\w-]*)", line)},
        "HorizontalPodAutoscaler": {n for line in kubectl for n in re.findall(r"\bhpa ([a-z][\w-]*)", line)},
    }
    # `kubectl -n wsis scale deploy/voting deploy/voting-worker`: the second has no prefix.
    named["Deployment"] |= {n for line in kubectl if " scale " in line
                            for n in re.findall(r"\s(?:deploy/)?([a-z][\w-]*-worker)\b", line)}
    assert named["Deployment"] and named["HorizontalPodAutoscaler"]
    for kind, names in named.items():
        assert names <= manifests().get(kind, set()), f"{kind}s not in deploy/: {names - manifests()[kind]}"


def test_every_compose_service_a_command_names_exists() -> None:
    services = set(yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"])
    named: set[str] = set()
    for match in commands(r"docker compose (?:exec|stop|start|logs|ps)((?:\s+[a-z][\w-]*)*)"):
        named |= set(match.group(1).split()[:2] if "exec" in match.group(0) else match.group(1).split())
    named -= {"python"}
    named |= {m.group(1) for m in commands(r"--scale ([a-z][\w-]*)=")}
    assert named, "the runbook names no compose service"
    assert named <= services, f"not services of docker-compose.yml: {sorted(named - services)}"


def test_every_dashboard_panel_listed_exists() -> None:
    board = json.loads((ROOT / "deploy/grafana/dashboards/wsis-operations.json").read_text())
    titles = {panel["title"] for panel in board["panels"]}
    section = text().split("## 2.", 1)[1].split("## 3.", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    listed = {row.split("|")[1].strip() for row in rows[1:]}  # below the header
    assert len(listed) >= 10
    assert listed <= titles, f"not panels of the dashboard: {sorted(listed - titles)}"
    assert f'"{board["title"]}"' in text()


def test_every_alert_has_its_section_and_every_section_its_alert() -> None:
    rules = yaml.safe_load((ROOT / "deploy/prometheus/rules.yml").read_text())
    alerts = {rule["alert"] for group in rules["groups"] for rule in group["rules"] if "alert" in rule}
    sections = set(re.findall(r"^### (Wsis\w+)\s*$", text(), flags=re.M))
    assert alerts - sections == set(), f"alerts without a section: {sorted(alerts - sections)}"
    assert sections - alerts == set(), f"sections of no alert: {sorted(sections - alerts)}"
    for anchor in re.findall(r"\]\(#(wsis\w+)\)", text()):
        assert anchor in {name.lower() for name in alerts}, f"a link to no section: #{anchor}"
