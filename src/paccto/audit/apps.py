from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "paccto.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from paccto.audit import permissions  # noqa: F401  (registers the policies)
