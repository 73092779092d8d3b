"""Issue 16: each box's word limits show on the questionnaire before the stakeholder types,
in the page's language, the SDG-link boxes too (each in its box, shown as its SDG is ticked)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest

from portal.i18n import LANGUAGES
from portal.pages.forms import FormErrors, field_id
from portal.pages.questionnaire import _page
from tests.e2e.editions import FORM_2023
from wsis_common.clock import GENEVA, clock


@pytest.fixture
def submission_phase() -> Iterator[None]:
    clock.set(datetime(2022, 11, 1, 10, 0, tzinfo=GENEVA))
    yield
    clock.set(None)


def hint(html: str, name: str) -> str:
    found = re.search(rf'<p class="hint" id="{re.escape(field_id(name))}-hint">(.*?)</p>', html, re.S)
    assert found, f"no hint for {name}"
    return " ".join(found.group(1).split())


def empty_form_page(pages_app, language: str) -> str:
    """The questionnaire as a GET shows it: nothing typed yet."""
    with pages_app.test_request_context(headers={"Accept-Language": language}):
        body, status = _page(2023, FORM_2023, {"sdgs": set()}, FormErrors())
    assert status == 200
    return body


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_boxs_limits_show_before_typing_in_the_pages_language(
        pages_app, pctx, submission_phase, language: str) -> None:
    html = empty_form_page(pages_app, language)
    english = empty_form_page(pages_app, "en")
    names = [f"answers.{box['name']}" for box in FORM_2023["boxes"]]
    names += [f"answers.sdg_links.{number}" for number in range(1, 18)]
    for name in names:
        limits = next((b for b in FORM_2023["boxes"] if f"answers.{b['name']}" == name),
                      FORM_2023["sdg_links"])
        shown = hint(html, name)
        for number in (limits.get("min_words"), limits.get("max_words")):
            if number:
                assert str(number) in shown, (language, name, shown)
        assert language == "en" or shown != hint(english, name), (language, name, shown)
