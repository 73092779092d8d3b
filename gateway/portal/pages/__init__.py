"""Server-rendered pages, in the six UN languages, that work without JavaScript.

`bp` is the one blueprint the app registers; each module below adds its routes to it."""

from portal.pages import account, admin, console, expert, home, questionnaire, results, voting  # noqa: F401
from portal.pages.blueprint import bp

__all__ = ["bp"]
