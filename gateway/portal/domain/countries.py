"""The country list (ISO 3166-1 alpha-2, names in the visitor's language, from Babel's CLDR
data) and the organisation types a stakeholder chooses from."""

from __future__ import annotations

from functools import cache

from babel import Locale

ORGANISATION_TYPES = (
    "government",
    "private_sector",
    "civil_society",
    "academia",
    "international_organisation",
    "other",
)
# CLDR territories that are not countries.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


@cache
def countries(locale: str = "en") -> list[tuple[str, str]]:
    names = Locale.parse(locale).territories
    return sorted(((code, name) for code, name in names.items()
                   if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES),
                  key=lambda item: item[1])


@cache
def country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries("en"))
