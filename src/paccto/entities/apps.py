from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntitiesConfig(AppConfig):
    name = "paccto.entities"
    label = "entities"
    verbose_name = _("Entity store")

    def ready(self) -> None:
        from paccto.entities import permissions  # noqa: F401  (registers the policies)
