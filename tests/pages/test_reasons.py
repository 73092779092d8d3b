"""The questionnaire's refusals in the visitor's language: the pages in-process, calling the real
submission service (served on a local port, on its own PostgreSQL database) that checks every
rule. Every reason is translated (none shown as English), dates are in Geneva time, languages
are named, and the summary lists the reasons in the order of the form's inputs."""

from __future__ import annotations

import html as markup
import re
from urllib.parse import urlsplit

import pytest

from devstack.corpus import sentence_text
from tests.e2e.editions import edition_2023
from tests.pages.conftest import csrf_of, outbox_links, register_and_log_in, store_edition
from wsis_common.clock import GENEVA, clock

FRENCH = ("Ce projet aide les petits agriculteurs des zones rurales à obtenir chaque jour des informations "
          "sur la météo et les prix des récoltes sur leur téléphone portable, sans frais pour eux.")
SWAHILI = ("Mradi huu unasaidia wakulima wadogo vijijini kupata taarifa za hali ya hewa na bei za mazao "
           "kupitia simu za mkononi kila siku bila malipo yoyote.")
SHORT_SWAHILI = " ".join(SWAHILI.split()[:20])  # under the 25-word floor, and not English
# The questionnaire of 2023 from top to bottom, as a stakeholder reads it.
FORM_ORDER = ["category", "title", "project_status", "entity-name", "entity-type", "entity-country",
              "coordinator-name", "coordinator-email", "answers-short_description", "answers-impact",
              "answers-partnerships", "answers-challenges_and_prospects", "answers-sdg_links-3",
              "answers-sdg_links-5"]
STAKEHOLDER = {"user_name": "kofi", "email": "kofi@example.org", "password": "long enough secret",
               "organisation_name": "Kijiji Data", "organisation_type": "civil_society", "country": "KE"}


@pytest.fixture
def stakeholder(pclient, pctx, submission_api, request):
    """A logged-in stakeholder with a confirmed e-mail address during the 2023 submission
    phase, whose pages call the submission service."""
    clock.set(_geneva("2022-11-01T12:00"))
    request.addfinalizer(lambda: clock.set(None))
    register_and_log_in(pclient, STAKEHOLDER)
    link = urlsplit(outbox_links(pctx)[-1])
    assert pclient.get(f"{link.path}?{link.query}").status_code == 200
    return pclient


def _geneva(local: str):
    from datetime import datetime

    return datetime.fromisoformat(local).replace(tzinfo=GENEVA)


def _post(client, language: str, **fields: str | list[str]) -> tuple[int, str]:
    headers = {"Accept-Language": language}
    token = csrf_of(client, "/profile")  # the questionnaire has no form once the window is closed
    response = client.post("/editions/2023/submit", headers=headers,
                           data={"csrf_token": token, "action": "submit", **fields})
    return response.status_code, response.get_data(as_text=True)


def _summary(page: str) -> list[tuple[str | None, str]]:
    """(the input it links to, the text) of each item of the error summary."""
    block = page.split('class="error-summary"', 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", block, re.S)
    out = []
    for item in items:
        link = re.search(r'href="#f-([^"]+)"', item)
        text = markup.unescape(re.sub(r"<[^>]+>", " ", item))
        out.append((link.group(1) if link else None, " ".join(text.split())))
    return out


def _breaking_every_rule() -> dict[str, str | list[str]]:
    return {"category": "", "title": "", "entity.name": "", "entity.type": "", "entity.country": "",
            "coordinator.name": "", "coordinator.email": "nope", "project_status": "",
            "sdgs": ["3"], "answers.sdg_links.3": "Too short.", "answers.sdg_links.5": sentence_text(35, 3),
            "answers.short_description": FRENCH, "answers.impact": SHORT_SWAHILI,
            "answers.partnerships": "", "answers.challenges_and_prospects": sentence_text(20, 4)}


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", ["Choisissez exactement une des 18 catégories.", "ce texte semble être en français",
            "ce texte semble être en swahili", "doit être achevé, ou une phase clé conclue"]),
    ("ar", ["اختر فئة واحدة بالضبط من الفئات الثماني عشرة.", "الفرنسية", "السواحلية"]),
])
def test_a_questionnaire_breaking_every_rule_is_refused_in_the_visitors_language_in_the_forms_order(
        stakeholder, language: str, expected: list[str]) -> None:
    status, page = _post(stakeholder, language, **_breaking_every_rule())
    assert status == 422
    summary = _summary(page)
    assert len(summary) >= 16
    for wanted in expected:
        assert any(wanted in text for _name, text in summary), (wanted, summary)
    assert 'lang="en" dir="ltr">' not in page.split('class="error-summary"', 1)[1].split("</form>", 1)[0]
    shown = " ".join(text for _name, text in summary)
    assert "key_phase_concluded" not in shown and "(completed" not in shown
    assert not re.search(r"\b(sw|fr)\b", shown), shown  # languages named, never a bare code
    linked = [name for name, _text in summary if name]
    assert linked == sorted(linked, key=FORM_ORDER.index), linked
    assert [name for name, _text in summary][-1] is not None  # every reason here belongs to an input


def test_a_closed_window_is_said_in_french_with_the_date_in_geneva_time(stakeholder, pctx) -> None:
    # The gateway's copy of the edition still has the old deadline (the change is on its way),
    # so the page shows the form; the service, which decides, has closed.
    late = edition_2023(2023)
    late["phases"] = {**late["phases"], "submission_closes": "2022-12-08T23:00:00+01:00"}
    store_edition(pctx, late)
    clock.set(_geneva("2022-12-07T23:00"))
    status, page = _post(stakeholder, "fr", **_breaking_every_rule())
    assert status == 422
    [(name, text)] = _summary(page)
    assert name is None
    assert text == ("Les soumissions ont été clôturées le 7 décembre 2022, 23:00 (heure de Genève) "
                    "; plus rien n'est accepté après cette date."), text
    assert "2022-12-07T" not in text
