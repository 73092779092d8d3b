"""The time of every process of a stack, moved forward together (the test-only seam of
`wsis_common.clock`): each process whose environment has WSIS_CLOCK_OFFSET_FILE adds the
offset that file holds to the real time. `make replay` ends a voting week so: a week is 7
real days, and the dates of a phase that has begun cannot move."""

from __future__ import annotations

import os
from pathlib import Path

from wsis_common.clock import OFFSET_FILE_VARIABLE, OFFSET_REREAD_SECONDS, read_offset

# How long after a move every process has seen it: each reads the file again at most every
# OFFSET_REREAD_SECONDS, so twice that and a margin.
SEEN_AFTER_SECONDS = 2 * OFFSET_REREAD_SECONDS + 0.2


def environment(path: Path) -> dict[str, str]:
    """What a process's environment needs to follow the shared clock at `path`."""
    return {OFFSET_FILE_VARIABLE: str(path)}


def advance(path: Path, seconds: float) -> float:
    """Move the shared clock `seconds` forward; the new offset. Written whole (a temporary file,
    then os.replace), so that no process ever reads half of it."""
    current = read_offset(path)
    if current is None:
        raise ValueError(f"{path} holds no offset")
    offset = current + seconds
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(repr(offset))
    os.replace(temporary, path)
    return offset
