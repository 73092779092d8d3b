"""The publication as one HTML page (a Jinja template), for the web and for print."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from review.publication.document import SuccessStories, paragraphs


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("review.publication", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["paragraphs"] = paragraphs
    return env


def render_html(doc: SuccessStories) -> str:
    return _environment().get_template("success-stories.html").render(doc=doc)
