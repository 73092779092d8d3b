"""The deployment files agree with the repository: docker-compose.yml (validated by Compose
itself), the service Dockerfile, and the Kubernetes manifests in deploy/.

Only the standard library, PyYAML and, for the schema check, the docker-compose binary.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy import standins

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DEPLOY = ROOT / "deploy"
NGINX_TEMPLATE = ROOT / "gateway" / "nginx" / "gateway.conf.template"
ENTRYPOINT = DEPLOY / "docker" / "entrypoint.sh"
ROLES = {"web", "worker", "migrate"}  # what deploy/docker/entrypoint.sh dispatches on
# Images of others that deploy/ runs as they are: the edge and the monitoring.
THIRD_PARTY_IMAGES = {"nginx", "prometheus", "grafana"}
# Configuration that Prometheus and Grafana read, and the stand-in images' files (the Prometheus
# stand-in's default prometheus.yml): not Kubernetes objects.
NOT_MANIFESTS = (DEPLOY / "prometheus", DEPLOY / "grafana", DEPLOY / "standins")
PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")


# --- what the repository holds ---------------------------------------------------------------

def service_dirs() -> list[str]:
    """Every deployable pip package: services/*/ and gateway/, relative to the root."""
    dirs = [p.parent for p in sorted((ROOT / "services").glob("*/pyproject.toml"))]
    dirs.append(ROOT / "gateway")
    return [d.relative_to(ROOT).as_posix() for d in dirs if (d / "pyproject.toml").is_file()]


def packages_in(service_dir: str) -> set[str]:
    """The top-level Python packages of a service folder that `python -m` can run."""
    base = ROOT / service_dir
    return {p.parent.name for p in base.glob("*/__main__.py") if (p.parent / "__init__.py").is_file()}


def distributions() -> dict[str, str]:
    """pip distribution name (wsis-voting) -> its folder (services/voting)."""
    result = {}
    for service_dir in service_dirs():
        project = tomllib.loads((ROOT / service_dir / "pyproject.toml").read_text())["project"]
        result[project["name"]] = service_dir
    return result


def load_compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def app_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: svc for name, svc in compose["services"].items() if "build" in svc}


def build_args(svc: dict[str, Any]) -> dict[str, str]:
    args = svc["build"].get("args") or {}
    if isinstance(args, list):  # the KEY=VALUE list form
        args = dict(item.split("=", 1) for item in args)
    return args


def command_of(svc: dict[str, Any]) -> list[str]:
    command = svc.get("command") or []
    return shlex.split(command) if isinstance(command, str) else list(command)


def image_repository(image: str) -> str:
    """registry.example.org/wsis/wsis-voting:0.1.0 -> wsis-voting"""
    name = image.rsplit("/", 1)[-1]
    return name.split("@", 1)[0].split(":", 1)[0]


def depends_on(svc: dict[str, Any]) -> dict[str, str]:
    deps = svc.get("depends_on") or {}
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def template_placeholders() -> set[str]:
    names: set[str] = set()
    for line in NGINX_TEMPLATE.read_text().splitlines():
        if not line.lstrip().startswith("#"):
            names.update(PLACEHOLDER.findall(line))
    return names


# --- docker-compose.yml ------------------------------------------------------------------------

def test_compose_file_passes_the_compose_schema() -> None:
    exe = shutil.which("docker-compose")
    if exe is None:
        pytest.skip("docker-compose is not installed: apt-get install docker-compose "
                    "(it validates the file without a Docker engine)")
    result = subprocess.run(
        [exe, "-f", str(COMPOSE_FILE), "config", "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, f"docker-compose config rejected the file:\n{result.stderr}"


def test_every_app_service_builds_an_existing_package_of_the_repo() -> None:
    apps = app_services(load_compose())
    assert apps, "no service in docker-compose.yml has a build section"
    dists = distributions()
    for name, svc in apps.items():
        context = (COMPOSE_FILE.parent / svc["build"].get("context", ".")).resolve()
        assert context.is_dir(), f"{name}: build context {context} does not exist"
        dockerfile = context / svc["build"].get("dockerfile", "Dockerfile")
        assert dockerfile.is_file(), f"{name}: {dockerfile} does not exist"
        args = build_args(svc)
        service_dir, package = args.get("SERVICE_DIR"), args.get("PACKAGE")
        assert service_dir and package, f"{name}: build args SERVICE_DIR and PACKAGE are required"
        assert (context / service_dir / "pyproject.toml").is_file(), (
            f"{name}: SERVICE_DIR={service_dir} is not a pip package folder of the repo")
        assert package in packages_in(service_dir), (
            f"{name}: PACKAGE={package} is not a runnable package in {service_dir} "
            f"(found {sorted(packages_in(service_dir))})")
        # The image is named after the distribution, as in deploy/kustomization.yaml.
        repository = image_repository(svc["image"])
        assert dists.get(repository) == service_dir, (
            f"{name}: image {svc['image']} is not named after {service_dir}'s distribution")


def test_every_service_directory_has_a_web_and_a_worker_service() -> None:
    compose = load_compose()
    apps = app_services(compose)
    dirs = service_dirs()
    assert {"services/voting", "gateway"} <= set(dirs)
    db_hosts = []
    for service_dir in dirs:
        mine = {n: s for n, s in apps.items() if build_args(s).get("SERVICE_DIR") == service_dir}
        webs = [n for n, s in mine.items() if command_of(s)[:1] == ["web"]]
        assert len(webs) == 1, f"{service_dir}: expected one web service, found {webs}"
        web = webs[0]
        worker = f"{web}-worker"
        assert worker in mine, f"{service_dir}: no `{worker}` service building it"
        assert command_of(mine[worker]) == ["worker"], f"{worker}: command must be [worker]"
        assert mine[worker]["image"] == mine[web]["image"], f"{worker}: not the image of {web}"
        web_env, worker_env = mine[web]["environment"], mine[worker]["environment"]
        assert worker_env.get("DATABASE_URL") == web_env.get("DATABASE_URL"), (
            f"{worker} and {web} must share their database")
        # Each app owns its database and waits for it, the broker and the key pair.
        db_host = re.search(r"@([^:/]+)", web_env["DATABASE_URL"]).group(1)
        assert compose["services"][db_host]["image"].startswith("postgres:15"), db_host
        db_hosts.append(db_host)
        deps = depends_on(mine[web])
        assert deps.get(db_host) == "service_healthy", f"{web}: must wait for {db_host}"
        assert deps.get("rabbitmq") == "service_healthy", f"{web}: must wait for rabbitmq"
        assert deps.get("keys") == "service_completed_successfully", f"{web}: must wait for keys"
        # The worker starts once the web container has migrated the database.
        assert depends_on(mine[worker]).get(web) == "service_healthy", (
            f"{worker} must wait for {web} to be healthy")
    assert len(set(db_hosts)) == len(dirs), f"each service needs its OWN database: {db_hosts}"


def test_voting_can_be_scaled() -> None:
    services = load_compose()["services"]
    voting = services["voting"]
    assert "container_name" not in voting
    assert not voting.get("ports"), "voting publishes host ports: --scale voting=N would clash"
    fixed = [name for name, svc in services.items() if "container_name" in svc]
    assert not fixed, f"fixed container names prevent scaling and parallel stacks: {fixed}"
    gateway_env = services["gateway"]["environment"]
    assert "server voting:8000 resolve;" in gateway_env["VOTING_SERVERS"]
    assert gateway_env["RESOLVER"].startswith("resolver 127.0.0.11")


def test_only_the_gateway_app_mounts_the_private_key_and_every_app_the_public_one() -> None:
    compose = load_compose()
    keys_job = compose["services"]["keys"]
    writes = {v.split(":")[0]: v.split(":")[1] for v in keys_job["volumes"]}
    assert command_of(keys_job)[-2:] == [writes["keys-private"], writes["keys-public"]], (
        "the key job writes the private key and the secret to keys-private, the public key apart")
    for name, svc in app_services(compose).items():
        if name == "keys":
            continue
        sources = {v.split(":")[0] for v in svc.get("volumes", [])}
        assert "keys-public" in sources, f"{name}: needs the public key to check tokens"
        signs = build_args(svc)["PACKAGE"] == "portal"
        assert ("keys-private" in sources) == signs, (
            f"{name}: only the gateway's app may see the private key and the session secret")
        if signs:
            assert svc["environment"]["TOKEN_PRIVATE_KEY_FILE"].startswith(writes["keys-private"] + "/")


def test_gateway_fills_every_placeholder_of_the_nginx_template() -> None:
    gateway = load_compose()["services"]["gateway"]
    template_mount = [v for v in gateway["volumes"] if "/etc/nginx/templates/" in str(v)]
    assert template_mount, "the gateway does not mount the template into /etc/nginx/templates/"
    source = template_mount[0].split(":", 1)[0]
    assert (COMPOSE_FILE.parent / source).resolve() == NGINX_TEMPLATE
    placeholders = template_placeholders()
    assert "VOTING_SERVERS" in placeholders
    missing = placeholders - set(gateway["environment"])
    assert not missing, f"the gateway's environment leaves {sorted(missing)} unfilled"


def test_bind_mounted_files_exist() -> None:
    for name, svc in load_compose()["services"].items():
        for volume in svc.get("volumes") or []:
            source = volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source", "")
            if source.startswith((".", "/")):
                assert (COMPOSE_FILE.parent / source).exists(), f"{name}: {source} does not exist"


# --- the Dockerfile and its entrypoint -------------------------------------------------------------

def test_referenced_dockerfiles_exist_and_copy_existing_paths() -> None:
    builds = {(svc["build"].get("context", "."), svc["build"].get("dockerfile", "Dockerfile"),
               tuple(sorted(build_args(svc).items())))
              for svc in app_services(load_compose()).values()}
    assert builds
    for context, dockerfile, args in builds:
        context_dir = (COMPOSE_FILE.parent / context).resolve()
        path = context_dir / dockerfile
        assert path.is_file(), f"{path} is referenced by docker-compose.yml but does not exist"
        text = path.read_text()
        assert re.search(r"^FROM python:3\.11-slim\b|^ARG PYTHON_VERSION=3\.11\b", text, re.M)
        assert re.search(r"^USER (?!root\b|0\b)\S+", text, re.M), f"{path}: no non-root USER"
        assert re.search(r"^HEALTHCHECK ", text, re.M), f"{path}: no HEALTHCHECK"
        values = dict(args)
        copies = re.findall(r"^COPY\s+(?!--from)(.+)$", text, re.M)
        assert copies, f"{path}: copies nothing"
        for line in copies:
            *sources, _target = line.split()
            for source in sources:
                if source.startswith("--"):
                    continue
                resolved = PLACEHOLDER.sub(lambda m, v=values: v[m.group(1)], source)
                assert (context_dir / resolved).exists(), (
                    f"{path}: COPY {source} -> {resolved} is not in the build context")


def base_images() -> set[str]:
    """Every image the Compose file runs without building it, and every FROM of the
    Dockerfiles it builds (ARG defaults filled in), tagged as written."""
    compose = load_compose()
    images = {svc["image"] for svc in compose["services"].values() if "build" not in svc}
    for svc in app_services(compose).values():
        text = (COMPOSE_FILE.parent / svc["build"].get("context", ".")
                / svc["build"].get("dockerfile", "Dockerfile")).read_text()
        defaults = dict(re.findall(r"^ARG (\w+)=(\S+)$", text, re.M))
        for image in re.findall(r"^FROM\s+(\S+)", text, re.M):
            images.add(PLACEHOLDER.sub(lambda m, d=defaults: d[m.group(1)], image))
    return {standins.full_tag(image) for image in images}


def stand_in_cases() -> list[Any]:
    """Each base image; one that build.sh names as lacking a stand-in is an expected failure
    with its reason (strict: a stand-in built for it later must drop the `lacking` line)."""
    gaps = standins.lacking()
    return [pytest.param(image, marks=pytest.mark.xfail(strict=True, reason=f"{image}: {gaps[image]}"))
            if image in gaps else image for image in sorted(base_images())]


@pytest.mark.parametrize("image", stand_in_cases())
def test_every_base_image_has_a_stand_in_for_an_engine_without_a_registry(image: str) -> None:
    folder = standins.built().get(image)
    assert folder, f"deploy/standins/build.sh builds no stand-in for {image}"
    assert (DEPLOY / "standins" / folder / "Dockerfile").is_file(), folder


def test_the_stand_ins_are_of_the_base_images_and_only_grafana_lacks_one() -> None:
    built, gaps = standins.built(), standins.lacking()
    assert set(built) | set(gaps) == base_images()
    assert not set(built) & set(gaps)
    assert set(gaps) == {"grafana/grafana:11.1.4"}, "build.sh names the images it cannot stand in for"


def test_entrypoint_is_valid_shell_and_knows_the_roles_used() -> None:
    result = subprocess.run(["sh", "-n", str(ENTRYPOINT)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    text = ENTRYPOINT.read_text()
    for role in ROLES:
        assert re.search(rf"^\s*{role}\)", text, re.M), f"entrypoint has no `{role})` branch"
    used = {command_of(svc)[0] for svc in app_services(load_compose()).values()
            if command_of(svc) and command_of(svc)[0] != "python"}
    assert used <= ROLES, f"compose uses roles the entrypoint does not know: {used - ROLES}"


# --- deploy/: Kubernetes ---------------------------------------------------------------------------

def deploy_documents() -> list[tuple[Path, dict[str, Any]]]:
    docs = []
    for path in sorted([*DEPLOY.rglob("*.yaml"), *DEPLOY.rglob("*.yml")]):
        if any(path.is_relative_to(folder) for folder in NOT_MANIFESTS):
            continue
        for doc in yaml.safe_load_all(path.read_text()):
            if doc is not None:
                docs.append((path, doc))
    return docs


def pod_containers(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    spec = doc["spec"]["template"]["spec"]
    return ([("init", c) for c in spec.get("initContainers") or []]
            + [("main", c) for c in spec["containers"]])


def test_every_deploy_yaml_parses_into_kubernetes_objects() -> None:
    docs = deploy_documents()
    assert docs, "deploy/ holds no YAML"
    for path, doc in docs:
        assert isinstance(doc, dict), f"{path}: a document is not a mapping"
        assert doc.get("apiVersion") and doc.get("kind"), f"{path}: apiVersion and kind required"
        if doc["kind"] != "Kustomization":
            assert doc.get("metadata", {}).get("name"), f"{path}: {doc['kind']} without a name"


def test_deployments_run_packages_that_exist() -> None:
    dists = distributions()
    deployments = [(p, d) for p, d in deploy_documents() if d["kind"] == "Deployment"]
    assert deployments
    seen: dict[str, set[str]] = {}
    for path, doc in deployments:
        name = doc["metadata"]["name"]
        for kind, container in pod_containers(doc):
            repository = image_repository(container["image"])
            if repository in THIRD_PARTY_IMAGES:
                continue
            assert repository in dists, (
                f"{path}: {name} runs image {container['image']}, which is no package of the "
                f"repo ({sorted(dists)})")
            package_names = packages_in(dists[repository])
            argv = [*container.get("command", []), *container.get("args", [])]
            assert argv, f"{path}: {name}/{container['name']} says neither command nor args"
            if "-m" in argv:
                module = argv[argv.index("-m") + 1].split(".")[0]
                assert module in package_names | {"wsis_common"}, (
                    f"{path}: {name} runs python -m {module}, not a package of {dists[repository]}")
            else:
                assert argv[0] in ROLES, f"{path}: {name} runs {argv}: not a role of the entrypoint"
            if kind == "main" and argv[0] in {"web", "worker"}:
                seen.setdefault(dists[repository], set()).add(argv[0])
                # A web pod serves with its database alone: a broker outage must not take it out.
                ready = "/readyz?checks=database" if argv[0] == "web" else "/readyz"
                assert container["readinessProbe"]["httpGet"]["path"] == ready, name
                assert container["livenessProbe"]["httpGet"]["path"] == "/healthz", name
    for service_dir in service_dirs():
        assert seen.get(service_dir) == {"web", "worker"}, (
            f"deploy/ lacks a web or worker Deployment of {service_dir}")


def test_services_select_the_pods_of_a_deployment() -> None:
    docs = deploy_documents()
    pod_labels = [d["spec"]["template"]["metadata"]["labels"] for _, d in docs
                  if d["kind"] == "Deployment"]
    services = [(p, d) for p, d in docs if d["kind"] == "Service"]
    assert services
    for path, svc in services:
        selector = svc["spec"]["selector"]
        assert any(selector.items() <= labels.items() for labels in pod_labels), (
            f"{path}: Service {svc['metadata']['name']} selects no Deployment's pods")


def test_voting_autoscales_on_cpu() -> None:
    hpas = [d for _, d in deploy_documents() if d["kind"] == "HorizontalPodAutoscaler"]
    voting = [h for h in hpas if h["spec"]["scaleTargetRef"]["name"] == "voting"]
    assert len(voting) == 1, "expected one HorizontalPodAutoscaler for voting"
    spec = voting[0]["spec"]
    assert spec["scaleTargetRef"]["kind"] == "Deployment"
    assert (spec["minReplicas"], spec["maxReplicas"]) == (2, 20)
    assert [m["resource"]["name"] for m in spec["metrics"]] == ["cpu"]
    deployment = next(d for _, d in deploy_documents()
                      if d["kind"] == "Deployment" and d["metadata"]["name"] == "voting")
    assert "replicas" not in deployment["spec"], "the autoscaler, not the manifest, sets replicas"
    for _, container in pod_containers(deployment):
        assert container.get("resources", {}).get("requests", {}).get("cpu"), (
            "CPU autoscaling needs a CPU request")


def test_kustomization_lists_existing_files_and_every_image() -> None:
    kustomization = yaml.safe_load((DEPLOY / "kustomization.yaml").read_text())
    for resource in kustomization["resources"]:
        assert (DEPLOY / resource).is_file(), f"kustomization.yaml lists missing {resource}"
    listed = {p.name for p in DEPLOY.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed <= set(kustomization["resources"]), (
        f"manifests not in kustomization.yaml: {sorted(listed - set(kustomization['resources']))}")
    for generator in kustomization.get("configMapGenerator", []):
        for entry in generator.get("files", []):
            assert (DEPLOY / entry.split("=", 1)[-1]).is_file(), entry
    named = {image["name"] for image in kustomization.get("images", [])}
    used = {image_repository(c["image"]) for _, d in deploy_documents() if d["kind"] == "Deployment"
            for _, c in pod_containers(d)} - THIRD_PARTY_IMAGES
    assert used <= named, f"images without a registry/tag in kustomization.yaml: {used - named}"
    assert named <= set(distributions()), f"unknown images: {named - set(distributions())}"


def test_secrets_used_by_the_manifests_are_documented() -> None:
    names: set[str] = set()
    for _, doc in deploy_documents():
        if doc["kind"] != "Deployment":
            continue
        spec = doc["spec"]["template"]["spec"]
        names |= {v["secret"]["secretName"] for v in spec.get("volumes") or [] if "secret" in v}
        for _, container in pod_containers(doc):
            names |= {e["valueFrom"]["secretKeyRef"]["name"] for e in container.get("env") or []
                      if "secretKeyRef" in e.get("valueFrom", {})}
    assert names, "no Deployment reads a Secret"
    assert not [d for _, d in deploy_documents() if d["kind"] == "Secret"], (
        "Secrets are created by hand (deploy/README.md), never committed")
    readme = (DEPLOY / "README.md").read_text()
    undocumented = sorted(n for n in names if n not in readme)
    assert not undocumented, f"deploy/README.md does not say how to create {undocumented}"


def test_kubernetes_nginx_config_is_rendered_from_the_current_template() -> None:
    spec = importlib.util.spec_from_file_location("render_nginx_config",
                                                  DEPLOY / "render_nginx_config.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.render(NGINX_TEMPLATE.read_text(), module.values())
    assert module.OUTPUT.read_text() == expected, (
        "deploy/nginx/gateway.conf is stale: run python deploy/render_nginx_config.py")
    assert "server voting.wsis.svc.cluster.local:8000 resolve;" in expected
    assert not PLACEHOLDER.search("\n".join(
        line for line in expected.splitlines() if not line.lstrip().startswith("#")))
