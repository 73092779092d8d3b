"""Reading a ballot of 360 nominees (18 categories of 20): a page per category shows each
nominee's first lines (the full text a click away), voters find a project by its title,
organisation or country, and move from one category to the next. Plain rules on the ballot
document of the voting API; no Flask here."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# ~40 words: two or three lines, enough to tell projects apart on a page of 20.
FIRST_WORDS = 40
# A query shorter than this matches half the ballot; longer than this is not a search.
SHORTEST_QUERY, LONGEST_QUERY = 2, 100


@dataclass(frozen=True)
class Excerpt:
    text: str
    cut: bool  # True when there is more to read


def first_words(text: str, count: int = FIRST_WORDS) -> Excerpt:
    words = text.split()
    if len(words) <= count:
        return Excerpt(text.strip(), False)
    return Excerpt(" ".join(words[:count]) + " …", True)


@dataclass(frozen=True)
class Found:
    category: str
    nominee: dict[str, Any]  # the ballot's entry: nominee, title, organisation, country, ...


def folded(text: str) -> str:
    """Case and accents set aside ("Côte" finds "cote"), as a voter types a name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_of(raw: str | None) -> str:
    """The query a voter typed, trimmed; '' when there is nothing to search for."""
    query = " ".join((raw or "").split())[:LONGEST_QUERY]
    return query if len(query) >= SHORTEST_QUERY else ""


def search(categories: Iterable[Mapping[str, Any]], query: str,
           country_names: Callable[[str], Iterable[str]]) -> list[Found]:
    """Nominees whose title, organisation or country (its code, or its name in any of
    `country_names(code)`) holds every word of `query`, in ballot order."""
    words = folded(query).split()
    if not words:
        return []
    found = []
    for group in categories:
        for nominee in group.get("nominees", []):
            haystack = folded(" ".join(_searchable(nominee, country_names)))
            if all(word in haystack for word in words):
                found.append(Found(group["category"], nominee))
    return found


def _searchable(nominee: Mapping[str, Any], country_names: Callable[[str], Iterable[str]]) -> list[str]:
    country = nominee.get("country") or ""
    return [nominee.get("title") or "", nominee.get("organisation") or "", country,
            *(country_names(country) if country else [])]


def neighbours(codes: list[str], code: str) -> tuple[str | None, str | None]:
    """The categories before and after `code` in the ballot's order (None at either end)."""
    index = codes.index(code)
    return (codes[index - 1] if index > 0 else None,
            codes[index + 1] if index + 1 < len(codes) else None)


def find(categories: Iterable[Mapping[str, Any]], nominee_id: str) -> Found | None:
    """A nominee by its id, with its category; None when it is on no list of this ballot."""
    for group in categories:
        for nominee in group.get("nominees", []):
            if nominee.get("nominee") == nominee_id:
                return Found(group["category"], nominee)
    return None
