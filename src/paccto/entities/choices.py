from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    MESSAGE = "message", _("Message")
    CASE = "case", _("Case")
    IMPORT = "import", _("Import batch")


class LinkType(models.TextChoices):
    ASSOCIATE = "associate", _("Associate of")
    FAMILY = "family", _("Family of")
    MEMBER_OF = "member_of", _("Member of")
    LEADS = "leads", _("Leads")
    OWNS = "owns", _("Owns")
    USES = "uses", _("Uses")
    CALLED = "called", _("Called")
    PAID = "paid", _("Paid")
    TRAVELLED_WITH = "travelled_with", _("Travelled with")
    EMPLOYED_BY = "employed_by", _("Employed by")
    LOCATED_AT = "located_at", _("Located at")
    SAME_AS = "same_as", _("Same as")
