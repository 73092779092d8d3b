"""`make replay`: a 2023-shaped edition replayed through the gateway's public API against the
platform as `make run` starts it, then every count reconciled (README "The replay").

    REPLAY_SCALE=0.1 python -m replay      (1: the 2023 size; 0.1: a tenth of it)

One stack on loopback (devstack: nginx, every service and worker, the mail capture) on
PostgreSQL databases and a RabbitMQ vhost of the run's own, dropped at the end. Bounded in time
(REPLAY_MAX_SECONDS): it stops by itself. The last line is the figures line.

Environment: REPLAY_SCALE (0.1), REPLAY_SEED (2023), REPLAY_YEAR (2023), REPLAY_MAX_SECONDS
(3600), REPLAY_DATABASE_URL (a PostgreSQL admin URL), REPLAY_BROKER_URL; REPLAY_FAULTS=1 injects
faults (replay/faults.py) chosen by REPLAY_FAULT_SEED (REPLAY_SEED by default).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from devstack.bench import ADMIN_URL, BROKER_URL
from devstack.isolated import Isolated
from devstack.stack import Stack
from devstack.supervise import supervising
from replay.faults import Faults, Restarts
from replay.plan import Plan
from replay.reconcile import Figures, reconcile
from replay.walk import Overtime, Walk, stack_env
from wsis_common.clock import clock

KEPT = "the stack's logs are kept in "


def say(line: str) -> None:
    print(line, flush=True)


def main() -> int:
    env = os.environ
    scale = float(env.get("REPLAY_SCALE", "0.1"))
    year = int(env.get("REPLAY_YEAR", "2023"))
    budget = float(env.get("REPLAY_MAX_SECONDS", "3600"))
    started = time.monotonic()
    seed = int(env.get("REPLAY_SEED", "2023"))
    plan = Plan.at(scale, seed)
    faults = None
    if env.get("REPLAY_FAULTS") == "1":
        faults = Faults(int(env.get("REPLAY_FAULT_SEED", str(seed))), plan, started, say)
        say(f"faults of seed {faults.seed} (REPLAY_FAULT_SEED={faults.seed} injects the same): "
            + "; ".join(f.describe() for f in faults.schedule))
    say(f"replay of a 2023-shaped edition at scale {scale}: {plan.projects} projects, "
        f"{plan.experts} experts, {len(plan.voters)} voters planning {plan.votes} votes; "
        f"at most {budget:.0f} s")
    isolated = Isolated(env.get("REPLAY_DATABASE_URL", ADMIN_URL), env.get("REPLAY_BROKER_URL", BROKER_URL),
                        "replay")
    work = Path(tempfile.mkdtemp(prefix="wsis-replay-"))
    if env.get("REPLAY_KEEP_LOGS") == "1":
        say(f"{KEPT}{work / 'stack' / 'logs'}")
    stack = None
    failure = ""
    figures = Figures()
    walk = None
    restarts = None
    try:
        urls = isolated.create_databases()
        # Every process's time, the replay's own included, follows this file (the week ends).
        clock_file = work / "clock-offset"
        clock.follow(clock_file)
        made = dict(run_dir=work / "stack", database_urls=urls, broker_url=isolated.own_vhost(),
                    extra_env=stack_env(clock_file))
        stack = faults.stack(**made) if faults else Stack(**made)
        stack.start(timeout=180)
        say(f"stack up in {time.monotonic() - started:.1f} s: {stack.gateway_url} (mail {stack.mail_url})")
        walk = Walk(stack, plan, year, started + budget, say, clock_file)
        restarts = Restarts(stack)
        with ExitStack() as running:
            # A process that exits is started again, as `make run` does (devstack/supervise.py).
            running.enter_context(supervising(restarts, say))
            if faults:
                running.enter_context(faults.injecting(stack, walk, isolated.vhost))
            sent = walk.run()
        say("-- reconciling against the services' databases, the captured mail and the broker")
        kills = sum(r.fault.kind == "kill-notify-worker" and r.ok for r in faults.injected) if faults else 0
        figures = reconcile(stack, sent, year, walk.mail, redeliveries_allowed=kills)
    except (Overtime, TimeoutError) as stopped:
        failure = f"stopped: {stopped}"
    except Exception as error:  # the summary still says how far it got
        failure = f"failed: {type(error).__name__}: {error}"
        import traceback
        traceback.print_exc()
    finally:
        if stack is not None:
            stack.stop()
        if faults:
            faults.close()
        isolated.drop()
        if env.get("REPLAY_KEEP_LOGS") != "1":
            shutil.rmtree(work, ignore_errors=True)
    return summary(walk, figures, failure, time.monotonic() - started, faults, restarts)


def summary(walk: Walk | None, f: Figures, failure: str, seconds: float, faults: Faults | None = None,
            restarts: Restarts | None = None) -> int:
    say("")
    say("== the replay, phase by phase")
    for name, spent, notes in (walk.timings if walk else []):
        say(f"{spent:8.1f} s  {name}" + (f"\n{'':12}{notes}" if notes else ""))
    if walk is not None:
        statuses = dict(sorted(walk.sent.vote_statuses.items()))
        say(f"vote answers counted by wrk: {statuses} (not those in flight when a batch ended); "
            f"votes wrk did not deliver, sent again: {walk.sent.resent}")
        say(f"weekly progress: {len(walk.sent.weeks)} voting weeks ended by moving every process's clock "
            f"{walk.sent.clock_moved / 86400:.1f} days on in all; voting published {f.weeks} weeks, and "
            f"{f.weekly_mails} weekly mails with the votes and rank the stored votes give at the week's end")
        for breaker, status, codes in walk.sent.refusals:
            say(f"  refused as expected? {breaker.expect in codes or breaker.expect == str(status)!s:5} "
                f"rule {breaker.rule}: {status} {sorted(codes)}")
    retries = [walk.gateway.retries, walk.mail.retries] if walk else []
    again = sum((r.by_kind() for r in retries), Counter())
    say(f"requests sent again after a 503 or a lost connection: {sum(again.values())}"
        + "".join(f"\n{'':12}{kind}: {times}" for kind, times in sorted(again.items())))
    if restarts is not None:
        say(f"processes started again: {dict(sorted(restarts.counts.items())) or 'none'}")
    problems = list(f.issues)
    if faults is not None and restarts is not None:
        problems += faults.report(say, retries, restarts)
        say(f"fault_seed={faults.seed} faults={len(faults.injected)} kinds={len(faults.kinds())} "
            f"retries={sum(again.values())} restarts={sum(restarts.counts.values())}")
    elif restarts is not None:  # no fault killed anything: every exit is a crash
        problems += [f"{name} exited {times} time(s); its log ended: {restarts.last_words.get(name, '?')}"
                     for name, times in sorted(restarts.counts.items())]
    say(f"stored: {f.submissions} accepted submissions, {f.votes} votes from {f.voters} voters; "
        f"{f.mails_checked} expected mails checked; {f.mails_redelivered} captured again with the "
        f"same Message-ID (notify killed between the server's accept and its commit)")
    for issue in problems:
        say(f"PROBLEM: {issue}")
    if failure:
        say(f"PROBLEM: {failure}")
    say(f"submissions={f.submissions} votes={f.votes} weeks={f.weeks} weekly_mails={f.weekly_mails} "
        f"lost={f.lost} doubled={f.doubled} "
        f"dead_letters={f.dead_letters} mails_missing={f.mails_missing} mails_twice={f.mails_twice} "
        f"seconds={seconds:.0f}")
    return 1 if failure or problems else 0


if __name__ == "__main__":
    sys.exit(main())
