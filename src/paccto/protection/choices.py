"""Vocabularies of protection orders: legal frameworks, states, measures, refusal grounds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalFramework(models.TextChoices):
    """The instrument under which an order travels, decided by the states' groupings."""

    OMP = "omp", _("Mercosur Protection Order (Decision CMC 07/22)")
    EPO = "epo", _("European Protection Order (Directive 2011/99/EU)")


class OrderStatus(models.TextChoices):
    """Where an order stands. Recognition is decided per executing state (``Transmission``);
    the order shows the furthest stage any executing state reached, until it ends."""

    DRAFT = "draft", _("Draft")
    TRANSMITTED = "transmitted", _("Transmitted")
    RECOGNISED = "recognised", _("Recognised")
    REFUSED = "refused", _("Refused")
    IN_FORCE = "in_force", _("In force")
    BREACHED = "breached", _("Breach reported")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ENDED = frozenset({OrderStatus.EXPIRED, OrderStatus.REVOKED, OrderStatus.WITHDRAWN})
# Executing states where an order may be enforced (and is found by frontline verification).
ENFORCEABLE = frozenset({OrderStatus.RECOGNISED, OrderStatus.IN_FORCE, OrderStatus.BREACHED})


class OrderEventKind(models.TextChoices):
    ISSUE = "issue", _("Issued (draft)")
    TRANSMIT = "transmit", _("Transmitted")
    RECOGNISE = "recognise", _("Recognised")
    REFUSE = "refuse", _("Refused")
    ENFORCE = "enforce", _("Put in force")
    BREACH = "breach", _("Breach reported")
    EXPIRE = "expire", _("Expired")
    REVOKE = "revoke", _("Revoked")
    WITHDRAW = "withdraw", _("Withdrawn")


class MeasureKind(models.TextChoices):
    NO_ENTRY = "no_entry", _("No entry to listed places")
    NO_CONTACT = "no_contact", _("No contact")
    DISTANCE = "distance", _("Minimum distance")
    MONITORING = "monitoring", _("Electronic monitoring")
    WEAPONS = "weapons", _("Weapon surrender")


class ContactMeans(models.TextChoices):
    ANY = "any", _("Any means")
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Telephone")
    MESSAGES = "messages", _("Text and instant messages")
    EMAIL = "email", _("E-mail")
    SOCIAL = "social", _("Social networks")
    THIRD_PARTIES = "third_parties", _("Through third parties")


class MonitoringKind(models.TextChoices):
    GPS = "gps", _("GPS tag on the person causing danger")
    PROXIMITY = (
        "proximity",
        _("Dual proximity devices (person causing danger and protected person)"),
    )
    OTHER = "other", _("Other system (described in the note)")


class RefusalGround(models.TextChoices):
    """Grounds an executing authority may give for not recognising an order (after
    Article 10 of Directive 2011/99/EU and Decision CMC 07/22)."""

    INCOMPLETE = "incomplete", _("The order is incomplete and was not completed in time")
    NOT_PROTECTION_MEASURE = (
        "not_protection_measure",
        _("The measure is not a protection measure under the instrument"),
    )
    NOT_PRESENT = "not_present", _("The protected person does not live or stay in this state")
    NOT_AN_OFFENCE = "not_an_offence", _("The facts are not an offence under this state's law")
    AMNESTY = "amnesty", _("An amnesty covers the facts")
    IMMUNITY = "immunity", _("The person causing danger has immunity")
    TIME_BARRED = "time_barred", _("Prosecution or enforcement is time-barred")
    NE_BIS_IN_IDEM = "ne_bis_in_idem", _("Ne bis in idem: already judged for the same facts")
    MINOR = "minor", _("The person causing danger is under the age of criminal responsibility")
    OTHER = "other", _("Other ground (explained)")


class AgeGroup(models.TextChoices):
    """Age groups of the statistics, from the date of birth at issue."""

    MINOR = "minor", _("Under 18")
    YOUNG = "18_29", _("18–29")  # noqa: RUF001  (an en dash between numbers)
    ADULT = "30_59", _("30–59")  # noqa: RUF001
    SENIOR = "60_plus", _("60 and over")


class PersonRole(models.TextChoices):
    VICTIM = "victim", _("Protected person")
    CHILD = "child", _("Child")


class NotificationKind(models.TextChoices):
    TRANSMITTED = "transmitted", _("An order was transmitted to your institution")
    RECOGNISED = "recognised", _("An order was recognised")
    REFUSED = "refused", _("An order was refused")
    IN_FORCE = "in_force", _("An order was put in force")
    BREACH = "breach", _("A breach was reported")
    ENDED = "ended", _("An order ended")
