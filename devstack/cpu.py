"""Where a benchmark run's CPU went: seconds per named group of processes over the run, and the
whole machine's busy seconds, so that what the machine's other users took shows too (psutil)."""

from __future__ import annotations

import resource
from collections.abc import Iterable
from dataclasses import dataclass, field

import psutil


def _tree_seconds(pids: Iterable[int]) -> float:
    """User + system CPU seconds of these processes and their children (a process that exited
    meanwhile counts nothing: the groups measured here live through the run)."""
    total = 0.0
    for pid in pids:
        try:
            root = psutil.Process(pid)
            for process in (root, *root.children(recursive=True)):
                with_times = process.cpu_times()
                total += with_times.user + with_times.system
        except psutil.Error:
            continue
    return total


def _children_seconds() -> float:
    """CPU of this process's waited-for children: the load generator, once it has exited."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _busy_seconds() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


@dataclass
class CpuMeter:
    """`groups`: name -> root pids. start(), the run, stop(): seconds per group, `children` for
    this process's children that exited in between (the load generator), "others" for the rest
    of the machine."""

    groups: dict[str, list[int]]
    children: str = "children"
    _start: dict[str, float] = field(default_factory=dict)

    def _sample(self) -> dict[str, float]:
        sample = {name: _tree_seconds(pids) for name, pids in self.groups.items()}
        sample[self.children] = _children_seconds()
        sample["busy"] = _busy_seconds()
        return sample

    def start(self) -> None:
        self._start = self._sample()

    def stop(self) -> dict[str, float]:
        end = self._sample()
        spent = {name: end[name] - self._start[name] for name in end}
        busy = spent.pop("busy")
        spent["others"] = max(0.0, busy - sum(spent.values()))
        return spent


def cores() -> int:
    return psutil.cpu_count() or 1
