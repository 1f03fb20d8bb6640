from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HitsConfig(AppConfig):
    name = "paccto.hits"
    label = "hits"
    verbose_name = _("Hit/no-hit")

    def ready(self) -> None:
        from paccto.hits import permissions  # noqa: F401  (registers the policies)
