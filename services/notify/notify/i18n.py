"""Mails in the language each recipient chose (one of the six UN languages; English when
unknown): the gettext catalogues of notify (translations/<lang>/LC_MESSAGES, built by
`make translations` like the pages'), and dates and numbers written as that language writes
them, in Geneva time."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import Translations

from wsis_common.clock import in_geneva
from wsis_common.languages import known

TRANSLATIONS = Path(__file__).parent / "translations"
# English mails write dates the British (and UN) way: 25 December 2022.
_BABEL_LOCALE = {"en": "en_GB"}


def N_(message: str) -> str:
    """Marks a string for the catalogue; it is translated where it is used."""
    return message


# The 18 categories (action lines) with the very names the pages translate
# (gateway/portal/pages/labels.py): the same msgids, so one translation in both catalogues
# (tests/notify/test_catalogues.py holds them equal).
CATEGORIES = {
    "C1": N_("The role of public governance authorities and all stakeholders in the promotion of ICTs "
             "for development"),
    "C2": N_("Information and communication infrastructure"),
    "C3": N_("Access to information and knowledge"),
    "C4": N_("Capacity building"),
    "C5": N_("Building confidence and security in the use of ICTs"),
    "C6": N_("Enabling environment"),
    "C7-GOV": N_("ICT applications: E-government"),
    "C7-BUS": N_("ICT applications: E-business"),
    "C7-LRN": N_("ICT applications: E-learning"),
    "C7-HLT": N_("ICT applications: E-health"),
    "C7-EMP": N_("ICT applications: E-employment"),
    "C7-ENV": N_("ICT applications: E-environment"),
    "C7-AGR": N_("ICT applications: E-agriculture"),
    "C7-SCI": N_("ICT applications: E-science"),
    "C8": N_("Cultural diversity and identity, linguistic diversity and local content"),
    "C9": N_("Media"),
    "C10": N_("Ethical dimensions of the Information Society"),
    "C11": N_("International and regional cooperation"),
}


@cache
def translations(language: str) -> Translations:
    """The catalogue of one language; English (the msgids) when there is none."""
    return Translations.load(str(TRANSLATIONS), [known(language)], domain="messages")


def translate(language: str, message: str, **values: object) -> str:
    """`message` in `language` (extracted by `make translations` as translate:2)."""
    text = translations(language).gettext(message)
    return text % values if values else text


def category_name(code: str, language: str) -> str | None:
    return translate(language, CATEGORIES[code]) if code in CATEGORIES else None


def day(instant: datetime | None, language: str) -> str:
    """25 December 2022 / 25 décembre 2022 / 2022年12月25日: the Geneva calendar day."""
    if instant is None:
        return translate(language, "(date to be announced)")
    return format_date(in_geneva(instant).date(), "long", locale=_BABEL_LOCALE.get(language, language))


def moment(instant: datetime | None, language: str) -> str:
    """25 December 2022, 00:00 (Geneva time), in the mail's language."""
    if instant is None:
        return translate(language, "(date to be announced)")
    return translate(language, "%(date)s, %(time)s (Geneva time)", date=day(instant, language),
                   time=in_geneva(instant).strftime("%H:%M"))


def number(value: int, language: str) -> str:
    return format_decimal(value, locale=_BABEL_LOCALE.get(language, language))


def signed(value: int, language: str) -> str:
    """+45 / -3 / 0: a change of votes."""
    sign = "+" if value > 0 else "-" if value < 0 else ""
    return sign + number(abs(value), language)
