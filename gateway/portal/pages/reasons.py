"""The services' reasons said in the visitor's language, from their code and params (a problem's
`reasons` member) rather than from their English text: box labels through labels.py, language
names from CLDR in the page's locale, instants in Geneva time, numbers as the locale writes them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from babel import Locale
from babel.numbers import format_decimal
from flask_babel import get_locale, gettext

from portal.i18n import current_language
from portal.pages import labels
from portal.pages.timefmt import show

Params = Mapping[str, Any]


def N_(text: str) -> str:
    """Marks a string for the catalogues (pybabel -k N_) without translating it here."""
    return text


# Reasons whose sentence takes its params as they come (or none).
PLAIN = {
    "category.required": N_("Choose exactly one of the 18 categories."),
    "category.unknown": N_("%(category)s is not one of the 18 categories."),
    "category.taken": N_("This entity has already submitted a project in this category."),
    "title.required": N_("The project needs a title."),
    "coordinator.name_required": N_("The coordinator's name is required."),
    "coordinator.email_required": N_("The coordinator's e-mail is required."),
    "coordinator.email_invalid": N_("This is not an e-mail address."),
    "project_status.invalid": N_("The project must be completed, or with a key phase concluded, so that "
                                 "its results can be shown."),
    "sdgs.required": N_("Claim at least one Sustainable Development Goal."),
    "sdgs.unknown": N_("SDG %(number)s does not exist (1 to 17)."),
    "sdg_link.not_claimed": N_("SDG %(number)s is not among the SDGs claimed."),
    "project.already_submitted": N_("This project was already submitted this year; a project may be "
                                    "submitted only once."),
    "winner.same_project": N_("This project won an earlier edition (%(winner)s); past winners are not "
                              "eligible."),
    "winner.same_title": N_("A project with this title won an earlier edition (%(winner)s); past winners "
                            "are not eligible."),
    "photo.required": N_("This form needs one photo of the project."),
    "photo.not_asked": N_("This form does not ask for a photo."),
    "photo.missing": N_("No file was sent."),
    "photo.empty": N_("The file is empty."),
    "photo.unreadable": N_("The file is not a readable JPEG, PNG or WebP image."),
    "photo.format": N_("%(format)s images are not accepted; send JPEG, PNG or WebP."),
    "photo.too_many_pixels": N_("%(width)s\u00d7%(height)s pixels is more than a photo needs."),
    "photo.not_draft": N_("A photo is added to a draft, before it is submitted."),
    "submission.not_found": N_("There is no such submission among yours."),
    "draft.already_submitted": N_("Only a draft can be changed; this submission was already submitted."),
    "field.required": N_("Missing data for required field."),
    "field.too_long": N_("Use at most %(max)s characters."),
    "field.length": N_("Use exactly %(equal)s characters."),
    "field.not_a_choice": N_("Choose one of the options offered."),
    "field.not_a_type": N_("This value is not valid."),
    "field.unknown": N_("This field is not part of the form."),
}
ENTITY_PARTS = {
    "name": N_("The entity's name is required."),
    "type": N_("The entity's type is required."),
    "country": N_("The entity's country is required."),
}
BOX_REQUIRED = N_("%(what)s: this box is required.")
BOX_TOO_FEW = N_("%(what)s has %(words)s words; it needs at least %(limit)s.")
BOX_TOO_MANY = N_("%(what)s has %(words)s words; it may have at most %(limit)s.")


def _date(value: Any) -> str:
    shown = show(str(value)) if value else None
    return shown.geneva if shown else ""


def _number(value: Any) -> str:
    return format_decimal(value, locale=get_locale()) if isinstance(value, int) else str(value)


def language_name(code: str) -> str:
    """A language's name in the page's language (CLDR); never a bare code."""
    return Locale.parse(current_language()).languages.get(str(code)) or gettext(
        "a language other than English")


def _what(code: str, params: Params) -> str:
    """The box a reason is about, named as the form names it."""
    if code.startswith("sdg_link."):
        return gettext("How the action line advances SDG %(number)s", number=params.get("number", ""))
    return labels.box({"name": params.get("box", ""), "label": params.get("label")})


def _box(code: str, params: Params) -> str:
    what = _what(code, params)
    if code.endswith(".required"):
        return gettext(BOX_REQUIRED, what=what)
    template = BOX_TOO_FEW if code.endswith(".too_few") else BOX_TOO_MANY
    return gettext(template, what=what, words=_number(params.get("words")),
                   limit=_number(params.get("limit")))


def _phase_date(key: Any) -> str:
    return str(labels.PHASE_DATES.get(str(key), key))


def _order(p: Params) -> str:
    """A date out of the contest's order, each date named by its label."""
    names = {"later": _phase_date(p["later"]), "earlier": _phase_date(p["earlier"]),
             "date": _date(p.get("at"))}
    if p.get("strict"):
        return gettext("\u201c%(later)s\u201d must come after \u201c%(earlier)s\u201d (%(date)s).", **names)
    return gettext("\u201c%(later)s\u201d may not come before \u201c%(earlier)s\u201d (%(date)s).", **names)


# An edition's dates that have passed (the submission service's domain/past_dates.py).
PAST_DATES: dict[str, Callable[[Params], str]] = {
    "phase.order": _order,
    "change.reason_required": lambda p: gettext(
        "Dates that have passed, or would have, are moved (%(dates)s): say why in the box below; the "
        "audit trail keeps it.", dates=", ".join(_phase_date(d) for d in p["dates"])),
    "phase.started": lambda p: gettext(
        "\u201c%(date)s\u201d passed on %(at)s: the phase has begun, and its start cannot move.",
        date=_phase_date(p["date"]), at=_date(p.get("at"))),
    "phase.reopened": lambda p: gettext(
        "\u201c%(date)s\u201d passed on %(at)s: a closed phase cannot be reopened.",
        date=_phase_date(p["date"]), at=_date(p.get("at"))),
    "phase.shortened": lambda p: gettext(
        "\u201c%(date)s\u201d passed on %(at)s: a closed phase cannot be shortened; its end may only "
        "move later, up to now.", date=_phase_date(p["date"]), at=_date(p.get("at"))),
    "nominees.published": lambda p: gettext(
        "The nominee lists have been published: the date of their publication (%(at)s) cannot move.",
        at=_date(p.get("at"))),
    "winners.published": lambda p: gettext(
        "The winners have been announced: the date of their announcement (%(at)s) cannot move.",
        at=_date(p.get("at"))),
    "deadline.before_submissions": lambda p: gettext(
        "A submission was accepted on %(latest)s: \u201c%(date)s\u201d cannot move before it.",
        latest=_date(p.get("latest")), date=_phase_date(p["date"])),
    "vote.running": lambda p: gettext(
        "The vote has been open since %(opens)s: votes may have been cast after the new close. Close the "
        "vote at a date still to come.", opens=_date(p.get("opens"))),
}


SPECIAL: dict[str, Callable[[Params], str]] = {
    **PAST_DATES,
    "window.not_open": lambda p: gettext("Submissions open on %(date)s.", date=_date(p.get("at"))),
    "window.closed": lambda p: gettext("Submissions closed on %(date)s; nothing is accepted after it.",
                                       date=_date(p.get("at"))),
    "category.one_per_entity": lambda p: gettext(
        "This entity has already submitted a project in this category this year (\u201c%(title)s\u201d); "
        "one project per entity per category.", title=p.get("title", "")),
    "entity.required": lambda p: gettext(ENTITY_PARTS[p["part"]]),
    "text.not_english": lambda p: gettext("Submissions are in English; this text reads as %(language)s.",
                                          language=language_name(p.get("language", ""))),
    "project.already_submitted_by_you": lambda p: gettext(
        "This project was already submitted by your organisation as \u201c%(title)s\u201d (%(category)s, "
        "submitted on %(date)s); a project may be submitted only once.",
        title=p.get("title", ""), category=p.get("category", ""), date=_date(p.get("submitted_at"))),
    "photo.too_many_bytes": lambda p: gettext("The file has %(size)s bytes; the limit is %(limit)s.",
                                              size=_number(p.get("size")), limit=_number(p.get("limit"))),
    "submission.not_draft": lambda p: gettext("This submission is not a draft (its status: %(status)s).",
                                              status=labels.SUBMISSION_STATUSES.get(
                                                  p.get("status", ""), p.get("status", ""))),
    "field.too_short": lambda p: gettext("Use at least %(n)s characters.", n=p.get("min", "")),
    **{f"{kind}.{rule}": (lambda p, c=f"{kind}.{rule}": _box(c, p))
       for kind in ("box", "sdg_link") for rule in ("required", "too_few", "too_many")},
}


def say(code: str, params: Params | None) -> str | None:
    """The reason in the visitor's language; None for a code this page does not know."""
    params = params or {}
    try:
        if code in PLAIN:
            return gettext(PLAIN[code], **{k: v for k, v in params.items() if isinstance(v, str | int)})
        if code in SPECIAL:
            return SPECIAL[code](params)
    except (KeyError, TypeError, ValueError):
        return None  # params this page does not understand: the English text is shown instead
    return None
