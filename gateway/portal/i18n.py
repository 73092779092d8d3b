"""The six UN languages of the pages (Flask-Babel): which one a visitor sees, and how it is chosen.

The visitor's explicit choice (the language switcher: kept in the session and in a long-lived
cookie, so that it survives logging out) comes first, then the browser's Accept-Language, then
English. Catalogues are in portal/translations/<lang>/LC_MESSAGES (`make translations`)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, g, has_request_context, request, session
from flask_babel import Babel, get_locale

# Each language named in itself, as the switcher shows it.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ru": "Русский",
    "zh": "中文",
    "ar": "العربية",
}
RIGHT_TO_LEFT = frozenset({"ar"})
DEFAULT = "en"
COOKIE = "wsis_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
TRANSLATIONS = Path(__file__).parent / "translations"


def chosen_language() -> str | None:
    """The visitor's explicit choice, if any. A page the edge shares (pages/blueprint.py
    share_page) takes it from the cookie alone, as the edge's key does, never the session."""
    shared = has_request_context() and "shared_page" in g
    for value in ((None if shared else session.get("lang")), request.cookies.get(COOKIE)):
        if value in LANGUAGES:
            return value
    return None


def select_locale() -> str:
    return chosen_language() or request.accept_languages.best_match(LANGUAGES, default=DEFAULT)


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else DEFAULT


def direction(language: str | None = None) -> str:
    return "rtl" if (language or current_language()) in RIGHT_TO_LEFT else "ltr"


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale, default_translation_directories=str(TRANSLATIONS))
