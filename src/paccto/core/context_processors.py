from django.conf import settings
from django.http import HttpRequest


def platform(request: HttpRequest) -> dict:
    """What every page shows: the demo banner and the language choices."""
    return {"DEMO": settings.DEMO, "LANGUAGES": settings.LANGUAGES}
