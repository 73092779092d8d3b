"""Mail templates (Jinja2): each kind of mail is `templates/<kind>.txt` and `.html`, both
extending one layout with the platform's look and a footer saying why the person gets it."""

from __future__ import annotations

from datetime import datetime

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from wsis_common.clock import in_geneva

_env = Environment(
    loader=PackageLoader("notify", "templates"),
    # HTML is escaped (titles and names come from stakeholders); plain text is not.
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def geneva(instant: datetime | None) -> str:
    """25 January 2023, 23:00 (Geneva time)"""
    if instant is None:
        return "(date to be announced)"
    return in_geneva(instant).strftime("%-d %B %Y, %H:%M") + " (Geneva time)"


def geneva_day(instant: datetime | None) -> str:
    return "(date to be announced)" if instant is None else in_geneva(instant).strftime("%-d %B %Y")


def signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)


_env.filters.update(geneva=geneva, geneva_day=geneva_day, signed=signed)


def render(kind: str, **context: object) -> tuple[str, str]:
    """(plain text, HTML) of one mail."""
    text = _env.get_template(f"{kind}.txt").render(**context)
    html = _env.get_template(f"{kind}.html").render(**context)
    return text, html
