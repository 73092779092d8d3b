"""The review service's refusals in the page's language: portal.domain.chair recognises them,
this says them; one it does not know is shown as the service sent it (marked as English)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext

from portal.domain import chair as rules
from portal.pages import timefmt
from portal.pages.client import ApiError
from portal.pages.forms import FormErrors, Reason, reason


def say(text: str) -> Reason:
    found = rules.refusal(text)
    if found is None:
        return reason(text)
    code, p = found
    words = {
        "exact_size": lambda: gettext("The list must have exactly %(size)s nominees (%(eligible)s are "
                                      "eligible); %(chosen)s are ticked.", **p),
        "failed_compliance": lambda: gettext("“%(title)s” failed compliance: it cannot be nominated.", **p),
        "missing_reviews": lambda: gettext("“%(title)s” has %(reviews)s of its %(required)s reviews: it "
                                           "cannot be nominated yet.", **p),
        "none_chosen": lambda: gettext("Tick at least one submission."),
        "twice": lambda: gettext("A submission is ticked twice."),
        "not_closed": lambda: gettext("Close the category first: the nominees are confirmed on final "
                                      "scores."),
        "published": lambda: gettext("The %(year)s nominee lists are published: they are final.", **p),
        "lack_reviews": lambda: gettext("%(count)s submission(s) of this category still lack reviews: the "
                                        "category cannot be closed yet.", **p),
        "already_decided": lambda: gettext("The winner of this category was picked on %(date)s; the "
                                           "decision is final.", date=_geneva(p.get("at", ""))),
        "ceremony_passed": lambda: gettext("The ceremony has taken place: the winners are announced."),
        "not_finalist": lambda: gettext("Only a finalist of the category can win."),
        "score_missing": lambda: gettext("Score this criterion."),
        "score_range": lambda: gettext("A whole number from %(low)s to %(high)s.", **p),
        "note_missing": lambda: gettext("Write the analysis: the project's scale, its impact on WSIS "
                                        "implementation, its contribution to sustainable development."),
    }
    return Reason(words[code](), True)


def _geneva(value: str) -> str:
    try:
        shown = timefmt.show(value)
    except ValueError:
        return value
    return shown.geneva if shown else value


def errors_of(error: ApiError, fields: set[str]) -> FormErrors:
    """Every reason of the service's refusal, each said in the page's language."""
    result = FormErrors()
    for name, found in error.errors.items():
        texts = found if isinstance(found, list) else [found]
        target = result.by_field.setdefault(name, []) if name in fields else result.general
        target.extend(say(str(text)) for text in texts)
    if not result and error.detail:
        result.general.append(say(error.detail))
    incomplete: Any = error.problem.get("incomplete")
    for item in incomplete if isinstance(incomplete, list) else []:
        result.general.append(Reason(gettext("“%(title)s”: %(reviews)s of %(required)s reviews.",
                                             title=item.get("title", ""), reviews=item.get("reviews", 0),
                                             required=item.get("required", 0)), True))
    return result
