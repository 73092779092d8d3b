"""The ranking of a category: the mean of each expert's mean, disagreement shown as standard
deviation and range (flagged when large), ties sharing a rank, incomplete and non-compliant
submissions not ranked, and only the reviews of experts who may review a submission counted."""

from __future__ import annotations

import pytest

from review.domain.criteria import Scale
from review.domain.ranking import Candidate, Sheet, rank
from tests.review.flows import BASE, assign, assigned_submission, put_review, record_expert, reviewed_category
from tests.review.support import ADMIN, full_scores


def _sheet(expert: str, value: int, complies: bool = True, **overrides: int) -> Sheet:
    return Sheet(expert, complies, "" if complies else "fails rule 3", full_scores(value, **overrides))


def test_the_score_is_the_mean_of_the_expert_means_and_disagreement_is_their_spread():
    a = Candidate("a", "Alpha", [_sheet("x", 5), _sheet("y", 3)])  # means 5 and 3
    b = Candidate("b", "Beta", [_sheet("x", 4, alignment=2), _sheet("y", 4)])  # 3.75 and 4
    standings = rank([b, a], required=2, scale=Scale())
    first, second = standings
    assert (first.submission_id, first.score, first.rank) == ("a", 4.0, 1)
    assert first.range == 2.0 and first.stdev == pytest.approx(1.0) and first.large_disagreement
    assert second.score == pytest.approx(3.875) and second.range == pytest.approx(0.25)
    assert not second.large_disagreement
    assert second.criteria["alignment"] == 3.0


def test_disagreement_is_large_from_a_quarter_of_the_scale():
    on_ten = Scale(0, 10)
    small = rank([Candidate("s", "S", [_sheet("x", 5), _sheet("y", 7)])], required=2, scale=on_ten)[0]
    large = rank([Candidate("l", "L", [_sheet("x", 5), _sheet("y", 8)])], required=2, scale=on_ten)[0]
    assert not small.large_disagreement and large.large_disagreement


def test_equal_scores_share_a_rank_and_the_unranked_come_last():
    standings = rank([
        Candidate("1", "One", [_sheet("x", 4), _sheet("y", 4)]),
        Candidate("2", "Two", [_sheet("x", 4), _sheet("y", 4)]),
        Candidate("3", "Three", [_sheet("x", 3), _sheet("y", 3)]),
        Candidate("4", "Four", [_sheet("x", 5)]),  # one review of two
        Candidate("5", "Five", [_sheet("x", 5), _sheet("y", 5, complies=False)]),
    ], required=2, scale=Scale())
    assert [(s.submission_id, s.rank) for s in standings] == [
        ("1", 1), ("2", 1), ("3", 3), ("5", None), ("4", None)]
    assert standings[3].out and not standings[4].complete


def test_the_chairs_ranking_shows_the_method_the_experts_and_counts_only_assigned_experts(ctx, client):
    subs = reviewed_category(ctx, client, [5, 3], category="C4")
    # A third expert reviewed the second project, then was unassigned: that review stops counting.
    record_expert(client, "exp-c")
    assignment = assign(client, "exp-c", submission_id=subs[1]["submission_id"]).json["assignment"]
    put_review(client, "exp-c", subs[1]["submission_id"], 1)
    assert client.delete(f"{BASE}/assignments/{assignment['id']}", headers=ADMIN).status_code == 204

    ranking = client.get(f"{BASE}/categories/C4/ranking", headers=ADMIN).json
    assert "mean of those expert means" in ranking["aggregation"]
    assert [s["score"] for s in ranking["standings"]] == [5.0, 3.0]
    second = ranking["standings"][1]
    assert sorted(e["expert_id"] for e in second["experts"]) == ["exp-a", "exp-b"]
    assert second["reviews"] == 2 and second["large_disagreement"] is False


def test_a_large_disagreement_is_flagged_in_the_chairs_ranking(ctx, client):
    sid = assigned_submission(ctx, client, ("exp-a", "exp-b"))
    put_review(client, "exp-a", sid, 5)
    put_review(client, "exp-b", sid, 2)
    standing = client.get(f"{BASE}/categories/C4/ranking", headers=ADMIN).json["standings"][0]
    assert standing["large_disagreement"] is True and standing["range"] == 3.0 and standing["stdev"] == 1.5
    # Where the disagreement comes from: each expert's name and scores per criterion.
    sheets = {e["name"]: e["scores"] for e in standing["experts"]}
    assert set(sheets) == {"Exp-A", "Exp-B"} and set(sheets["Exp-A"].values()) == {5}
    assert set(sheets["Exp-B"].values()) == {2}
