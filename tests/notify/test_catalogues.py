"""The mails' catalogues are complete: every string of notify's code and templates (extracted
now, as `make translations` does) is translated in each of the five other languages with the
same placeholders, the compiled .mo files say what the .po files say, and a category has the
very name the pages give it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from notify.i18n import CATEGORIES, TRANSLATIONS
from portal.i18n import TRANSLATIONS as PAGE_TRANSLATIONS

NOTIFY = Path(__file__).resolve().parents[2] / "services" / "notify"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "translate": (2,)}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TRANSLATED = ["ar", "es", "fr", "ru", "zh"]


def catalogue(folder: Path, language: str):
    with open(folder / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=language)


@pytest.fixture(scope="module")
def used() -> set[str | tuple[str, ...]]:
    with open(NOTIFY / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = {message if isinstance(message, str) else tuple(message[:2])
             for _f, _l, message, _c, _x in extract_from_dir(str(NOTIFY), method_map, options_map,
                                                             keywords=KEYWORDS)}
    assert len(found) > 90 and "Hello %(name)s," in found and "WSIS Prizes %(year)s" in found
    return found


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_of_the_mails_is_translated_with_its_placeholders(language: str, used) -> None:
    translated = {m.id if isinstance(m.id, str) else tuple(m.id): m
                  for m in catalogue(TRANSLATIONS, language) if m.id}
    missing = [m for m in used if m not in translated]
    assert not missing, f"{language}: not in the catalogue (run `make translations`): {missing}"
    for key in used:
        message = translated[key]
        assert not message.fuzzy, (language, key)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), f"{language}: untranslated {key!r}"
        sources = (key,) if isinstance(key, str) else key
        allowed = set().union(*(PLACEHOLDER.findall(s) for s in sources))
        for string in strings:
            # A plural form may leave out the number (Arabic, Chinese): never add a placeholder.
            assert set(PLACEHOLDER.findall(string)) <= allowed, (language, key)
            if isinstance(key, str):
                assert set(PLACEHOLDER.findall(string)) == allowed, (language, key)
            assert "%" not in PLACEHOLDER.sub("", string), f"{language}: a stray % in {string!r}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_mail_catalogue_is_the_source_catalogue(language: str) -> None:
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    with open(folder / "messages.mo", "rb") as mo:
        compiled = read_mo(mo)

    def entries(catalog) -> dict:
        return {(m.id if isinstance(m.id, str) else tuple(m.id)):
                (m.string if isinstance(m.string, str) else tuple(m.string))
                for m in catalog if m.id and (m.string if isinstance(m.string, str) else any(m.string))}

    source = catalogue(TRANSLATIONS, language)
    assert entries(compiled) == entries(source), f"{language}: run `make translations`"


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_category_has_the_name_the_pages_give_it(language: str) -> None:
    mails, pages = catalogue(TRANSLATIONS, language), catalogue(PAGE_TRANSLATIONS, language)
    for code, name in CATEGORIES.items():
        assert mails.get(name).string == pages.get(name).string, (language, code)
