"""Reference data of the platform: who cooperates with whom, and the provenance every
operational record carries."""

from datetime import timedelta
from functools import lru_cache

from babel import Locale
from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from paccto.core.choices import (
    CriminalMarket,
    HandlingCode,
    InformationReliability,
    NetworkScope,
    Sector,
    ShareScope,
    SourceReliability,
)

# Groupings whose names are translated; the others are proper names in every language.
GROUPING_LABELS = {"eu": _("European Union"), "can": _("Andean Community")}


class Grouping(models.Model):
    """A political or economic grouping of states (EU, Mercosur, SICA, CARICOM...)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("grouping")
        verbose_name_plural = _("groupings")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The grouping's name in the active language."""
        return str(GROUPING_LABELS.get(self.code, self.name))


class Country(models.Model):
    """One of the 38 cooperating states, identified by its ISO 3166-1 alpha-2 code."""

    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    iso3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    languages = models.CharField(
        _("working languages"), max_length=40, help_text=_("Comma-separated language codes.")
    )
    region = models.CharField(_("region"), max_length=8)  # "eu" or "lac"
    groupings = models.ManyToManyField(
        Grouping, through="GroupingMembership", related_name="countries", blank=True
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The country's name in the active language (from the Unicode CLDR)."""
        return country_name(self.code)

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def country_name(code: str, language: str | None = None) -> str:
    """The name of a country in a language (the active one by default), from the CLDR."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return _locale(language).territories.get(code, code)


class GroupingMembership(models.Model):
    """A state's membership of a grouping, with its status (member, associate, suspended)."""

    class Status(models.TextChoices):
        MEMBER = "member", _("Member")
        ASSOCIATE = "associate", _("Associate")
        SUSPENDED = "suspended", _("Suspended")

    grouping = models.ForeignKey(Grouping, on_delete=models.CASCADE, related_name="memberships")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grouping", "country"], name="uniq_grouping_country")
        ]

    def __str__(self) -> str:
        return f"{self.country_id} in {self.grouping.code} ({self.status})"


class Institution(models.Model):
    """A public body of one country and one sector of the criminal chain."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="institutions", verbose_name=_("country")
    )
    sector = models.CharField(_("sector"), max_length=24, choices=Sector.choices)
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["country_id", "sector", "name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        indexes = [models.Index(fields=["sector", "country"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id})"

    @property
    def sector_label(self) -> str:
        """The sector in the active language (cheaper than ``get_sector_display`` in lists)."""
        return str(Sector(self.sector).label)


class Network(models.Model):
    """A cooperation network whose members are institutions (AMERIPOL, IberRed...)."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    full_name = models.CharField(_("full name"), max_length=200)
    scope = models.CharField(_("scope"), max_length=16, choices=NetworkScope.choices)
    descriptions = models.JSONField(
        _("description"), default=dict, blank=True, help_text=_("One text per language code.")
    )
    members = models.ManyToManyField(
        Institution, through="NetworkMembership", related_name="networks", blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        """The description in the active language, else in English."""
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        return self.descriptions.get(language) or self.descriptions.get("en", "")


class NetworkMembership(models.Model):
    """An institution's membership of a network; contact points answer for their country."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="network_memberships"
    )
    is_contact_point = models.BooleanField(_("contact point"), default=False)

    class Meta:
        ordering = ["network_id", "institution__country_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "institution"], name="uniq_network_institution"
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} in {self.network}"


def default_review_at():
    return timezone.now() + timedelta(days=3 * 365)


class Progress(models.Model):
    """A long job's progress (imports, cross-referencing), polled by its page's progress
    bar. Subclasses say when they are running."""

    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    @property
    def is_running(self) -> bool:
        raise NotImplementedError

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0 if self.is_running else 100
        return min(100, int(100 * self.progress_done / self.progress_total))


class Provenance(models.Model):
    """What every operational record carries: who owns it, how reliable it is, how it may be
    handled and shared, and when it must be reviewed."""

    owner_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner institution"),
    )
    source_reliability = models.CharField(
        _("source reliability"), max_length=1, choices=SourceReliability.choices, default="X"
    )
    information_reliability = models.CharField(
        _("information reliability"),
        max_length=1,
        choices=InformationReliability.choices,
        default="4",
    )
    handling_code = models.CharField(
        _("handling code"), max_length=2, choices=HandlingCode.choices, default="H0"
    )
    handling_note = models.CharField(_("handling restrictions"), max_length=500, blank=True)
    share_scope = models.CharField(
        _("shared with"), max_length=16, choices=ShareScope.choices, default=ShareScope.OWNER
    )
    share_network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("network shared with"),
    )
    special_category = models.BooleanField(
        _("special category"),
        default=False,
        help_text=_("Victims, witnesses, minors and informants: owner institution only."),
    )
    criminal_markets = models.JSONField(_("criminal markets"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    review_at = models.DateTimeField(_("review date"), default=default_review_at)

    class Meta:
        abstract = True

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.share_scope == ShareScope.NETWORK and not self.share_network_id:
            errors["share_network"] = _("Choose the network to share with.")
        if self.handling_code == HandlingCode.H3 and not self.handling_note.strip():
            errors["handling_note"] = _("H3 needs the restrictions stated in free text.")
        unknown = set(self.criminal_markets or []) - set(CriminalMarket.values)
        if unknown:
            errors["criminal_markets"] = _("Unknown criminal market.")
        if errors:
            raise ValidationError(errors)

    @property
    def grade(self) -> str:
        return f"{self.source_reliability}{self.information_reliability}"
