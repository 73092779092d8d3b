"""`make run` heals: a process of the stack that exits is started again by itself, after a
delay that grows while it keeps failing (compose's `restart: always`, Kubernetes'
restartPolicy), and the rest of the platform keeps running meanwhile."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

FIRST_DELAY = 1.0
MAX_DELAY = 30.0
# Up this long, a process counts as healthy again: its next crash waits FIRST_DELAY anew.
STABLE_AFTER = 60.0


@dataclass
class Backoff:
    """The waits before one process's restarts: 1 s, 2 s, 4 s ... at most 30 s."""

    first: float = FIRST_DELAY
    cap: float = MAX_DELAY
    stable_after: float = STABLE_AFTER
    _next: float = field(default=FIRST_DELAY, init=False)

    def __post_init__(self) -> None:
        self._next = self.first

    def delay_after(self, uptime: float) -> float:
        """The wait before restarting a process that exited after `uptime` seconds up."""
        if uptime >= self.stable_after:
            self._next = self.first
        delay = self._next
        self._next = min(self._next * 2, self.cap)
        return delay


class Restartable(Protocol):
    """What the supervisor needs of the stack (devstack.stack.Stack)."""

    def exited(self) -> dict[str, int]: ...

    def uptime(self, name: str) -> float: ...

    def restart(self, name: str) -> None: ...


def describe_exit(code: int) -> str:
    if code < 0:  # Popen's way of saying "killed by a signal"
        try:
            return f"code {code}, {signal.Signals(-code).name}"
        except ValueError:
            return f"code {code}"
    return f"code {code}"


@dataclass
class Supervisor:
    """Call `tick()` often (every half second): it notices exits and restarts when due."""

    stack: Restartable
    say: Callable[[str], None] = print
    clock: Callable[[], float] = time.monotonic
    backoffs: dict[str, Backoff] = field(default_factory=dict)
    due: dict[str, float] = field(default_factory=dict)  # name -> when to restart it

    def tick(self) -> None:
        now = self.clock()
        for name, code in self.stack.exited().items():
            if name in self.due:
                continue
            delay = self.backoffs.setdefault(name, Backoff()).delay_after(self.stack.uptime(name))
            self.due[name] = now + delay
            self.say(f"{name} exited ({describe_exit(code)}); restarting it in {delay:g} s")
        for name, when in list(self.due.items()):
            if now >= when:
                del self.due[name]
                self.stack.restart(name)


@contextmanager
def supervising(stack: Restartable, say: Callable[[str], None] = print,
                every: float = 0.5) -> Iterator[Supervisor]:
    """The supervisor ticking in a thread of its own for the length of the block, for a script
    whose own thread is busy walking the stack (`make replay`). It has stopped ticking when the
    block ends, so a stack stopped after it is not started again behind its back."""
    supervisor = Supervisor(stack, say)
    done = threading.Event()

    def tick() -> None:
        while not done.wait(every):
            try:
                supervisor.tick()
            except Exception as error:  # a failed restart is said and tried again, never silent
                say(f"supervisor: {type(error).__name__}: {error}")

    thread = threading.Thread(target=tick, name="supervisor", daemon=True)
    thread.start()
    try:
        yield supervisor
    finally:
        done.set()
        thread.join()
