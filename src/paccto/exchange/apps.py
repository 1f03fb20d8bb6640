from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "paccto.exchange"
    label = "exchange"
    verbose_name = _("Secure exchange")

    def ready(self) -> None:
        from paccto.core.services import register_reference_loader
        from paccto.exchange import permissions  # noqa: F401  (registers the policies)
        from paccto.exchange.services import clock_rules_load

        register_reference_loader("clock rules", clock_rules_load)
