from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionConfig(AppConfig):
    name = "paccto.protection"
    label = "protection"
    verbose_name = _("Protection orders")

    def ready(self) -> None:
        from paccto.protection import permissions  # noqa: F401  (registers the policies)
