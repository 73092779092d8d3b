"""The Success Stories publication of an edition, built from the winners' and champions'
submissions. Public once the winners are announced; before that only the WSIS team (admin)
may read it, as a preview marked confidential."""

from __future__ import annotations

from babel import Locale
from sqlalchemy import select

from review.models import Finalist, Submission
from review.publication.document import Chapter, Story, SuccessStories
from review.service.editions import edition_of
from review.service.public import is_announced
from review.service.publishing import winners_by_category
from wsis_common.auth import Principal
from wsis_common.context import ServiceContext
from wsis_common.problems import Problem


def _country(code: str) -> str:
    """The country's English name from its ISO code (as the questionnaire stores it)."""
    return Locale("en").territories.get(code.upper(), code) if code else ""


def _story(sub: Submission, distinction: str, *, full: bool) -> Story:
    sections = tuple((t["label"], t["text"]) for t in sub.texts
                     if full and t.get("text", "").strip() and t["text"] != sub.short_description)
    return Story(submission_id=sub.id, title=sub.title, entity=sub.entity.get("name", ""),
                 country=_country(sub.entity.get("country", "")), distinction=distinction,
                 lead=sub.short_description, sections=sections, sdgs=tuple(sub.sdgs or ()))


def success_stories(ctx: ServiceContext, year: int, principal: Principal | None) -> SuccessStories:
    with ctx.db.sessions() as session:
        edition = edition_of(session, year)
        announced = is_announced(session, year)
        if not announced and not (principal and principal.has("admin")):
            raise Problem(404, f"The {year} Success Stories are published at the ceremony "
                          f"({edition.at('ceremony_at')}).", title="Not published yet")
        winners = winners_by_category(session, year)
        finalists: dict[str, list[Submission]] = {}
        for finalist, sub in session.execute(select(Finalist, Submission).join(
                Submission, Submission.id == Finalist.submission_id).where(Finalist.year == year)):
            finalists.setdefault(finalist.category, []).append(sub)
        chapters = []
        for category in edition.in_order(finalists):
            subs = finalists[category]
            winner = next((s for s in subs if s.id == winners.get(category)), None)
            if winner is None:
                continue  # a preview before every winner is picked
            champions = sorted((s for s in subs if s.id != winner.id), key=lambda s: s.title.casefold())
            chapters.append(Chapter(code=category, name=winner.category_name,
                                    winner=_story(winner, "winner", full=True),
                                    champions=tuple(_story(s, "champion", full=False) for s in champions)))
        return SuccessStories(year=year, ordinal=edition.ordinal, chapters=tuple(chapters),
                              ceremony_at=edition.phases.get("ceremony_at"), embargoed=not announced)
