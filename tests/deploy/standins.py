"""What deploy/standins/build.sh builds (`build <folder> <official tag>`) and which official
images it has no stand-in for (`lacking <official tag> "<why>"`), read from the script itself so
that the tests and `make compose-test` follow it."""

from __future__ import annotations

import re
from pathlib import Path

BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "standins" / "build.sh"


def full_tag(image: str) -> str:
    """`:latest` made explicit, as Docker reads a name without a tag."""
    return image if ":" in image.rsplit("/", 1)[-1] else f"{image}:latest"


def built() -> dict[str, str]:
    """Official tag -> the folder of its stand-in."""
    lines = re.findall(r"^build\s+(\S+)\s+(\S+)\s*$", BUILD_SCRIPT.read_text(), re.M)
    return {full_tag(tag): folder for folder, tag in lines}


def lacking() -> dict[str, str]:
    """Official tag -> why there is no stand-in for it."""
    lines = re.findall(r'^lacking\s+(\S+)\s+"([^"]+)"\s*$', BUILD_SCRIPT.read_text(), re.M)
    return {full_tag(tag): why for tag, why in lines}
