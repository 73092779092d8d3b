"""The catalogues of the six UN languages are complete: every string the pages' code and
templates use (extracted now, as `make translations` does) is translated in each language,
with the same placeholders, and the compiled .mo files say what the .po files say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from portal.i18n import LANGUAGES, TRANSLATIONS

GATEWAY = Path(__file__).resolve().parents[2] / "gateway"
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "_l": None, "N_": None}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def used_messages() -> set[str | tuple[str, ...]]:
    with open(GATEWAY / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(GATEWAY), method_map, options_map, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


@pytest.fixture(scope="module")
def used() -> set[str | tuple[str, ...]]:
    messages = used_messages()
    assert len(messages) > 250
    return messages


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_string_of_the_pages_is_translated_with_its_placeholders(language: str, used) -> None:
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po, locale=language)
    translated = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in catalog if m.id}
    missing = [m for m in used if m not in translated]
    assert not missing, f"{language}: not in the catalogue (run `make translations`): {missing}"
    for key in used:
        message = translated[key]
        assert not message.fuzzy, (language, key)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), f"{language}: untranslated {key!r}"
        source = key if isinstance(key, str) else key[0]
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == set(PLACEHOLDER.findall(source)), (language, key)
            assert "%" not in PLACEHOLDER.sub("", string), f"{language}: a stray % in {string!r}"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_compiled_catalogue_is_the_source_catalogue(language: str) -> None:
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as po, open(folder / "messages.mo", "rb") as mo:
        source, compiled = read_po(po, locale=language), read_mo(mo)
    def entries(catalog) -> dict:
        return {(m.id if isinstance(m.id, str) else tuple(m.id)):
                (m.string if isinstance(m.string, str) else tuple(m.string)) for m in catalog if m.id}

    assert entries(compiled) == entries(source), f"{language}: run `make translations`"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Skip to the main content"), ("fr", "Aller au contenu principal"),
    ("es", "Ir al contenido principal"), ("ru", "Перейти к основному содержанию"),
    ("zh", "跳到主要内容"), ("ar", "الانتقال إلى المحتوى الرئيسي"),
])
def test_each_language_is_served_and_says_submissions_are_in_english(pclient, language: str,
                                                                      expected: str) -> None:
    html = pclient.get("/", headers={"Accept-Language": language}).get_data(as_text=True)
    assert expected in html
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po, locale=language)
    rule_10 = catalog.get("Write your submission in English.").string
    assert rule_10 in html, f"{language}: the English-only rule in the visitor's language"
