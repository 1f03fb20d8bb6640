from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language


@lru_cache(maxsize=32)
def _language_options(current: str) -> str:
    from paccto.core.views import select_options

    return select_options(settings.LANGUAGES, current)


def platform(request: HttpRequest) -> dict:
    """What every page shows: the demo banner and the language choices (their ``<option>``
    elements built once per language: a template loop on every page costs more)."""
    return {
        "DEMO": settings.DEMO,
        "language_options": _language_options(get_language() or settings.LANGUAGE_CODE),
    }
