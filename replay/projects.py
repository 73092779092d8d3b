"""The projects stakeholders submit, and the submissions that break a rule with the refusal each
must get (CONTEST_RULES.md, phase 1). The texts come from the corpus generator that the tests
and benchmarks share (valid English answers of the right lengths; devstack/corpus.py), the one
place that makes them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from devstack.corpus import lightly_edited, project_2023, sentence_text
from replay.plan import CATEGORIES

ENTITY_TYPES = ("Government", "Private sector", "Civil society", "Academia", "International organisation")
COUNTRIES = ("KE", "BR", "IN", "EG", "FR", "CN", "RU", "MX", "NG", "ID", "CH", "AR", "JP", "ZA", "TR")
_FRENCH = """le la les des une un pour avec dans sur par plus tout tous cette ces nous notre nos leur
leurs projet communauté village école enseignants élèves formation santé agriculteurs marché réseau
données plateforme accès femmes jeunes emploi climat eau gestion sécurité confiance coopération
université recherche bibliothèque culture médias radio télévision journalisme inclusion handicap
personnes âgées soins hôpital patients dossier vaccination enfants mères est sont était ont été
depuis entre chaque nouveaux premiers grâce afin aussi très""".split()  # noqa: SIM905 - a word list, as text


def coordinator_email(project: int) -> str:
    """Each project's own coordinator address: the weekly mails are read back by it."""
    return f"coordinator-{project}@projects.replay.example"


def project(number: int, seed: int) -> dict[str, Any]:
    """The accepted project `number`: its category in turn, its own entity and coordinator."""
    rng = random.Random(f"{seed}-project-{number}")
    body = project_2023(seed * 100_000 + number, category=CATEGORIES[number % len(CATEGORIES)],
                        entity=f"Replay Organisation {number}", country=rng.choice(COUNTRIES))
    body["entity"]["type"] = rng.choice(ENTITY_TYPES)
    body["coordinator"] = {"name": f"Coordinator {number}", "email": coordinator_email(number)}
    return body


def _french(words: int, seed: int) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < words:
        chunk = [rng.choice(_FRENCH) for _ in range(rng.randint(8, 14))]
        chunk[0] = chunk[0].capitalize()
        chunk[-1] += "."
        out += chunk
    return " ".join(out[:words]).rstrip(".") + "."


@dataclass(frozen=True)
class Breaker:
    """A submission that breaks `rule`; `expect` is the reason code (or status) it must get."""

    rule: str
    expect: str
    body: dict[str, Any]
    who: str = "stakeholder"  # stakeholder | anonymous | unverified


def breakers(accepted: list[dict[str, Any]], seed: int, past_winner: dict[str, str]) -> list[Breaker]:
    """One or more submissions breaking each rule, made from the accepted projects where the
    rule is about them (the same project, the same entity). Refused: none may be stored."""
    first, second = accepted[0], accepted[1]
    fresh = lambda n: project(10_000_000 + n, seed)  # noqa: E731 - a project nobody submitted
    out = [Breaker("1: only logged-in stakeholders submit", "401", fresh(1), who="anonymous"),
           Breaker("1: only confirmed e-mail addresses submit", "email_not_verified", fresh(2),
                   who="unverified")]

    unknown = fresh(3)
    unknown["category"] = "C12"
    out.append(Breaker("2: one of the 18 categories", "category.unknown", unknown))

    copied = {**first, "entity": {**fresh(4)["entity"]}, "coordinator": fresh(4)["coordinator"]}
    out.append(Breaker("3: the same project never twice", "project.already_submitted", copied))
    reworded = fresh(5)
    reworded["title"] = "Reworded: " + first["title"]
    reworded["answers"] = {key: (lightly_edited(text, every=14, seed=seed) if isinstance(text, str) else text)
                           for key, text in first["answers"].items()}
    following = (CATEGORIES.index(first["category"]) + 1) % len(CATEGORIES)
    reworded["sdgs"], reworded["category"] = first["sdgs"], CATEGORIES[following]
    out.append(Breaker("3: a near-duplicate in another category", "project.already_submitted", reworded))

    same_entity = fresh(6)
    same_entity["entity"], same_entity["category"] = dict(second["entity"]), second["category"]
    out.append(Breaker("4: one project per entity and category", "category.one_per_entity", same_entity))

    incomplete = fresh(7)
    del incomplete["answers"]["partnerships"]
    out.append(Breaker("5: every field required", "box.required", incomplete))
    no_coordinator = fresh(8)
    no_coordinator["coordinator"] = {"name": "", "email": ""}
    out.append(Breaker("5: every field required (coordinator)", "coordinator.name_required", no_coordinator))

    planned = fresh(9)
    planned["project_status"] = "planned"
    out.append(Breaker("6: a completed project", "project_status.invalid", planned))

    short = fresh(10)
    short["answers"]["short_description"] = sentence_text(120, seed + 10)
    out.append(Breaker("7: short description of 150-200 words (too few)", "box.too_few", short))
    long = fresh(11)
    long["answers"]["short_description"] = sentence_text(230, seed + 11)
    out.append(Breaker("7: short description of 150-200 words (too many)", "box.too_many", long))

    unlinked = fresh(12)
    del unlinked["answers"]["sdg_links"]["10"]
    out.append(Breaker("8: a link to every SDG claimed", "sdg_link.required", unlinked))

    french = fresh(13)
    french["answers"] = {**french["answers"], "impact": _french(130, seed + 13)}
    out.append(Breaker("10: in English", "text.not_english", french))

    winner = fresh(14)
    winner["title"] = past_winner["title"]
    out.append(Breaker("11: past winners are not eligible", "winner.same_title", winner))
    return out


def late(seed: int) -> Breaker:
    """Rule 9, sent once the deadline has passed."""
    return Breaker("9: nothing after the deadline", "window.closed", project(10_000_100, seed))


def reason_codes(problem: dict[str, Any]) -> set[str]:
    """Every reason code a refusal names: per field, or the one reason of its detail."""
    codes = {r.get("code") for found in (problem.get("reasons") or {}).values() for r in found}
    for single in (problem.get("reason"), problem.get("code")):
        codes.add(single.get("code") if isinstance(single, dict) else single)
    return {c for c in codes if c}

