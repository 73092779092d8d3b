"""The 18 categories (shipped as data with the service), the 17 SDGs (wsis_common.sdgs) and the
edition files."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from wsis_common.phases import parse_geneva_wall_time
from wsis_common.sdgs import NAMES as SDG_NAMES


def _data(name: str) -> Any:
    return json.loads(resources.files("submission.data").joinpath(name).read_text())


@cache
def categories() -> tuple[dict[str, str], ...]:
    return tuple(_data("categories.json"))


@cache
def category_codes() -> frozenset[str]:
    return frozenset(c["code"] for c in categories())


def category_codes_in_order() -> tuple[str, ...]:
    """The 18 codes in the call's order (C1 ... C11): benches, the replay and tests take them
    from here, the one list (data/categories.json)."""
    return tuple(c["code"] for c in categories())


@cache
def sdgs() -> tuple[dict[str, Any], ...]:
    return tuple({"number": number, "name": name} for number, name in SDG_NAMES.items())


@cache
def sdg_numbers() -> frozenset[int]:
    return frozenset(s["number"] for s in sdgs())


def shipped_editions() -> list[dict[str, Any]]:
    """The 2018 and 2023 editions as CONTEST_RULES.md gives them, Geneva times made aware."""
    editions = []
    for year in (2018, 2023):
        data = _data(f"edition-{year}.json")
        phases = {key: parse_geneva_wall_time(local)
                  for key, local in data.pop("phases_geneva").items()}
        editions.append({**data, "phases": phases})
    return editions
