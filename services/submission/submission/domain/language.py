"""Rule 10, submissions are in English: language identification by py3langid (a maintained
fork of langid.py, its model shipped in the package)."""

from __future__ import annotations

from functools import cache

from babel import Locale

from wsis_common.words import count_words

# Shorter texts are too short to identify reliably; they are not judged.
MIN_WORDS_TO_JUDGE = 12
_ENGLISH = Locale("en")


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    """Load the model once at start-up (about a second) rather than in a request."""
    _identifier()


def non_english(text: str) -> str | None:
    """The language's code when the text is clearly not English, else None."""
    if count_words(text) < MIN_WORDS_TO_JUDGE:
        return None
    language, probability = _identifier().classify(text)
    return language if language != "en" and probability > 0.9 else None


def language_name(code: str) -> str:
    """The language's English name from CLDR (Babel): never a bare code, whichever of the
    model's languages it is (a few of its codes have no CLDR name)."""
    return _ENGLISH.languages.get(code) or "a language other than English"
