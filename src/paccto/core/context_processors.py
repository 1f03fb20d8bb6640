from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=32)
def _language_options(current: str) -> str:
    from paccto.core.views import select_options

    return select_options(settings.LANGUAGES, current)


@lru_cache(maxsize=8)
def _page_links(prefix: str, urlconf: str) -> dict[str, str]:
    """The addresses in every page's top bar, reversed once (``reverse`` costs about 50 µs a
    call, five a page)."""
    return {
        "dashboard": reverse("core:dashboard", urlconf),
        "language": reverse("accounts:language", urlconf),
        "notifications": reverse("exchange:notification_list", urlconf),
        "profile": reverse("accounts:profile", urlconf),
        "logout": reverse("accounts:logout", urlconf),
    }


def platform(request: HttpRequest) -> dict:
    """What every page shows: the demo banner, the language choices (their ``<option>``
    elements built once per language: a template loop on every page costs more) and the
    top bar's links."""
    return {
        "DEMO": settings.DEMO,
        "language_options": _language_options(get_language() or settings.LANGUAGE_CODE),
        "page_links": _page_links(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF),
    }
