"""Mail templates (Jinja2): each kind of mail is `templates/<kind>.txt` and `.html`, both
extending one layout with the platform's look and a footer saying why the person gets it.

Every sentence is a gettext string (the Jinja2 i18n extension): one environment per language,
each with its catalogue and its way of writing dates and numbers."""

from __future__ import annotations

import textwrap
from datetime import datetime
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from notify import i18n
from wsis_common.languages import direction, known


def column(label: str, width: int) -> str:
    """A label of the plain-text tables, padded so that the values line up."""
    return f"{label} ".ljust(width)


_GLUE = "\u00a0"  # textwrap breaks lines at ASCII spaces only


def glued(text: str) -> str:
    """A date that `wrap` must not cut in two (it is told as one piece)."""
    return text.replace(" ", _GLUE)


def wrap(text: str, width: int = 90) -> str:
    """A plain-text paragraph cut into lines of at most `width` characters, never inside a
    word, an address or a glued date (Chinese, written without spaces, stays one line)."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines).replace(_GLUE, " ")


def as_written(text: str) -> Markup:
    """A stakeholder's own words (titles, names): English as written, left to right, inside
    a mail that may be in Arabic."""
    return Markup('<span lang="en" dir="ltr">{}</span>').format(escape(text))


@cache
def environment(language: str) -> Environment:
    env = Environment(
        loader=PackageLoader("notify", "templates"),
        # HTML is escaped (titles and names come from stakeholders); plain text is not.
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]

    def geneva(instant: datetime | None) -> str:
        return i18n.moment(instant, language)

    def geneva_day(instant: datetime | None) -> str:
        return i18n.day(instant, language)

    env.filters.update(geneva=geneva, geneva_day=geneva_day, column=column, as_written=as_written,
                       glued=glued, wrap=wrap,
                       signed=lambda n: i18n.signed(n, language),
                       number=lambda n: i18n.number(n, language))
    env.globals.update(lang=language, dir=direction(language))
    return env


def render(kind: str, language: str = "en", **context: object) -> tuple[str, str]:
    """(plain text, HTML) of one mail in `language`."""
    env = environment(known(language))
    text = env.get_template(f"{kind}.txt").render(**context)
    html = env.get_template(f"{kind}.html").render(**context)
    return text, html
