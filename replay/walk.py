"""The replay's walk through one edition, phase by phase, through the gateway as each actor
would: the WSIS team (an admin made by `python -m portal create-admin`, then the API), the
stakeholders, the experts and the voters (real accounts, registered and confirmed from their
mail). It keeps what it sent and what it was answered in a `Sent`, which the reconciliation
compares with what the services stored."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from devstack import shared_clock
from devstack.bench import Load, read_load, wrk_argv
from devstack.stack import APPS, Stack
from replay import plan as planning
from replay.calendar import Calendar, edition_2023, now, sleep_until, whole_second
from replay.client import PASSWORD, Accounts, Gateway, MailBox, Person, Refused, connect, parallel, waiting
from replay.plan import CATEGORIES, WEEKS, Plan
from replay.projects import Breaker, breakers, late, project, reason_codes
from wsis_common.clock import in_geneva

VOTERS_PER_VISIT = 400  # voters logged in together, then their votes sent (tokens live 15 minutes)
PAST_WINNER = {"year": 2018, "category": "C4", "title": "Digital literacy buses for every rural district",
               "entity_name": "Literacy on Wheels",
               "description": "A fleet of buses teaching digital skills."}
ENTITY_TYPES = ("government", "private_sector", "civil_society", "academia", "international_organisation",
                "other")


class Overtime(Exception):
    """The replay's time is up (REPLAY_MAX_SECONDS): it stops rather than run on."""


@dataclass
class Sent:
    """What the replay sent and what it was answered (never read as a count of what is stored)."""

    accepted: dict[str, int] = field(default_factory=dict)  # submission id -> project number
    refusals: list[tuple[Breaker, int, set[str]]] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)  # every account registered
    nominees: dict[str, list[str]] = field(default_factory=dict)  # ballot order
    votes: set[tuple[str, str, str]] = field(default_factory=set)  # (voter, category, nominee)
    vote_statuses: Counter = field(default_factory=Counter)
    lost_by_answer: int = 0  # 201s answered for which no row was stored
    resent: int = 0  # planned votes the load generator did not deliver, sent again
    stored_before_retry: int = 0  # submissions answered 503, stored all the same (found by their submitter)
    weeks: list[int] = field(default_factory=list)  # the voting weeks the replay ended
    clock_moved: float = 0.0  # seconds every process's clock jumped forward, in all
    winners: dict[str, str] = field(default_factory=dict)
    stories: dict[str, Any] = field(default_factory=dict)
    stories_pdf_bytes: int = 0
    report: dict[str, Any] = field(default_factory=dict)


class Walk:
    def __init__(self, stack: Stack, plan: Plan, year: int, deadline: float,
                 say: Callable[[str], None], clock_file: Path) -> None:
        self.stack, self.plan, self.year, self.deadline, self.say = stack, plan, year, deadline, say
        self.clock_file = clock_file  # the stack's shared clock (stack_env)
        self.gateway = Gateway(stack.gateway_url)
        self.mail = MailBox(stack.mail_url, timeout=max(60.0, self.left()))
        self.accounts = Accounts(self.gateway, self.mail)
        self.sent = Sent()
        self.timings: list[tuple[str, float, str]] = []
        self.current = ""  # the phase under way (the faulted replay fires its faults by it)
        self.work = stack.run_dir / "replay"
        self.work.mkdir(exist_ok=True)

    # -- helpers --

    def left(self) -> float:
        return self.deadline - time.monotonic()

    @contextmanager
    def phase(self, name: str) -> Iterator[list[str]]:
        started, notes = time.monotonic(), []
        self.current = name
        self.say(f"-- {name}")
        yield notes
        seconds = time.monotonic() - started
        self.timings.append((name, seconds, "; ".join(notes)))
        self.say(f"   {seconds:7.1f} s  {'; '.join(notes)}")

    def wait(self, check: Callable[[], bool], what: str, timeout: float = 300) -> None:
        limit = time.monotonic() + min(timeout, max(1.0, self.left()))
        while not check():
            if time.monotonic() > limit:
                raise (Overtime if self.left() <= 0 else TimeoutError)(f"waited in vain for {what}")
            time.sleep(0.5)

    def scalar(self, service: str, query: str, *params: Any) -> Any:
        with connect(self.stack.database_urls[service]) as conn:
            row = conn.execute(query, params).fetchone()
        return row[0] if row else None

    def api(self, method: str, path: str, token: str | None = None, expect: tuple[int, ...] = (200,),
            **kwargs: Any) -> dict[str, Any]:
        return self.gateway.call(method, path, token, expect, **kwargs)

    # -- the walk --

    def run(self) -> Sent:
        steps = [self.team, self.call_for_submissions, self.nomination, self.voters, self.publication,
                 self.vote, self.close, self.selection, self.ceremony, self.quiet]
        for step in steps:
            if self.left() <= 0:
                raise Overtime(f"out of time before {step.__name__}")
            if step != self.team:
                # The WSIS team starts each step logged in afresh: the step before may have
                # outlasted the token's 15 minutes (12,000 voters take half an hour to register).
                self.admin_logs_in()
            step()
        return self.sent

    def team(self) -> None:
        with self.phase("the WSIS team: admin, edition, past winners") as notes:
            gateway = next(a for a in APPS if a.name == "gateway")
            env = {**self.stack.env_for(gateway), "ADMIN_PASSWORD": PASSWORD}
            subprocess.run([sys.executable, "-m", "portal", "create-admin", "chair@itu.replay.example",
                            "wsis-chair"], env=env, check=True, capture_output=True, timeout=120,
                           cwd=self.stack.run_dir)
            self.calendar = Calendar(self.gateway, self.year, self.clock_file)
            self.admin_logs_in()
            self.api("POST", "/api/v1/editions", self.admin, (201,), json=edition_2023(self.year))
            self.api("POST", "/api/v1/winners", self.admin, (201,), json={"winners": [PAST_WINNER]})
            notes.append(f"edition {self.year} (2023's dates, today day 1 of the call); "
                         f"dates moved with a reason: {self.calendar.takes_reason}")

    def admin_logs_in(self) -> None:
        """The admin's token, again: it lives 15 minutes, and a voting week's end moves the
        time a week on."""
        self.admin = self.api("POST", "/api/v1/tokens", json={"identifier": "wsis-chair",
                                                               "password": PASSWORD})["access_token"]
        self.calendar.admin = self.admin

    def call_for_submissions(self) -> None:
        count = self.plan.projects
        experts = self.plan.experts
        with self.phase(f"stakeholders: {count} submitters and {experts} experts register") as notes:
            self.submitters = [Person(f"submitter-{n}", f"submitter-{n}@stakeholders.replay.example",
                                      f"Replay Organisation {n}", ENTITY_TYPES[n % 6]) for n in range(count)]
            self.breaker = Person("rule-breaker", "breaker@stakeholders.replay.example", "Careless Ltd")
            self.unconfirmed = Person("unconfirmed", "unconfirmed@stakeholders.replay.example", "Hasty Ltd")
            self.experts = [Person(f"expert-{n}", f"expert-{n}@experts.replay.example",
                                   f"Expert Institute {n}", "academia") for n in range(experts)]
            confirmed = [*self.submitters, self.breaker, *self.experts]
            self.accounts.register(confirmed)
            self.accounts.register([self.unconfirmed], confirm=False)
            self.sent.people += [*confirmed, self.unconfirmed]
            self.accounts.log_in([*self.submitters, self.breaker, self.unconfirmed])
            notes.append(f"{len(confirmed) + 1} accounts, {len(confirmed)} confirmed from their mail")
        with self.phase(f"phase 1: {count} projects submitted, and the rules broken") as notes:
            def submit(n: int) -> None:
                submitter, body = self.submitters[n], {**project(n, self.plan.seed), "draft": False}
                path = f"/api/v1/editions/{self.year}/submissions"
                response = self.gateway.send("POST", path, submitter.token, json=body)
                if response.status_code == 201:
                    self.sent.accepted[response.json()["id"]] = n
                    return
                # A try that got a 503 (the database cut at its commit) may have been stored: the
                # try again is then refused as this submitter's own earlier submission, and the
                # submitter finds it among their own, as a person does. Nothing else is let pass.
                refused_as_own = (response.status_code == 422 and
                                  "project.already_submitted_by_you" in reason_codes(response.json()))
                if refused_as_own:
                    mine = self.api("GET", path, submitter.token)
                    found = [s["id"] for s in mine if s["title"] == body["title"]]
                    if len(found) == 1:
                        self.sent.accepted[found[0]] = n
                        self.sent.stored_before_retry += 1
                        return
                raise Refused("POST", path, response)

            parallel(submit, range(count))
            self.closed_after = now()
            accepted = [project(n, self.plan.seed) for n in range(2)]
            for breaker in breakers(accepted, self.plan.seed, PAST_WINNER):
                self.refuse(breaker)
            notes.append(f"{len(self.sent.accepted)} accepted ({self.sent.stored_before_retry} of them found "
                         f"stored after a 503, the try again refused as already submitted), "
                         f"{len(self.sent.refusals)} refused")

    def refuse(self, breaker: Breaker) -> None:
        token = {"anonymous": None, "unverified": self.unconfirmed.token}.get(breaker.who, self.breaker.token)
        response = self.gateway.send("POST", f"/api/v1/editions/{self.year}/submissions", token,
                                     json={**breaker.body, "draft": False})
        body = response.json() if response.headers.get("Content-Type", "").endswith("json") else {}
        self.sent.refusals.append((breaker, response.status_code, reason_codes(body)))
        if response.status_code < 400:  # accepted: the reconciliation will find it stored, as it must not be
            self.sent.accepted[body["id"]] = -1

    def nomination(self) -> None:
        with self.phase("phase 2: the call closes; experts review; the chair confirms the nominees") as notes:
            t = whole_second(max(now(), self.closed_after))
            sleep_until(t)
            self.calendar.move("Replay: the call for submissions closes now.",
                               submission_closes=t, nomination_opens=t)
            self.nomination_opened = t
            self.wait(lambda: self.scalar("submission", "SELECT count(*) FROM editions WHERE year = %s AND "
                                          "revision >= 2", self.year) == 1, "the moved deadline")
            self.refuse(late(self.plan.seed))
            accepted = len(self.sent.accepted)
            self.wait(lambda: self.scalar("review", "SELECT count(*) FROM submissions WHERE year = %s",
                                          self.year) == accepted, "the accepted projects in the review queue")
            for expert in self.experts:
                self.api("POST", f"/api/v1/accounts/{expert.account_id}/roles", self.admin,
                         json={"role": "expert"})
                self.api("PUT", f"/api/v1/reviews/experts/{expert.account_id}", self.admin, json={
                    "name": expert.user_name, "email": expert.email,
                    "organisation": {"name": expert.organisation, "type": "Academia", "country": "CH"}})
            self.accounts.log_in(self.experts)
            # Spread category by category: one spread over all 18 fails with a 500, its audit line
            # naming every category being longer than the column (review's audit_entries.subject).
            assigned = sum(len(self.api("POST", f"/api/v1/reviews/editions/{self.year}/assignments/spread",
                                        self.admin, json={"expert_ids": [e.account_id for e in self.experts],
                                                          "categories": [category]})["assigned"])
                           for category in CATEGORIES)
            reviews = parallel(self.review_queue, self.experts, len(self.experts))
            notes.append(f"{assigned} assignments, {sum(reviews)} reviews by {len(self.experts)} experts")
            nominated, ties = 0, 0
            for category in CATEGORIES:
                path = f"/api/v1/reviews/editions/{self.year}/categories/{category}"
                self.api("POST", f"{path}/close", self.admin)
                nominees, tied = self.confirm_nominees(path)
                nominated, ties = nominated + len(nominees), ties + tied
            notes.append(f"{nominated} nominees confirmed; {ties} ties at the cut settled by the chair")

    def confirm_nominees(self, path: str) -> tuple[list[str], bool]:
        """The top of the ranking; at a tie at the cut (review refuses to pick), the chair lists
        the nominees, as the chair's page asks: here the ranking's own order, cut at N.
        The nominees, and whether there was a tie."""
        response = self.gateway.send("PUT", f"{path}/nominees", self.admin, json={})
        if response.status_code == 200:
            return response.json()["nominees"], False
        if response.status_code != 422 or "Tie at the cut" not in response.text:
            raise Refused("PUT", f"{path}/nominees", response)
        ranking = self.api("GET", f"{path}/ranking", self.admin)
        chosen = [s["submission_id"] for s in ranking["standings"] if s["eligible"]]
        return self.api("PUT", f"{path}/nominees", self.admin, json={
            "submission_ids": chosen[:ranking["nominees_per_category"]]})["nominees"], True

    def review_queue(self, expert: Person) -> int:
        queue = self.api("GET", "/api/v1/reviews/queue", expert.token)
        rng = random.Random(f"{self.plan.seed}-{expert.user_name}")
        for item in queue["items"]:
            merit = planning.quality(self.sent.accepted.get(item["submission_id"], 0), self.plan.seed)
            scores = {c: max(1, min(5, round(merit + rng.gauss(0, 0.7)))) for c in queue["scored_criteria"]}
            self.api("PUT", f"/api/v1/reviews/{item['submission_id']}", expert.token, json={
                "complies": True, "scores": scores, "comment": "Results shown with figures; replicable."})
        return len(queue["items"])

    def voters(self) -> None:
        count = len(self.plan.voters)
        with self.phase(f"voters: {count} stakeholders register and confirm their address") as notes:
            started = time.monotonic()
            self.voter_people = [Person(f"voter-{n}", f"voter-{n}@voters{n % 97}.replay.example",
                                        f"Voting Organisation {n % 503}", ENTITY_TYPES[n % 6],
                                        ("KE", "BR", "IN", "FR", "CN", "US")[n % 6])
                                 for n in (v.number for v in self.plan.voters)]
            self.accounts.register(self.voter_people)
            self.sent.people += self.voter_people
            rate = count / (time.monotonic() - started)
            notes.append(f"{count} accounts, {rate:.1f} registered and confirmed per second")

    def publication(self) -> None:
        with self.phase("the nominees published on their date; the vote opens") as notes:
            t = whole_second(max(now(), self.nomination_opened + timedelta(seconds=1)))
            sleep_until(t)
            self.calendar.move("Replay: the nominee lists are published and the vote opens now.",
                               nomination_closes=t, nominees_published_at=t, voting_opens=t)
            nominees = f"/api/v1/editions/{self.year}/nominees"
            self.wait(lambda: self.gateway.send("GET", nominees).status_code == 200,
                      "the published nominee lists")
            expected = self.scalar("review", "SELECT count(*) FROM nominees WHERE year = %s", self.year)
            self.wait(lambda: self.scalar("voting", "SELECT count(*) FROM ballot_entries WHERE edition = %s",
                                          self.year) == expected, "the ballot")
            time.sleep(1.5)  # each voting process keeps the ballot it read for a second
            ballot = self.api("GET", f"/api/v1/editions/{self.year}/ballot")
            self.sent.nominees = {c["category"]: [n["nominee"] for n in c["nominees"]]
                                  for c in ballot["categories"] if c["nominees"]}
            notes.append(f"{expected} nominees on the ballot in {len(self.sent.nominees)} categories")

    def vote(self) -> None:
        by_segment: dict[int, list[int]] = {}
        for v in self.plan.voters:
            by_segment.setdefault(v.segment, []).append(v.number)
        for segment in range(WEEKS + 1):
            name = f"week {segment + 1}" if segment < WEEKS else "the last days"
            numbers = by_segment.get(segment, [])
            with self.phase(f"phase 3: the vote, {name}: {len(numbers)} voters") as notes:
                votes, seconds = self.visit(numbers, segment)
                notes.append(f"{votes} votes, {votes / max(seconds, 1e-9):.0f} votes/s while sending "
                             f"({seconds:.1f} s of the phase)")
                if segment < WEEKS:
                    self.end_week(segment + 1, notes)

    def visit(self, numbers: list[int], segment: int) -> tuple[int, float]:
        """These voters log in and each casts all their votes; the votes of a batch go out
        together through the load generator. Returns (votes, seconds spent sending)."""
        sent, sending = 0, 0.0
        for first in range(0, len(numbers), VOTERS_PER_VISIT):
            batch = numbers[first:first + VOTERS_PER_VISIT]
            people = [self.voter_people[n] for n in batch]
            self.accounts.log_in(people)
            lines, planned = [], []
            for n in batch:
                voter, person = self.plan.voters[n], self.voter_people[n]
                for category, draw in zip(voter.categories, voter.picks, strict=True):
                    ballot = self.sent.nominees.get(category)
                    if not ballot:
                        continue
                    weights = planning.popularity(len(ballot), segment, category, self.plan.seed)
                    nominee = ballot[planning.pick(weights, draw)]
                    planned.append((person.account_id, category, nominee))
                    lines.append(f"POST\t/api/v1/editions/{self.year}/votes\t"
                                 f"Authorization: Bearer {person.token}\t"
                                 f"{json.dumps({'category': category, 'nominee': nominee})}\n")
            if not lines:
                continue
            plan_file = self.work / "votes.txt"
            plan_file.write_text("".join(lines))
            before = self._stored(batch)
            started = time.monotonic()
            load = self.send(plan_file, lambda b=batch, s=before: self._stored(b) - s, len(planned))
            sending += time.monotonic() - started
            self.sent.vote_statuses.update(load.statuses)
            stored = self._stored(batch) - before
            self.sent.lost_by_answer += max(0, load.statuses.get(201, 0) - stored)
            self.sent.votes.update(planned)
            self._resend_undelivered(planned, {p.account_id: p.token for p in people})
            sent += len(planned)
        return sent, sending

    def send(self, plan_file: Path, stored: Callable[[], int], planned: int) -> Load:
        """wrk sends the planned votes (devstack/requests.lua) and runs for its whole duration
        whatever the count: it is stopped (SIGINT: it prints its summary) once every planned vote
        is stored, or when no more arrive for a few seconds (the rest is sent again after it)."""
        argv = wrk_argv(self.stack.gateway_url, plan_file, seconds=max(60, int(self.left())), connections=32)
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        last, still_since = -1, time.monotonic()
        while process.poll() is None:
            time.sleep(0.25)
            count = stored()
            if count != last:
                last, still_since = count, time.monotonic()
            if count >= planned or time.monotonic() - still_since > 3 or self.left() <= 0:
                time.sleep(0.25)  # the last answers reach wrk
                process.send_signal(signal.SIGINT)
                break
        out, _ = process.communicate(timeout=60)
        return read_load("votes", out)

    def _stored(self, batch: list[int]) -> int:
        ids = [self.voter_people[n].account_id for n in batch]
        return self.scalar("voting", "SELECT count(*) FROM votes WHERE edition = %s AND voter = ANY(%s)",
                           self.year, ids)

    def _resend_undelivered(self, planned: list[tuple[str, str, str]], tokens: dict[str, str]) -> None:
        with connect(self.stack.database_urls["voting"]) as conn:
            stored = set(conn.execute("SELECT voter, category, nominee FROM votes WHERE edition = %s AND "
                                      "voter = ANY(%s)", (self.year, list(tokens))).fetchall())
        for voter, category, nominee in planned:
            if (voter, category, nominee) not in stored:
                response = self.gateway.send("POST", f"/api/v1/editions/{self.year}/votes", tokens[voter],
                                             json={"category": category, "nominee": nominee})
                self.sent.vote_statuses[response.status_code] += 1
                self.sent.resent += 1

    def end_week(self, week: int, notes: list[str]) -> None:
        """Voting week `week` ends: the clock of every process moves past its end (the dates
        stay, calendar.py); the voting worker publishes its `voting.progress` and notify mails
        every nominee's coordinator, read back from the mail capture. The week's voters have
        voted, and the next week's log in after the move (their tokens would have expired)."""
        end, jump = self.calendar.week_ends_now(week)
        self.sent.clock_moved += jump
        self.admin_logs_in()
        self.wait(lambda: self.scalar("voting", "SELECT count(*) FROM progress_weeks WHERE edition = %s AND "
                                      "week = %s", self.year, week) == 1, f"voting.progress of week {week}")
        nominees = sum(len(v) for v in self.sent.nominees.values())
        self.wait(lambda: self.mail.weekly(week) >= nominees, f"the progress mails of week {week}")
        self.sent.weeks.append(week)
        notes.append(f"week {week} ended {in_geneva(end):%Y-%m-%d %H:%M} Geneva time, every clock moved "
                     f"{jump / 86400:.2f} days on; {self.mail.weekly(week)} progress mails captured")

    def close(self) -> None:
        with self.phase("the close: finalists") as notes:
            t = whole_second(now() + timedelta(seconds=2))
            self.calendar.move("Replay: the vote closes.", voting_closes=t, selection_opens=t)
            self.selection_opened = t
            expected = sum(min(5, len(v)) for v in self.sent.nominees.values())
            self.wait(lambda: self.scalar("review", "SELECT count(*) FROM finalists WHERE year = %s",
                                          self.year) == expected, "the finalists at the review service", 120)
            notes.append(f"{expected} finalists")

    def selection(self) -> None:
        with self.phase("phase 4: analyses and the winners picked") as notes:
            self.accounts.log_in(self.experts)  # their tokens expired weeks ago, by the clock
            analyses = 0
            for category in self.sent.nominees:
                path = f"/api/v1/reviews/editions/{self.year}/categories/{category}"
                finalists = self.api("GET", f"{path}/finalists", self.admin)["finalists"]
                marks = {}
                for n, finalist in enumerate(finalists):
                    expert = self.experts[n % len(self.experts)]
                    scores = {c: 1 + (hash((finalist["submission_id"], c)) % 5) for c in
                              ("scale", "wsis_impact", "sustainable_development")}
                    self.api("PUT", f"/api/v1/reviews/{finalist['submission_id']}/analysis", expert.token,
                             json={"scores": scores, "note": "Scaled across the region; lasting effect."})
                    marks[finalist["submission_id"]] = sum(scores.values())
                    analyses += 1
                winner = max(marks, key=lambda sid: (marks[sid], sid))
                self.api("PUT", f"{path}/winner", self.admin, json={"submission_id": winner})
                self.sent.winners[category] = winner
            notes.append(f"{analyses} analyses, {len(self.sent.winners)} winners picked")

    def ceremony(self) -> None:
        with self.phase("phase 5: the ceremony, Success Stories, Stocktaking report") as notes:
            t = whole_second(max(now(), self.selection_opened + timedelta(seconds=1)))
            sleep_until(t)
            self.calendar.move("Replay: the winners are picked; the ceremony is now.",
                               selection_closes=t, forum_opens=t, ceremony_at=t)
            results = f"/api/v1/editions/{self.year}/results"
            self.wait(lambda: self.api("GET", results).get("announced") is True, "the announcement")
            stories = f"/api/v1/reviews/editions/{self.year}/success-stories"
            self.sent.stories = self.api("GET", f"{stories}?format=json")
            pdf = self.gateway.send("GET", f"{stories}?format=pdf")
            self.sent.stories_pdf_bytes = len(pdf.content) if pdf.content.startswith(b"%PDF") else 0
            self.sent.report = self.api("GET", f"/api/v1/editions/{self.year}/stocktaking-report", self.admin)
            notes.append(f"Success Stories PDF {self.sent.stories_pdf_bytes:,} bytes")

    def quiet(self) -> None:
        with self.phase("every outbox relayed, every mail sent") as notes:
            def settled() -> bool:
                backlog = sum(self.scalar(s, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")
                              for s in ("submission", "review", "voting", "gateway"))
                pending = self.scalar("notify", "SELECT count(*) FROM mails WHERE status = 'pending'")
                queued = waiting(self.stack.broker_url, [f"{app.name}.events" for app in APPS])
                return backlog == 0 and pending == 0 and queued == 0

            # Twice, a second apart: an event relayed and taken from its queue may still be in
            # its consumer's handler, its mails not written yet (a faulted run missed 16 so).
            self.wait(settled, "the outboxes, the event queues and the mail queue to empty", 300)
            time.sleep(1)
            self.wait(settled, "the outboxes, the event queues and the mail queue to empty", 300)
            time.sleep(2)  # the last mails' files land in the capture
            notes.append("outboxes empty, no mail pending")


def stack_env(clock_file: Path) -> dict[str, str]:
    """The replay's stack: `make run`'s, with the per-address limits lifted (every request comes
    from this one address), and every process's time following `clock_file`, which the replay
    moves forward to end each voting week (devstack/shared_clock.py)."""
    return {**shared_clock.environment(clock_file),
            "VOTE_RATE_PER_ADDRESS": "1000000r/s", "VOTE_BURST": "1000000",
            "LOGIN_RATE_PER_ADDRESS": "100000r/s", "REGISTER_RATE_PER_ADDRESS": "100000r/s",
            "FAILED_LOGINS_PER_ADDRESS": "100000 per 15 minutes", "LOG_LEVEL": "WARNING",
            "NGINX_ACCESS_LOG": os.environ.get("NGINX_ACCESS_LOG", "0")}

