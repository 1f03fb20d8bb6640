from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionConfig(AppConfig):
    name = "paccto.protection"
    label = "protection"
    verbose_name = _("Protection orders")

    def ready(self) -> None:
        from paccto.policy.sources import register_indicator_source
        from paccto.protection import permissions  # noqa: F401  (registers the policies)
        from paccto.protection.indicators import PROTECTION_ORDERS

        register_indicator_source(PROTECTION_ORDERS)
