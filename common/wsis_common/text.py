"""Normal forms for comparing what people type: organisation names and titles.

Shared because two services compare the same names: submission (one project per entity per
category, past winners' titles) and review (an expert never reviews their own organisation).
"""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# Words that do not tell one organisation from another ("The X Foundation" = "X foundation").
_ENTITY_NOISE = {"the", "of", "and", "for", "inc", "ltd", "llc", "sa", "ag", "gmbh"}


def fold(text: str) -> str:
    """Lower case, accents removed, every run of other characters one space."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_ALNUM.sub(" ", ascii_text.lower()).strip()


def organisation_key(name: str) -> str:
    """An organisation's name without case, accents, punctuation or noise words."""
    return " ".join(w for w in fold(name).split() if w not in _ENTITY_NOISE)


def entity_key(name: str, country: str) -> str:
    return f"{country.upper()}:{organisation_key(name)}"


def title_key(title: str) -> str:
    return fold(title)
