"""wsis_common.refreshing, the rule behind voting's ballot cache and every service's view of the
revoked tokens, with reads that take as long as they take in a saturated process: a request
that waited for another's read takes what it read (the database is read once, however long the
read took), and a value someone changed (`expire`) is not served at once to the others."""

from __future__ import annotations

import threading
import time

from wsis_common.refreshing import Refreshing

TTL = 0.1


class SlowReads:
    """Reads of a value that take `seconds` each, counted; each returns the next number."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.count = seconds, 0

    def __call__(self) -> int:
        time.sleep(self.seconds)
        self.count += 1
        return self.count


def _at_once(value: Refreshing[int], read: SlowReads, requests: int) -> list[int]:
    answers: list[int] = []
    threads = [threading.Thread(target=lambda: answers.append(value.get(read))) for _ in range(requests)]
    for thread in threads:
        thread.start()
        time.sleep(0.01)  # the first one is the reader
    for thread in threads:
        thread.join(10)
    return answers


def test_requests_that_waited_for_a_read_longer_than_the_lifetime_take_it_instead_of_reading_again() -> None:
    value: Refreshing[int] = Refreshing(TTL)
    read = SlowReads(0.5)  # five lifetimes: what a saturated process makes of one query
    answers = _at_once(value, read, 5)  # nothing read yet: they all wait for the first read
    assert answers == [1] * 5 and read.count == 1, f"read {read.count} times: {answers}"


def test_after_a_change_the_others_wait_for_the_new_value_rather_than_serve_the_old_one() -> None:
    value: Refreshing[int] = Refreshing(TTL)
    read = SlowReads(0.2)
    assert value.get(read) == 1
    value.expire()  # this process wrote it
    assert _at_once(value, read, 3) == [2, 2, 2] and read.count == 2
