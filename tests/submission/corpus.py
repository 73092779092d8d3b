"""Texts for submissions: valid English answers of the right lengths, and near-duplicates."""

from __future__ import annotations

import random
from typing import Any

_VOCABULARY = """
digital health clinic rural community nurse training mobile network data platform farmers
market price information school teacher student learning content local language women
girls access broadband village connectivity solar power service government online
registration identity payment small business entrepreneur skills jobs youth employment
climate weather forecast water management early warning disaster response open source
library archive heritage culture media radio television journalism privacy security trust
cooperation partner university research science laboratory innovation inclusion disability
accessibility elderly care hospital patient record telemedicine vaccination maternal child
the a of and to in for with on by from that this which their our its has have was were is
are be been more most all each every many new first through across between within
"""
WORDS = _VOCABULARY.split()


def sentence_text(n_words: int, seed: int) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    while len(words) < n_words:
        length = rng.randint(8, 16)
        chunk = [rng.choice(WORDS) for _ in range(length)]
        chunk[0] = chunk[0].capitalize()
        words += chunk
        words[-1] += "."
    words = words[:n_words]
    if not words[-1].endswith("."):
        words[-1] += "."
    return " ".join(words)


# Tokens a word processor counts as one word each and a naive counter splits (issue 16).
ONE_WORD_EACH = ("https://www.wsis.org/prizes", "wsis-prizes@itu.int", "23:00", "07/12/2022",
                 "24/7", "and/or", "US$2.4", "1,500", "3.5%", "e-health", "don't", "people\u2019s",
                 "(ICT4D)", "U.N.", "www.itu.int/net4/wsis/stocktaking")


def rich_text(n_words: int, seed: int) -> str:
    """`sentence_text` with one word in five a URL, e-mail, time, date, amount and the like:
    still `n_words` words by a word processor's count (tests/common/data/word_counts.json)."""
    rng = random.Random(seed)
    words = sentence_text(n_words, seed).split(" ")
    for i in range(2, len(words) - 1, 5):
        words[i] = rng.choice(ONE_WORD_EACH)
    return " ".join(words)


def project_2023(seed: int, *, category: str = "C7-HLT", entity: str = "Digital Health Kenya",
                 title: str | None = None, country: str = "KE") -> dict[str, Any]:
    return {
        "category": category,
        "title": title or f"Project {seed}: {sentence_text(5, seed)[:-1]}",
        "entity": {"name": entity, "type": "Civil society", "country": country},
        "coordinator": {"name": "Amina Odhiambo", "email": "amina@example.org"},
        "project_status": "completed",
        "sdgs": [3, 10],
        "answers": {
            "short_description": sentence_text(170, seed * 10 + 1),
            "impact": sentence_text(120, seed * 10 + 2),
            "partnerships": sentence_text(60, seed * 10 + 3),
            "challenges_and_prospects": sentence_text(60, seed * 10 + 4),
            "sdg_links": {"3": sentence_text(40, seed * 10 + 5), "10": sentence_text(40, seed * 10 + 6)},
        },
    }


def project_2018(seed: int, **kwargs: Any) -> dict[str, Any]:
    data = project_2023(seed, **kwargs)
    data["sdgs"] = []
    data["answers"] = {"summary": sentence_text(90, seed * 10 + 7),
                       "project_information": sentence_text(1600, seed * 10 + 8)}
    return data


def lightly_edited(text: str, every: int = 12, seed: int = 0) -> str:
    """Change one word in `every` (a reworded sentence here and there)."""
    rng = random.Random(seed)
    words = text.split()
    for i in range(0, len(words), every):
        words[i] = rng.choice(WORDS)
    return " ".join(words)
