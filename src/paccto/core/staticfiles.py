"""Static files must be collected (hashed, compressed) before pages can be served."""

from django.conf import settings


def static_ensure_collected() -> None:
    """Collect the static files once, if nobody has yet (e.g. right after ``pip install``)."""
    if settings.DEBUG or (settings.STATIC_ROOT / "staticfiles.json").exists():
        return
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
