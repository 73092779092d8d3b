"""Dates are shown once, in Geneva time and the page's language (the machine-readable instant
only in <time datetime>), and every text about a phase is right before, during and after it:
a closed window says it closed, and after the ceremony the results call the other finalists
champions, not every finalist."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from flask import render_template_string

from portal.pages.blueprint import render
from portal.pages.results import entries
from tests.e2e.editions import edition_2023
from tests.pages.test_reasons import stakeholder  # noqa: F401  (a fixture)
from wsis_common.clock import GENEVA, clock

ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}")


@pytest.fixture
def at():
    def set_clock(local: str) -> None:
        clock.set(datetime.fromisoformat(local).replace(tzinfo=GENEVA))

    yield set_clock
    clock.set(None)


def visible(html: str) -> str:
    """What a reader sees: the text without tags, scripts or attributes, spaces collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(span|time|a|strong|em)\b[^>]*>", "", html)  # inline: no break
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def banner(html: str) -> str:
    return visible(re.search(r'<p class="phase-ends">(.*?)</p>', html, re.S).group(1))


def test_a_date_shows_once_in_geneva_time_in_the_pages_language(pclient, at) -> None:
    at("2022-11-01T10:00")
    html = pclient.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert banner(html) == "Submissions close on December 7, 2022, 23:00 (Geneva time)."
    assert '<time datetime="2022-12-07T22:00:00Z" data-local-time>' in html
    french = pclient.get("/login", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert banner(french) == "Les soumissions sont closes le 7 décembre 2022, 23:00 (heure de Genève)."
    for page in (html, french, pclient.get("/").get_data(as_text=True)):
        text = visible(page)
        assert not ISO.search(text), ISO.search(text)
        assert "UTC" not in text


def test_the_visitors_own_time_waits_for_the_script_and_never_shows_an_iso_string(pclient, at) -> None:
    at("2023-01-10T10:00")
    html = pclient.get("/login", headers={"Accept-Language": "zh"}).get_data(as_text=True)
    local = re.search(r'<span class="when-local" data-template="([^"]*)" hidden></span>', html)
    assert local is not None and local.group(1) == "\uff08您的时间\uff1a{time}\uff09"


def _results(data: dict | None, language: str = "en") -> str:
    categories = [(c, *entries(c)) for c in (data or {}).get("categories", [])]
    return visible(render("results.html", edition=edition_2023(2023), year=2023, data=data,
                          categories=categories)[0])


FINALISTS = [{"submission_id": f"s{n}", "title": f"Project {n}"} for n in range(1, 4)]


def test_the_results_page_speaks_of_each_phase_in_its_tense(pages_app, pctx, at) -> None:
    with pages_app.test_request_context("/editions/2023/results", headers={"Accept-Language": "en"}):
        at("2023-01-10T10:00")
        assert ("The finalists are known when the vote closes on January 25, 2023, 23:00 (Geneva time)"
                in _results(None))
        at("2023-02-01T10:00")
        closed = _results(None)
        assert "The vote closed on January 25, 2023, 23:00 (Geneva time); the winners are announced" in closed
        assert "when the vote closes" not in closed

        before = _results({"announced": False, "categories": [{"category": "C1", "finalists": FINALISTS}]})
        assert "Until the prize ceremony every finalist is called a champion" in before
        assert "Champions Project 1 Project 2 Project 3" in before and "Winner" not in before

        at("2023-03-15T10:00")
        announced = {"announced": True, "categories": [{"category": "C1", "winner": FINALISTS[0],
                                                        "champions": FINALISTS[1:]}]}
        after = _results(announced)
        assert ("The winners were announced at the prize ceremony on March 14, 2023, 18:00 (Geneva time); "
                "every other finalist is a champion.") in after
        assert "Until the prize ceremony" not in after
        assert "Winner Project 1 Champions Project 2 Project 3" in after
        assert "The results are not published yet. The winners were announced" in _results(None)


@pytest.mark.parametrize(("local", "expected"), [
    ("2022-12-24T23:59:59", "The vote opens on December 25, 2022, 00:00 (Geneva time)."),
    ("2023-01-25T22:59:59", "The vote is open from December 25, 2022, 00:00 (Geneva time) until "
                            "January 25, 2023, 23:00 (Geneva time)."),
    ("2023-01-25T23:00:00", "The vote closed on January 25, 2023, 23:00 (Geneva time); no vote is "
                            "taken after the deadline."),
])
def test_the_vote_pages_sentence_fits_before_during_and_after_the_vote(pages_app, pctx, at, local: str,
                                                                         expected: str) -> None:
    at(local)
    with pages_app.test_request_context("/", headers={"Accept-Language": "en"}):
        html = render_template_string('{% from "_macros.html" import vote_window with context %}'
                                      "{{ vote_window(edition) }}", edition=edition_2023(2023))
    assert visible(html) == expected


def test_the_questionnaire_and_my_submissions_say_the_window_closed_after_the_deadline(stakeholder,  # noqa: F811
                                                                                       at) -> None:
    at("2022-11-01T12:00")
    mine = visible(stakeholder.get("/editions/2023/submissions").get_data(as_text=True))
    assert ("You can change, submit or withdraw your projects until December 7, 2022, 23:00 "
            "(Geneva time).") in mine
    at("2022-12-07T23:00")
    mine = visible(stakeholder.get("/editions/2023/submissions").get_data(as_text=True))
    assert ("Submissions closed on December 7, 2022, 23:00 (Geneva time); your projects can no longer "
            "be changed or withdrawn.") in mine and "Submit a new project" not in mine
    form = visible(stakeholder.get("/editions/2023/submit").get_data(as_text=True))
    assert ("Submissions closed on December 7, 2022, 23:00 (Geneva time); nothing is accepted "
            "after it.") in form
    assert "Submissions open on" not in form and "not open now" not in form
