"""The duplicate corpus: pairs of project texts, each of a kind that is the same project
(rule 3: must be refused the second time) or a different project (must be accepted).

Built from the hand-written texts in paraphrase_texts.py. The paraphrases, summaries,
partners' introductions, reworded titles, "About us" paragraphs and templates are written
by hand; light edits, reordering and the other category's framing are made here, reproducibly.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from devstack.paraphrase_texts import (
    BOILERPLATE,
    PARAPHRASES,
    PARTNERS,
    PROJECTS,
    REWORDED_TITLES,
    SUMMARIES,
    TEMPLATES,
    Project,
)
from submission.domain import anchors, similarity
from submission.service.fingerprints import Signals, signals


@dataclass(frozen=True)
class Pair:
    kind: str
    same: bool
    first: Project
    second: Project

    @property
    def same_entity(self) -> bool:
        return self.first.entity == self.second.entity


SAME_KINDS = ("full paraphrase", "reworded title, light edits", "reordered paragraphs",
              "submitted by a partner", "in another category", "summarised / translated back")
DIFFERENT_KINDS = ("same topic, other project", "same organisation, shared boilerplate",
                   "same country and donor", "same template wording")
_FILLERS = ["also", "then", "further", "indeed", "notably", "here", "there", "now", "already", "still"]
_FRAMING = {"C7-HLT": "C3", "C7-AGR": "C7-BUS", "C4": "C7-EMP", "C2": "C7-LRN", "C7-ENV": "C7-SCI",
            "C7-GOV": "C1", "C7-BUS": "C7-EMP", "C8": "C7-LRN"}


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _lightly_edited(text: str, every: int, seed: int) -> str:
    """One word in `every` swapped for a filler word, paragraph breaks kept."""
    rng = random.Random(seed)
    out = []
    for paragraph in _paragraphs(text):
        words = paragraph.split()
        for i in range(rng.randrange(every), len(words), every):
            words[i] = rng.choice(_FILLERS)
        out.append(" ".join(words))
    return "\n\n".join(out)


def _with(project: Project, **changes: str) -> Project:
    return Project(**{**project.__dict__, **changes})


def same_project_pairs() -> list[Pair]:
    pairs = []
    for i, (title, text) in PARAPHRASES.items():
        base = PROJECTS[i]
        pairs.append(Pair("full paraphrase", True, base, _with(base, title=title, text=text)))
        pairs.append(Pair("reworded title, light edits", True, base,
                          _with(base, title=REWORDED_TITLES[i], text=_lightly_edited(base.text, 8, i))))
        paragraphs = _paragraphs(base.text)
        pairs.append(Pair("reordered paragraphs", True, base,
                          _with(base, text="\n\n".join([paragraphs[2], paragraphs[0], paragraphs[1]]))))
        partner, intro = PARTNERS[i]
        para = _paragraphs(text)
        pairs.append(Pair("submitted by a partner", True, base,
                          _with(base, entity=partner, title=title,
                                text="\n\n".join([intro, _lightly_edited(paragraphs[0], 6, i), *para[1:]]))))
        framing = (f"This submission presents {base.title.split(':')[0]} under the category "
                   f"{_FRAMING[base.category]}, where its contribution is most visible.")
        pairs.append(Pair("in another category", True, base,
                          _with(base, category=_FRAMING[base.category], title=REWORDED_TITLES[i],
                                text="\n\n".join([framing, *para[:2], paragraphs[2]]))))
        pairs.append(Pair("summarised / translated back", True, base,
                          _with(base, title=REWORDED_TITLES[i], text=SUMMARIES[i])))
    return pairs


def different_project_pairs() -> list[Pair]:
    pairs = [Pair("same topic, other project", False, PROJECTS[i], PROJECTS[i + 1])
             for i in range(0, len(PROJECTS), 2)]
    pairs += [Pair("same country and donor", False, PROJECTS[i], PROJECTS[(i + 1) % len(PROJECTS)])
              for i in range(1, len(PROJECTS), 2)]
    for n, (entity, about) in enumerate(BOILERPLATE.items()):
        for i in (4 * n, 4 * n + 2):  # two pairs per organisation: same topic, and not
            a, b = PROJECTS[i], PROJECTS[i + 1 if i % 4 == 0 else (i + 5) % len(PROJECTS)]
            pairs.append(Pair("same organisation, shared boilerplate", False,
                              _with(a, entity=entity, text=f"{a.text}\n\n{about}"),
                              _with(b, entity=entity, text=f"{b.text}\n\n{about}")))
    for n in range(8):
        opening, closing = TEMPLATES[n % len(TEMPLATES)]
        a, b = PROJECTS[n], PROJECTS[(n + 3 + n % 5) % len(PROJECTS)]
        pairs.append(Pair("same template wording", False,
                          _with(a, text=f"{opening}\n\n{a.text}\n\n{closing}"),
                          _with(b, text=f"{opening}\n\n{b.text}\n\n{closing}")))
    return pairs


def all_pairs() -> list[Pair]:
    return same_project_pairs() + different_project_pairs()


# -- how the service decides, pair by pair: the second text checked against the first, with
# the first as its organisation's other submission when both are by the same entity --

def _text(project: Project) -> str:
    return similarity.project_text(project.title, [project.text])


def _signals(pair: Pair) -> tuple[Signals, Signals]:
    first = signals(_text(pair.first), organisation=pair.first.entity)
    others = [_text(pair.first)] if pair.same_entity else []
    return first, signals(_text(pair.second), organisation=pair.second.entity, same_organisation=others)


def old_method(pair: Pair) -> bool:
    first, second = _signals(pair)
    return similarity.similarity(first.sig, second.sig) >= similarity.DUPLICATE_THRESHOLD


def new_method(pair: Pair) -> bool:
    first, second = _signals(pair)
    return old_method(pair) or anchors.same_project(set(first.anchors), set(second.anchors))


def flagged_per_kind(method: Callable[[Pair], bool],
                     pairs: list[Pair] | None = None) -> dict[str, tuple[int, int]]:
    """kind -> (pairs flagged as the same project, pairs of that kind), on this corpus's pairs
    unless others are given (the held-out corpus, paraphrase_heldout.py)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair in all_pairs() if pairs is None else pairs:
        counts[pair.kind][0] += method(pair)
        counts[pair.kind][1] += 1
    return {kind: (flagged, total) for kind, (flagged, total) in counts.items()}
