"""Normal forms for comparing what people type: entity names and titles."""

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


def entity_key(name: str, country: str) -> str:
    words = [w for w in fold(name).split() if w not in _ENTITY_NOISE]
    return f"{country.upper()}:{' '.join(words)}"


def title_key(title: str) -> str:
    return fold(title)
