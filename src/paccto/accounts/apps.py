from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "paccto.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from paccto.accounts import permissions  # noqa: F401  (registers the policies)
