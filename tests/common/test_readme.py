"""README.md and the docs beside the code stay true where that is cheap to check: every relative
link and every path they show in backticks exists, every `make X` is a target of the Makefile,
every environment variable they name is read somewhere in the code or the deployment files, and
every `python -m`, gunicorn config and dotted Python name they show can be found. A doc that
names a module after it moved fails here, not in a reader's hands.

Paths are looked up as written from the repository's root, from the doc's folder, and else as
the end of a path inside the part of the repository the doc describes (so `voting/tokens.py`
in services/voting/README.md, or `models.py` in README.md's table of the service shape)."""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ("README.md", "common/README.md", "gateway/README.md", "gateway/bench/README.md",
        "replay/README.md", "tests/README.md", "deploy/README.md",
        *(f"services/{name}/README.md" for name in ("submission", "voting", "review", "notify")),
        *(f"services/{name}/bench/README.md" for name in ("submission", "voting", "notify")))
# Written by the runs, never committed (.gitignore), and the virtualenv.
GENERATED = {".git", ".venv", "var", "test-artifacts", "__pycache__", ".pytest_cache", ".ruff_cache"}
SOURCE_SUFFIXES = {".py", ".sh", ".yml", ".yaml", ".template", ".lua", ".toml", ".cfg", ".conf", ".json"}
FILE_SUFFIXES = "py|md|yml|yaml|json|html|js|css|lua|sh|cfg|po|toml"  # a bare name with one is a file
PACKAGES = ("wsis_common", "submission", "voting", "review", "notify", "portal", "devstack", "replay")
SERVICES = ("submission", "voting", "review", "notify", "portal")


@cache
def files_under(top: Path) -> tuple[str, ...]:
    """Every file and folder below `top` (relative, with a trailing / for a folder)."""
    found: list[str] = []
    for folder, subfolders, names in os.walk(top):
        subfolders[:] = [s for s in subfolders if s not in GENERATED and not s.endswith(".egg-info")]
        here = Path(folder).relative_to(top).as_posix()
        prefix = "" if here == "." else f"{here}/"
        found += [f"{prefix}{s}/" for s in subfolders] + [prefix + n for n in names]
    return tuple(found)


@cache
def text(doc: str) -> str:
    return (ROOT / doc).read_text()


def code_spans(doc: str) -> list[str]:
    """Inline code (which may wrap over a line end) and every line of the fenced blocks."""
    fenced = re.findall(r"^```[a-z]*\n(.*?)^```", text(doc), flags=re.S | re.M)
    prose = re.sub(r"^```[a-z]*\n.*?^```", "", text(doc), flags=re.S | re.M)
    spans = [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", prose)]
    return spans + [line for block in fenced for line in block.splitlines()]


def part_of(doc: str) -> Path:
    """The part of the repository a doc describes: its service or folder, the root for README."""
    parts = Path(doc).parts
    if parts[0] == "services" and len(parts) > 2:
        return ROOT / parts[0] / parts[1]
    return ROOT / parts[0] if len(parts) > 1 else ROOT


def exists(doc: str, path: str) -> bool:
    if (ROOT / path).exists() or (ROOT / doc).parent.joinpath(path).exists():
        return True
    return any(f"/{found}".endswith(f"/{path}") for found in files_under(part_of(doc)))


def looks_like_a_path(span: str) -> bool:
    if re.search(r"[\s<>{}*$=:?+'\"()]|\.\.\.", span) or span.startswith(("/", "http", "-", "../")):
        return False
    if span.split("/", 1)[0] in GENERATED:
        return False  # what a run writes (var/run/logs/, test-artifacts/...)
    return "/" in span or bool(re.fullmatch(rf"[\w.-]+\.(?:{FILE_SUFFIXES})", span))


@pytest.mark.parametrize("doc", DOCS)
def test_every_path_a_doc_shows_exists(doc: str) -> None:
    paths = {span for span in code_spans(doc) if looks_like_a_path(span)}
    missing = sorted(path for path in paths if not exists(doc, path))
    assert not missing, f"{doc} names paths that do not exist: {missing}"


@pytest.mark.parametrize("doc", DOCS)
def test_every_relative_link_resolves(doc: str) -> None:
    links = re.findall(r"\]\(([^)\s#]+)(?:#[\w-]*)?\)", text(doc))
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    missing = sorted(link for link in local if not (ROOT / doc).parent.joinpath(link).exists())
    assert not missing, f"{doc} links to what does not exist: {missing}"


@cache
def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(), flags=re.M))


@pytest.mark.parametrize("doc", DOCS)
def test_every_make_target_exists(doc: str) -> None:
    named = {m for span in code_spans(doc) for m in re.findall(r"(?:^|[\s;(])make\s+([a-z][\w-]*)", span)}
    assert named <= make_targets(), f"{doc}: not targets of the Makefile: {sorted(named - make_targets())}"


@cache
def sources() -> str:
    """Everything the code and the deployment read: where an environment variable must appear."""
    names = [n for n in files_under(ROOT) if not n.endswith("/") and (
        Path(n).suffix in SOURCE_SUFFIXES or Path(n).name in ("Makefile", "run") or "Dockerfile" in n)]
    return "\n".join((ROOT / n).read_text(errors="replace") for n in names)


@pytest.mark.parametrize("doc", DOCS)
def test_every_environment_variable_named_is_read(doc: str) -> None:
    named = {m.group(1) for span in code_spans(doc)
             for m in [re.fullmatch(r"\$?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?:=\S*)?", span)] if m}
    # `DATABASE_URL_<SERVICE>` documents DATABASE_URL_VOTING and the like, made by the code.
    families = re.findall(r"\b([A-Z][A-Z0-9_]*_)<[A-Z]+>", text(doc))
    unknown = {name for name in named - set(re.findall(r"[A-Z][A-Z0-9_]+", sources()))
               if not name.startswith(tuple(families))}
    assert not unknown, f"{doc} names variables nothing reads: {sorted(unknown)}"


@cache
def not_python() -> set[str]:
    """Dotted names that are the broker's (event types, each service's queues) or DNS names."""
    contracts = (ROOT / "common/wsis_common/contracts.py").read_text()
    types = set(re.findall(r'^[A-Z_]+ = "([a-z_]+\.[a-z_]+)"', contracts, flags=re.M))
    return types | {f"{name}.{queue}" for name in SERVICES for queue in ("events", "dead")}


def python_names(doc: str) -> set[str]:
    """Modules run with `python -m`, gunicorn configs and app factories, and dotted names."""
    spans = code_spans(doc)
    names = {m for span in spans for m in re.findall(r"python -m ([\w.]+)", span)}
    names |= {m for span in spans for m in re.findall(r"python:([\w.]+)", span)}
    names |= {f"{m}.create_app" for span in spans for m in re.findall(r"'(\w+):create_app\(\)'", span)}
    dotted = rf"(?:{'|'.join(PACKAGES)})(?:\.\w+)+"
    shown = {span for span in spans if re.fullmatch(dotted, span) and not looks_like_a_path(span)
             and not span.endswith(".local")}
    return names | shown - not_python()


def resolves(name: str) -> bool:
    """A module, or an attribute of the longest module prefix of the dotted name."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        module = ".".join(parts[:cut])
        try:
            found = importlib.util.find_spec(module)
        except ModuleNotFoundError:  # a name inside a module, not a submodule
            found = None
        if found is not None and cut == len(parts):
            return True  # a module: found is enough (importing a gunicorn config has effects)
        if found is not None:
            target: object = importlib.import_module(module)
            for attribute in parts[cut:]:
                if not hasattr(target, attribute):
                    return False
                target = getattr(target, attribute)
            return True
    return False


@pytest.mark.parametrize("doc", DOCS)
def test_every_python_name_shown_resolves(doc: str) -> None:
    unknown = sorted(name for name in python_names(doc) if not resolves(name))
    assert not unknown, f"{doc} names what Python cannot find: {unknown}"


@pytest.mark.parametrize("doc", DOCS)
def test_every_service_command_shown_exists(doc: str) -> None:
    from wsis_common.cli import build_parser

    shown = {(m.group(1), m.group(2)) for span in code_spans(doc)
             for m in re.finditer(rf"python -m ({'|'.join(SERVICES)}) ([a-z][\w-]*)", span)}
    for package, command in shown:
        definition = importlib.import_module(f"{package}.definition").definition
        action = next(a for a in build_parser(definition)._actions if a.dest == "command")
        assert command in action.choices, f"{doc}: `python -m {package} {command}` does not exist"
