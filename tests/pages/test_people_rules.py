"""The console's people rules alone (portal/domain/people.py): paging, the filters kept from
an address, and the roster's conflicts of interest and loads from the review service's answer."""

from __future__ import annotations

from portal.domain.people import AccountFilter, MailFilter, Paging, page_number, roster, submission_loads

OVERVIEW = {
    "per_submission": 2,
    "assignments": [{"id": 1, "expert_id": "kofi", "category": "C4", "submission_id": None},
                    {"id": 2, "expert_id": "gone", "category": None, "submission_id": "s2"}],
    "submissions": [
        {"submission_id": "s1", "category": "C4", "title": "Open Data", "entity": "CODE FOR AFRICA",
         "reviewers": [], "reviews_done": []},
        {"submission_id": "s2", "category": "C4", "title": "Schools", "entity": "Teachers",
         "reviewers": ["kofi", "gone"], "reviews_done": ["kofi"]},
    ],
    "load": {"kofi": 1, "gone": 1},
}
ACCOUNTS = [{"id": "kofi", "user_name": "kofi", "email": "k@x.org",
             "organisation": {"name": "Code for Africa"}},
            {"id": "ines", "user_name": "ines", "email": "i@x.org", "organisation": {"name": "Teachers"}}]


def test_an_expert_sees_their_own_organisations_projects_as_conflicts_and_their_load() -> None:
    experts = {e.account_id: e for e in roster(ACCOUNTS, [{"account_id": "kofi", "organisation": {
        "name": "Code for Africa"}}], OVERVIEW)}
    assert [c.title for c in experts["kofi"].conflicts] == ["Open Data"]
    assert experts["kofi"].load == 1 and experts["kofi"].recorded and not experts["ines"].recorded
    assert [c.title for c in experts["ines"].conflicts] == ["Schools"]  # before any assignment
    assert experts["gone"].has_role is False and experts["gone"].assigned[0].title == "Schools"


def test_each_submission_says_how_many_reviewers_it_still_lacks() -> None:
    assert [(s.title, s.missing, s.reviews_done) for s in submission_loads(OVERVIEW)] == [
        ("Open Data", 2, 0), ("Schools", 0, 1)]


def test_paging_and_filters_never_fail_on_what_an_address_holds() -> None:
    assert [page_number(v) for v in (None, "", "x", "-3", "2", "99999999")] == [1, 1, 1, 1, 2, 10_000]
    paging = Paging(3, 101, 50)
    assert (paging.offset, paging.pages, paging.previous, paging.next) == (100, 3, 2, None)
    assert AccountFilter.of({"role": "chair", "verified": "maybe", "q": " kofi "}).as_args() == {"q": "kofi"}
    assert MailFilter.of({"status": "lost", "kind": "receipt"}).api_params(Paging(2, 0, 10)) == {
        "kind": "receipt", "limit": 10, "offset": 10}
