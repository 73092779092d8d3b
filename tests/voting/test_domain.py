"""The voting rules in plain Python: the window to the second, voting weeks across a DST
change, ranks, the finalists with the tie rule, the detection of bursts and of votes from new
accounts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from voting.domain.ballot import Window, ballot_errors
from voting.domain.suspicious import NewAccountRule, bursts, new_account_counts
from voting.domain.tallies import Tally, finalists, ranked, week_end, weeks_due
from wsis_common.clock import GENEVA, deadline_of

OPENS = datetime(2022, 12, 25, 0, 0, tzinfo=GENEVA)
CLOSES = deadline_of(datetime(2023, 1, 25).date())  # 23:00 Geneva
WINDOW = Window(OPENS, CLOSES, finalists=5)
SECOND = timedelta(seconds=1)


def test_the_vote_is_open_from_the_opening_to_one_second_before_23_00_geneva() -> None:
    assert datetime(2023, 1, 25, 22, 0, tzinfo=UTC) == CLOSES
    assert WINDOW.refusal(OPENS - SECOND) is not None and "not open yet" in WINDOW.refusal(OPENS - SECOND)
    assert WINDOW.refusal(OPENS) is None
    assert WINDOW.refusal(CLOSES - SECOND) is None, "22:59:59 Geneva still counts"
    assert "closed on 25 January 2023 at 23:00:00 Geneva time" in WINDOW.refusal(CLOSES)
    assert WINDOW.refusal(CLOSES + SECOND) is not None


def test_the_window_comes_from_the_edition_copy() -> None:
    window = Window.of({"phases": {"voting_opens": "2018-01-12T00:00:00+01:00",
                                   "voting_closes": "2018-02-04T23:00:00+01:00"},
                        "parameters": {"finalists_per_category": 3}})
    assert window.finalists == 3
    assert window.closes == datetime(2018, 2, 4, 22, 0, tzinfo=UTC)


def test_a_choice_must_be_a_nominee_of_that_category() -> None:
    ballot = {"C7-HLT": {"s1", "s2"}, "C4": {"s3"}}
    assert ballot_errors(ballot, "C7-HLT", "s1") == {}
    assert "nominee" in ballot_errors(ballot, "C7-HLT", "s3"), "a nominee of another category"
    assert "category" in ballot_errors(ballot, "C99", "s1")


def test_a_voting_week_ends_seven_geneva_days_after_the_opening_even_across_dst() -> None:
    opens = datetime(2023, 3, 20, 0, 0, tzinfo=GENEVA)  # CET; DST starts on 26 March
    end = week_end(opens, 1)
    assert end == datetime(2023, 3, 27, 0, 0, tzinfo=GENEVA)
    assert end.astimezone(UTC) - opens.astimezone(UTC) == timedelta(hours=167)
    window = Window(opens, opens + timedelta(days=20), 5)
    assert [w for w, _ in weeks_due(window, end - SECOND)] == []
    assert [w for w, _ in weeks_due(window, end)] == [1]
    assert [w for w, _ in weeks_due(window, opens + timedelta(days=365))] == [1, 2], \
        "a week ending after the close is not a voting week"
    assert [w for w, _ in weeks_due(WINDOW, CLOSES)] == [1, 2, 3, 4]


def _t(nominee: str, votes: int, minute: int | None, position: int) -> Tally:
    reached = None if minute is None else OPENS + timedelta(minutes=minute)
    return Tally(nominee, votes, reached, position)


def test_equal_votes_share_a_rank() -> None:
    standing = ranked([_t("a", 3, 5, 0), _t("b", 9, 1, 1), _t("c", 3, 2, 2), _t("d", 1, 9, 3)])
    assert [(t.nominee, rank) for t, rank in standing] == [("b", 1), ("c", 2), ("a", 2), ("d", 4)]


def test_the_top_n_are_finalists_and_no_tie_is_reported_when_the_cut_is_clear() -> None:
    result = finalists([_t("a", 5, 1, 0), _t("b", 4, 1, 1), _t("c", 3, 1, 2), _t("d", 1, 1, 3)], 2)
    assert [t.nominee for t, _ in result.chosen] == ["a", "b"]
    assert result.tie_at_cut is False and result.tie_break is None


def test_a_tie_at_the_cut_goes_to_whoever_reached_that_count_first() -> None:
    tallies = [_t("a", 9, 1, 0), _t("late", 4, 50, 1), _t("early", 4, 10, 2), _t("mid", 4, 30, 3),
               _t("e", 1, 1, 4)]
    result = finalists(tallies, 3)
    assert [t.nominee for t, _ in result.chosen] == ["a", "early", "mid"]
    assert [rank for _, rank in result.chosen] == [1, 2, 2]
    assert result.tie_at_cut is True
    assert "3 nominees had 4 votes at place 3" in result.tie_break
    assert "not kept late" in result.tie_break


def test_a_tie_above_the_cut_is_no_tie_at_the_cut() -> None:
    result = finalists([_t("a", 4, 1, 0), _t("b", 4, 2, 1), _t("c", 1, 1, 2)], 2)
    assert result.tie_at_cut is False and [t.nominee for t, _ in result.chosen] == ["a", "b"]


def test_nominees_without_votes_tied_at_the_cut_keep_the_ballot_order() -> None:
    result = finalists([_t("z", 0, None, 0), _t("a", 2, 3, 1), _t("y", 0, None, 2)], 2)
    assert [t.nominee for t, _ in result.chosen] == ["a", "z"]
    assert result.tie_at_cut and "ballot's order" in result.tie_break


def test_fewer_nominees_than_finalists_are_all_finalists() -> None:
    result = finalists([_t("a", 0, None, 0), _t("b", 0, None, 1)], 5)
    assert len(result.chosen) == 2 and result.tie_at_cut is False


def test_bursts_are_runs_of_votes_sharing_a_trait_within_the_window() -> None:
    minute = timedelta(minutes=1)
    rows = [("C4", "s1", "10.0.0.9", OPENS + i * minute) for i in range(6)]  # 6 in 5 minutes
    rows += [("C4", "s1", "10.0.0.9", OPENS + timedelta(hours=5) + i * minute) for i in range(3)]
    rows += [("C4", "s1", "10.0.0.7", OPENS + i * 20 * minute) for i in range(10)]  # spread out
    rows.sort()
    found = bursts(rows, trait="address", window=timedelta(minutes=10), threshold=5)
    assert len(found) == 1
    assert (found[0].value, found[0].votes, found[0].first, found[0].last) == \
        ("10.0.0.9", 6, OPENS, OPENS + 5 * minute)
    assert bursts(rows, trait="address", window=timedelta(minutes=10), threshold=7) == []


def test_a_new_account_is_at_most_the_window_old_when_it_votes_and_a_clock_off_counts_it_too() -> None:
    at = datetime(2023, 1, 10, 12, 0, tzinfo=UTC)
    rows = [("C1", "a", at, at - timedelta(hours=48)), ("C1", "a", at, at - timedelta(hours=48) - SECOND),
            ("C1", "a", at, at + timedelta(minutes=1)), ("C1", "a", at, None)]
    (category,) = new_account_counts(rows, NewAccountRule())
    assert (category.votes, category.known, category.new) == (4, 3, 2)
    assert category.nominees[0].rest_share is None and not category.nominees[0].flagged, "nothing to compare"


def test_a_nominee_is_flagged_from_least_votes_new_votes_at_ratio_times_the_rest_of_its_category() -> None:
    at, rule = datetime(2023, 1, 10, 12, 0, tzinfo=UTC), NewAccountRule(ratio=2.0, least_votes=5)
    new, old = at - timedelta(hours=1), at - timedelta(days=90)

    def flagged(a_new: int, a_old: int, b_new: int, b_old: int) -> bool:
        rows = ([("C1", "a", at, new)] * a_new + [("C1", "a", at, old)] * a_old
                + [("C1", "b", at, new)] * b_new + [("C1", "b", at, old)] * b_old)
        (category,) = new_account_counts(rows, rule)
        return next(n for n in category.nominees if n.nominee == "a").flagged

    assert flagged(5, 5, 1, 3), "50 % against 25 %: twice"
    assert not flagged(5, 6, 1, 3), "45 % against 25 %: less than twice"
    assert not flagged(4, 0, 0, 10), "4 new-account votes: too few, whatever the share"
    assert flagged(5, 95, 0, 100), "5 % against none at all"
