"""README's layout is the code's: every app has each part of the one shape README's table
names, and nothing at its top level that neither that table nor the app's row of extras
names (a new kind of module gets its line in README, or goes into the shape)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
APPS = {"submission": "services/submission/submission", "voting": "services/voting/voting",
        "review": "services/review/review", "notify": "services/notify/notify",
        "portal": "gateway/portal"}
ALWAYS_THERE = {"__pycache__"}


def _table_after(heading_line: str) -> list[list[str]]:
    """The rows of the first Markdown table after the line that starts with `heading_line`."""
    lines = README.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading_line))
    rows = []
    for line in lines[start:]:
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
        elif rows:
            break
    return rows[2:]  # the header and its rule


def _names(cell: str) -> set[str]:
    """The top-level names a cell shows in backticks (`models.py`, `api/`, `templates/`)."""
    return {name.rstrip("/").split("/")[0] for name in re.findall(r"`([\w.]+/?)`", cell)}


SHAPE = {name for row in _table_after("| path | role |") for name in _names(row[0])}
EXTRAS = {row[0]: _names(row[1]) for row in _table_after("| app | extras |")}


def test_the_readme_tables_are_read() -> None:
    assert {"api", "schemas", "domain", "service", "models.py", "events.py", "jobs.py",
            "config.py", "definition.py"} <= SHAPE
    assert set(EXTRAS) == set(APPS)


@pytest.mark.parametrize("app", sorted(APPS))
def test_every_app_has_the_whole_shape(app: str) -> None:
    package = ROOT / APPS[app]
    # voting's persistence is a package, models/, as README's row says
    missing = {name for name in SHAPE
               if not (package / name).exists() and not (package / name.removesuffix(".py")).is_dir()}
    assert not missing, f"{APPS[app]} lacks {sorted(missing)}"


@pytest.mark.parametrize("app", sorted(APPS))
def test_every_app_holds_nothing_readme_does_not_name(app: str) -> None:
    package = ROOT / APPS[app]
    named = SHAPE | {name.removesuffix(".py") for name in SHAPE} | EXTRAS[app] | ALWAYS_THERE
    unnamed = sorted(entry.name for entry in package.iterdir() if entry.name not in named)
    assert not unnamed, f"{APPS[app]}: {unnamed} are in neither README's shape nor its extras"
