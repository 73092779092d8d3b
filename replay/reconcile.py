"""Every count of the replay, from what the services stored (their own databases), the captured
mail (the capture's HTTP API) and the broker's dead-letter queues, set against what was sent.
Nothing here trusts the replay's own tallies: the `Sent` record says what went out and what the
API answered; whether it is there is read from where it is kept."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from devstack.stack import Stack
from replay.client import MailBox, address_of, connect, waiting, weekly_figures
from replay.plan import WEEKS
from replay.projects import coordinator_email
from replay.walk import Sent

CONSUMERS = ("submission", "review", "voting", "notify", "gateway")
_RANK = re.compile(r"Rank:\s+(\d+) of (\d+)")


@dataclass
class Figures:
    submissions: int = 0
    votes: int = 0
    voters: int = 0
    lost: int = 0
    doubled: int = 0
    dead_letters: int = 0
    mails_missing: int = 0
    mails_twice: int = 0
    # The same message (one Message-ID) captured again: notify's one at-least-once window, a
    # worker killed between the SMTP server's accept and its own commit (services/notify/README.md).
    # Mail clients show it once; allowed once per such kill, any other copy counts as twice.
    mails_redelivered: int = 0
    mails_checked: int = 0
    weeks: int = 0  # voting weeks whose progress the voting service published
    weekly_mails: int = 0  # weekly mails with the votes and rank the stored votes give
    issues: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        if len(self.issues) < 40:
            self.issues.append(text)


def _rows(stack: Stack, service: str, query: str, *params: Any) -> list[tuple]:
    with connect(stack.database_urls[service]) as conn:
        return conn.execute(query, params).fetchall()


def reconcile(stack: Stack, sent: Sent, year: int, mail: MailBox, *,
              redeliveries_allowed: int = 0) -> Figures:
    """Every count from where it is kept. `redeliveries_allowed`: how many notify workers a
    faulted run killed while they sent (each may deliver its one mail in flight again)."""
    f = Figures()
    _submissions(stack, sent, year, f)
    _votes(stack, sent, year, f)
    _finalists(stack, sent, year, f)
    _winners(stack, sent, year, f)
    _mails(stack, sent, year, mail, f)
    if f.mails_redelivered > redeliveries_allowed:
        f.mails_twice += f.mails_redelivered - redeliveries_allowed
        f.problem(f"{f.mails_redelivered} mails captured again with the same Message-ID, "
                  f"{redeliveries_allowed} notify worker(s) killed while sending")
    f.dead_letters = dead_letters(stack)
    if f.dead_letters:
        f.problem(f"{f.dead_letters} messages in dead-letter queues")
    return f


def _submissions(stack: Stack, sent: Sent, year: int, f: Figures) -> None:
    stored = {r[0] for r in _rows(stack, "submission", "SELECT id FROM submissions WHERE year = %s AND "
                                  "status = 'accepted'", year)}
    answered = {sid for sid, n in sent.accepted.items() if n >= 0}
    f.submissions = len(stored)
    for sid in answered - stored:
        f.problem(f"submission {sid} was accepted (201) but is not stored")
    for sid in stored - answered:
        f.problem(f"submission {sid} is stored but was never accepted (a refusal stored something?)")
    for breaker, status, codes in sent.refusals:
        if not (breaker.expect in codes or breaker.expect == str(status)) or status < 400:
            f.problem(f"rule {breaker.rule}: expected {breaker.expect}, got {status} {sorted(codes)}")
    report = [s for c in sent.report.get("categories", []) for s in c.get("submissions", [])]
    reported = {s["id"] for s in report}
    if stored != reported or len(report) != len(reported):
        f.problem(f"the Stocktaking report lists {len(report)} submissions; {len(stored)} are accepted, "
                  f"{len(stored - reported)} of them missing from it")
    nominated = {r[0] for r in _rows(stack, "submission", "SELECT id FROM submissions WHERE year = %s AND "
                                     "nominated", year)}
    on_ballot = {sid for ids in sent.nominees.values() for sid in ids}
    if nominated != on_ballot:
        f.problem(f"nominated in the submission service: {len(nominated)}, on the ballot: {len(on_ballot)}")


def _votes(stack: Stack, sent: Sent, year: int, f: Figures) -> None:
    stored = Counter((r[0], r[1], r[2]) for r in _rows(stack, "voting", "SELECT voter, category, nominee "
                                                        "FROM votes WHERE edition = %s", year))
    f.votes = sum(stored.values())
    f.voters = len({voter for voter, _, _ in stored})
    missing = sent.votes - set(stored)
    f.lost = len(missing) + sent.lost_by_answer
    extra = set(stored) - sent.votes
    f.doubled = sum(n - 1 for n in stored.values() if n > 1) + len(extra)
    for vote in list(missing)[:3]:
        f.problem(f"vote {vote} sent but not stored")
    for vote in list(extra)[:3]:
        f.problem(f"vote {vote} stored but never sent")
    if sent.lost_by_answer:
        f.problem(f"{sent.lost_by_answer} votes answered 201 with no row stored")


def tallies(stack: Stack, year: int, before: datetime | None = None
            ) -> dict[tuple[str, str], tuple[int, Any]]:
    """(category, nominee) -> (votes cast before `before`, the last one's instant)."""
    query = "SELECT category, nominee, count(*), max(cast_at) FROM votes WHERE edition = %s"
    params: list[Any] = [year]
    if before is not None:
        query += " AND cast_at < %s"
        params.append(before)
    return {(r[0], r[1]): (r[2], r[3]) for r in _rows(stack, "voting", query + " GROUP BY 1, 2", *params)}


def shared_ranks(counts: dict[str, int]) -> dict[str, int]:
    """Most votes first, equal votes share a rank (1, 2, 2, 4)."""
    order = sorted(counts.values(), reverse=True)
    return {nominee: order.index(votes) + 1 for nominee, votes in counts.items()}


def _finalists(stack: Stack, sent: Sent, year: int, f: Figures) -> None:
    """The top 5 of each category by votes cast before the close; a tie at the cut goes to the
    nominee that reached its count first, then to the ballot's order (README "Voting")."""
    closes = _rows(stack, "voting", "SELECT closes_at FROM closings WHERE edition = %s", year)
    if not closes:
        f.problem("the vote was never closed")
        return
    counted = tallies(stack, year, closes[0][0])
    stored = defaultdict(dict)
    for category, sid, votes in _rows(stack, "review", "SELECT category, submission_id, votes FROM finalists "
                                      "WHERE year = %s", year):
        stored[category][sid] = votes
    for category, ballot in sent.nominees.items():
        entries = [(counted.get((category, sid), (0, None)), position, sid)
                   for position, sid in enumerate(ballot)]
        far_future = datetime.max.replace(tzinfo=closes[0][0].tzinfo)
        entries.sort(key=lambda e: (-e[0][0], e[0][1] or far_future, e[1]))
        expected = {sid: votes for (votes, _), _, sid in entries[:5]}
        if expected != stored[category]:
            f.problem(f"{category}: finalists {sorted(stored[category].items())} but the votes give "
                      f"{sorted(expected.items())}")


def _winners(stack: Stack, sent: Sent, year: int, f: Figures) -> None:
    stored = dict(_rows(stack, "review", "SELECT category, submission_id FROM winners WHERE year = %s", year))
    if stored != sent.winners:
        f.problem(f"winners stored {len(stored)}, picked {len(sent.winners)}; differ: "
                  f"{sorted(set(stored.items()) ^ set(sent.winners.items()))[:3]}")
    announced = {chapter["winner"]["submission_id"] for chapter in sent.stories.get("chapters", [])}
    if announced != set(sent.winners.values()):
        f.problem(f"the Success Stories name {len(announced)} winners, {len(sent.winners)} were picked")
    if not sent.stories_pdf_bytes:
        f.problem("the Success Stories PDF was not served")


def _mails(stack: Stack, sent: Sent, year: int, mail: MailBox, f: Figures) -> None:
    listing = _first_copies(mail.listing(), f)
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for m in listing:
        by_kind[m["kind"]][address_of(m["to"])] += 1
    project_of = {sid: n for sid, n in sent.accepted.items() if n >= 0}
    coordinators = {sid: coordinator_email(n) for sid, n in project_of.items()}
    finalists = [r[0] for r in _rows(stack, "review", "SELECT submission_id FROM finalists WHERE year = %s",
                                     year)]

    def once_each(kind: str, addresses: list[str]) -> None:
        got = by_kind[kind]
        for address in addresses:
            f.mails_checked += 1
            if got[address] == 0:
                f.mails_missing += 1
                f.problem(f"no {kind} mail to {address}")
            elif got[address] > 1:
                f.mails_twice += 1
                f.problem(f"{got[address]} {kind} mails to {address}")

    once_each("verification", [p.email for p in sent.people])
    once_each("receipt", list(coordinators.values()))
    once_each("review_outcome", list(coordinators.values()))
    once_each("finalist", [coordinators[sid] for sid in finalists])
    once_each("winner_notice", [coordinators[sid] for sid in sent.winners.values()])
    once_each("announcement", [coordinators[sid] for sid in finalists])
    _weekly(stack, sent, year, mail, listing, coordinators, f)


def _first_copies(listing: list[dict[str, str]], f: Figures) -> list[dict[str, str]]:
    """The listing with each message once: a copy of a Message-ID already seen is counted in
    `mails_redelivered`, not as a second mail."""
    seen: set[str] = set()
    first = []
    for m in listing:
        key = m.get("message_id") or m["key"]
        if key in seen:
            f.mails_redelivered += 1
            continue
        seen.add(key)
        first.append(m)
    return first


def _weekly(stack: Stack, sent: Sent, year: int, mail: MailBox, listing: list[dict[str, str]],
            coordinators: dict[str, str], f: Figures) -> None:
    """Each nominee's coordinator got one mail for each of the WEEKS voting weeks, with the votes
    cast before the week's end and the rank those votes give; a week never published counts
    each of its mails missing."""
    weeks = dict(_rows(stack, "voting", "SELECT week, ends_at FROM progress_weeks WHERE edition = %s", year))
    f.weeks = len(weeks)
    if sorted(weeks) != sent.weeks:
        f.problem(f"weeks published {sorted(weeks)}, ended by the replay {sent.weeks}")
    mails: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)  # -> [(votes, key)]
    for m in listing:
        if figures := weekly_figures(m):
            mails[(address_of(m["to"]), figures[0])].append((figures[1], m["key"]))
    expected = {(coordinators[sid], week) for week in range(1, WEEKS + 1)
                for ballot in sent.nominees.values() for sid in ballot}
    for address, week in sorted(set(mails) - expected):
        f.mails_twice += len(mails[(address, week)])
        f.problem(f"a week-{week} mail to {address}, who should get none")
    for week in range(1, WEEKS + 1):
        ends_at = weeks.get(week)
        if ends_at is None:
            nominees = sum(len(ballot) for ballot in sent.nominees.values())
            f.mails_checked += nominees
            f.mails_missing += nominees
            f.problem(f"voting week {week} was never published: {nominees} weekly mails missing")
            continue
        counted = tallies(stack, year, ends_at)
        for category, ballot in sent.nominees.items():
            counts = {sid: counted.get((category, sid), (0, None))[0] for sid in ballot}
            ranks = shared_ranks(counts)
            for sid in ballot:
                f.mails_checked += 1
                got = mails.get((coordinators[sid], week), [])
                if len(got) > 1:
                    f.mails_twice += 1
                    f.problem(f"{len(got)} week-{week} mails for {sid}")
                if not got:
                    f.mails_missing += 1
                    f.problem(f"no week-{week} mail for {sid}")
                    continue
                votes, key = got[0]
                rank = _RANK.search(mail.body(key))
                if votes != counts[sid] or rank is None or int(rank.group(1)) != ranks[sid] \
                        or int(rank.group(2)) != len(ballot):
                    f.mails_missing += 1  # the mail with the right numbers is missing
                    f.problem(f"week {week}, {sid}: mail says {votes} votes rank "
                              f"{rank.group(0) if rank else '?'}; stored votes give {counts[sid]}, rank "
                              f"{ranks[sid]} of {len(ballot)}")
                    continue
                f.weekly_mails += 1


def dead_letters(stack: Stack) -> int:
    """Messages waiting in the `<service>.dead` queues of the stack's vhost."""
    return waiting(stack.broker_url, (f"{service}.dead" for service in CONSUMERS))
