"""Shared vocabularies of the platform: sectors, roles, criminal markets, handling codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    POLICE = "police", _("Police")
    CUSTOMS = "customs", _("Customs")
    FIU = "fiu", _("Financial intelligence unit")
    PROSECUTION = "prosecution", _("Prosecution")
    JUDICIARY = "judiciary", _("Judiciary")
    PENITENTIARY = "penitentiary", _("Penitentiary")
    MINISTRY = "ministry", _("Ministry")
    CENTRAL_AUTHORITY = "central_authority", _("Central authority")


class Role(models.TextChoices):
    ANALYST = "analyst", _("Analyst")
    INVESTIGATOR = "investigator", _("Investigator")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    JUDGE = "judge", _("Judge")
    PRISON_OFFICER = "prison_officer", _("Prison officer")
    PROTECTION_OFFICER = "protection_officer", _("Protection officer")
    POLICY_COORDINATOR = "policy_coordinator", _("Policy coordinator")
    NATIONAL_ADMIN = "national_admin", _("National administrator")
    DPO = "dpo", _("Data-protection officer")
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")


class CriminalMarket(models.TextChoices):
    DRUGS = "drugs", _("Drug trafficking")
    THB = "thb", _("Trafficking in human beings")
    MIGRANT_SMUGGLING = "migrant_smuggling", _("Migrant smuggling")
    FIREARMS = "firearms", _("Firearms trafficking")
    CULTURAL_PROPERTY = "cultural_property", _("Trafficking in cultural property")
    CYBERCRIME = "cybercrime", _("Cybercrime")
    ENVIRONMENTAL = "environmental", _("Environmental crime")
    CORRUPTION = "corruption", _("Corruption")
    MONEY_LAUNDERING = "money_laundering", _("Money laundering")


class HandlingCode(models.TextChoices):
    H0 = "H0", _("H0: use only for preventing and combating crime")
    H1 = "H1", _("H1: not to be used in judicial proceedings without the owner's permission")
    H2 = "H2", _("H2: not to be passed on without the owner's permission")
    H3 = "H3", _("H3: other restrictions stated in free text")


class SourceReliability(models.TextChoices):
    A = "A", _("A: no doubt about the source")
    B = "B", _("B: source mostly reliable")
    C = "C", _("C: source mostly not reliable")
    X = "X", _("X: source cannot be assessed")


class InformationReliability(models.TextChoices):
    ONE = "1", _("1: accuracy not in doubt")
    TWO = "2", _("2: known personally to the source")
    THREE = "3", _("3: not known personally but corroborated")
    FOUR = "4", _("4: not known personally and not corroborated")


class ShareScope(models.TextChoices):
    """Who, beyond the owner institution, may see a record."""

    OWNER = "owner", _("Owner institution only")
    COUNTRY = "country", _("Institutions of the owner's country")
    NETWORK = "network", _("Members of a network")
    PLATFORM = "platform", _("All institutions on the platform")


class NetworkScope(models.TextChoices):
    POLICE = "police", _("Police")
    PROSECUTION = "prosecution", _("Prosecution")
    JUDICIAL = "judicial", _("Judicial")
    PENITENTIARY = "penitentiary", _("Penitentiary")
    POLICY = "policy", _("Policy")
    MIXED = "mixed", _("Mixed")
