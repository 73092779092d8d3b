"""The weekly progress of a 2023-size edition (18 categories x 20 nominees = 360 coordinators)
through the real broker to the real SMTP server: two voting weeks closed, 360 mails each,
every one with that nominee's votes, rank, change since last week and days left."""

from __future__ import annotations

import re
from datetime import datetime

from devstack.mailcapture import body_of
from tests.harness.probe import wait_until
from tests.notify import events as ev
from tests.notify.conftest import NotifyUnderTest

NOMINEES = 20
WEEK_ENDS = {1: datetime.fromisoformat("2023-01-01T23:00:00+01:00"),
             2: datetime.fromisoformat("2023-01-08T23:00:00+01:00")}
DAYS_LEFT = {1: 24, 2: 17}  # to 25 January 2023, 23:00 Geneva


def votes_of(week: int, category_index: int, nominee: int) -> int:
    """Made-up tallies with ties in them, and some nominees overtaking others in week 2."""
    base = (category_index * 7 + nominee * 13) % 50
    return base if week == 1 else base + (nominee * 5) % 23


def ranks(votes: dict[str, int]) -> dict[str, int]:
    """1 = most votes; equal votes share a rank (as voting ranks them)."""
    return {sid: 1 + sum(1 for other in votes.values() if other > v) for sid, v in votes.items()}


def standings(week: int) -> dict[str, dict[str, tuple[int, int]]]:
    """category -> submission id -> (votes, rank)"""
    table = {}
    for ci, category in enumerate(ev.CATEGORIES):
        votes = {f"{category}-{n:02d}": votes_of(week, ci, n) for n in range(NOMINEES)}
        rank = ranks(votes)
        table[category] = {sid: (votes[sid], rank[sid]) for sid in votes}
    return table


def figures(message) -> dict[str, str]:
    text = body_of(message, "plain")
    found = {}
    for name, pattern in {
        "votes": r"Votes:\s+(\d+)", "rank": r"Rank:\s+(\d+) of (\d+) nominees",
        "change": r"Since (?:week \d+|last week):\s+([^\r\n]+)", "days": r"Days left:\s+(\d+)",
    }.items():
        match = re.search(pattern, text)
        assert match, f"no {name} in the mail to {message['X-Captured-Rcpt-To']}"
        found[name] = match.group(1) if name != "rank" else f"{match.group(1)}/{match.group(2)}"
    return found


def close_week(notify: NotifyUnderTest, week: int) -> dict[str, object]:
    table = standings(week)
    event = ev.progress(week, {c: [(sid, v, r) for sid, (v, r) in rows.items()] for c, rows in table.items()},
                        as_of=WEEK_ENDS[week])
    notify.smtp.clear()
    notify.publish(event)
    wait_until(lambda: notify.smtp.count() >= 360, timeout=120, what=f"360 progress mails of week {week}")
    notify.settle()
    messages = notify.smtp.messages()
    assert len(messages) == 360, "one mail per nominee, none twice"
    return {str(m["X-Captured-Rcpt-To"]): m for m in messages}


def test_a_week_closes_for_360_coordinators_and_each_gets_their_own_figures(notify: NotifyUnderTest) -> None:
    notify.publish(ev.edition_updated(2023))
    ids = [(c, f"{c}-{n:02d}") for c in ev.CATEGORIES for n in range(NOMINEES)]
    notify.publish(*(ev.accepted(sid, category=c) for c, sid in ids))
    wait_until(lambda: notify.smtp.count() >= 360, timeout=120, what="the 360 receipts")

    week1, week2 = standings(1), standings(2)
    mails = close_week(notify, 1)
    for category, sid in ids:
        got = figures(mails[f"coord-{sid}@example.org"])
        votes, rank = week1[category][sid]
        assert got == {"votes": str(votes), "rank": f"{rank}/20", "change": "this is the first weekly report",
                       "days": str(DAYS_LEFT[1])}, sid

    mails = close_week(notify, 2)
    for category, sid in ids:
        message = mails[f"coord-{sid}@example.org"]
        got = figures(message)
        (before, was), (votes, rank) = week1[category][sid], week2[category][sid]
        moved = was - rank
        place = "place" if abs(moved) == 1 else "places"
        change = ("same rank" if moved == 0 else f"up {moved} {place}" if moved > 0
                  else f"down {-moved} {place}")
        delta = votes - before
        counted = f"{'+' if delta > 0 else ''}{delta} vote{'' if abs(delta) == 1 else 's'}"
        assert got == {"votes": str(votes), "rank": f"{rank}/20", "change": f"{counted}, {change}",
                       "days": str(DAYS_LEFT[2])}, sid
        assert f"Project {sid}" in message["Subject"] and category in body_of(message, "plain")
    assert notify.count() == 360 * 3, "360 receipts and 2 x 360 progress mails, all written once"
