from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "paccto.policy"
    label = "policy"
    verbose_name = _("Policy cycle")

    def ready(self) -> None:
        from paccto.policy import permissions  # noqa: F401  (registers the policies)
