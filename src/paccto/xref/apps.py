from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XrefConfig(AppConfig):
    name = "paccto.xref"
    label = "xref"
    verbose_name = _("Cross-referencing")

    def ready(self) -> None:
        from paccto.xref import permissions  # noqa: F401  (registers the policies)
