from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    SIGN_IN = "sign_in", _("Sign-in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Sign-out")
    COLLECT = "collect", _("Collection")
    ALTER = "alter", _("Alteration")
    CONSULT = "consult", _("Consultation")
    DISCLOSE = "disclose", _("Disclosure")
    COMBINE = "combine", _("Combination")
    ERASE = "erase", _("Erasure")
    ADMINISTER = "administer", _("Administration")


# Actions on personal data that need a stated reason.
JUSTIFIED_ACTIONS = frozenset(
    {AuditAction.CONSULT, AuditAction.DISCLOSE, AuditAction.COMBINE, AuditAction.ERASE}
)
