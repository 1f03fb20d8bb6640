"""Vocabularies of judicial cooperation: kinds of request, their statuses and steps, the
sides that take them, urgency, human-rights safeguards and court outcomes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RequestType(models.TextChoices):
    """What one judicial authority asks of another state's."""

    MLA_EVIDENCE = "mla_evidence", _("Mutual legal assistance (evidence)")
    EVIDENCE_ORDER = "evidence_order", _("Investigation order (EIO-like)")
    EXTRADITION = "extradition", _("Extradition")
    PROVISIONAL_ARREST = "provisional_arrest", _("Provisional arrest")
    ASSETS = "assets", _("Asset tracing, freezing or confiscation")
    TRANSFER_PROCEEDINGS = "transfer_proceedings", _("Transfer of proceedings")
    TRANSFER_SENTENCED = "transfer_sentenced", _("Transfer of a sentenced person")


# The short code of each type in a request's number (ES-EXT-2026-000012).
TYPE_CODES = {
    RequestType.MLA_EVIDENCE: "MLA",
    RequestType.EVIDENCE_ORDER: "EIO",
    RequestType.EXTRADITION: "EXT",
    RequestType.PROVISIONAL_ARREST: "PA",
    RequestType.ASSETS: "AST",
    RequestType.TRANSFER_PROCEEDINGS: "TOP",
    RequestType.TRANSFER_SENTENCED: "TSP",
}


class RequestStatus(models.TextChoices):
    """Where a request stands (``machine.TRANSITIONS`` says how it moves)."""

    DRAFT = "draft", _("Draft")
    SENT = "sent", pgettext_lazy("judicial request", "Sent")
    RECEIPT_CONFIRMED = "receipt_confirmed", _("Receipt confirmed")
    CLARIFICATION_ASKED = "clarification_asked", _("Clarification asked")
    CLARIFICATION_GIVEN = "clarification_given", _("Clarification given")
    RECOGNISED = "recognised", pgettext_lazy("judicial request", "Recognised")
    REFUSED = "refused", pgettext_lazy("judicial request", "Refused")
    IN_EXECUTION = "in_execution", _("In execution")
    EXECUTED = "executed", _("Executed")
    PARTIALLY_EXECUTED = "partially_executed", _("Partially executed")
    RESULTS_TRANSFERRED = "results_transferred", _("Results transferred")
    CLOSED = "closed", pgettext_lazy("judicial request", "Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("judicial request", "Withdrawn")


class RequestAction(models.TextChoices):
    """A step one side takes on a request (and the events of its history)."""

    CREATE = "create", _("Drafted")
    SEND = "send", _("Send")
    CONFIRM_RECEIPT = "confirm_receipt", _("Confirm receipt")
    ASK_CLARIFICATION = "ask_clarification", _("Ask for clarification")
    GIVE_CLARIFICATION = "give_clarification", _("Give the clarification")
    RECOGNISE = "recognise", _("Recognise")
    REFUSE = "refuse", _("Refuse")
    START_EXECUTION = "start_execution", _("Start execution")
    EXECUTE = "execute", _("Executed in full")
    EXECUTE_PARTIALLY = "execute_partially", _("Executed in part")
    TRANSFER_RESULTS = "transfer_results", _("Transfer the results")
    CLOSE = "close", _("Close")
    WITHDRAW = "withdraw", _("Withdraw")
    EXTEND = "extend", _("Deadline extended")
    REMIND = "remind", _("Deadline reminder")
    ESCALATE = "escalate", _("Deadline passed")


class Side(models.TextChoices):
    """The two sides of a request."""

    REQUESTING = "requesting", _("Requesting side")
    EXECUTING = "executing", _("Executing side")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")
    CUSTODY = "custody", _("Very urgent: person in custody")


class DeadlinePhase(models.TextChoices):
    """What a deadline is for: deciding on recognition (from sending), or executing (from
    recognition)."""

    RECOGNITION = "recognition", _("Decision on recognition")
    EXECUTION = "execution", _("Execution")


class SafeguardQuestion(models.TextChoices):
    """Human-rights questions answered before certain requests are sent."""

    DEATH_PENALTY = "death_penalty", _("Risk of the death penalty")
    TORTURE = "torture", _("Risk of torture or inhuman or degrading treatment")
    POLITICAL_OFFENCE = "political_offence", _("Political offence or political motive")
    FAIR_TRIAL = "fair_trial", _("Fair-trial concerns")
    NE_BIS_IN_IDEM = "ne_bis_in_idem", _("Ne bis in idem: already judged for the same facts")
    VULNERABLE = "vulnerable", _("Minor or vulnerable person concerned")


# Questions that must all be answered when safeguards are required; the others may be.
REQUIRED_QUESTIONS = (
    SafeguardQuestion.DEATH_PENALTY,
    SafeguardQuestion.TORTURE,
    SafeguardQuestion.POLITICAL_OFFENCE,
    SafeguardQuestion.FAIR_TRIAL,
)


class EntityRole(models.TextChoices):
    """What a person or an asset is to a request."""

    SOUGHT = "sought", _("Person sought")
    SUSPECT = "suspect", _("Suspect or accused")
    SENTENCED = "sentenced", _("Sentenced person")
    WITNESS = "witness", _("Witness")
    VICTIM = "victim", _("Victim")
    ASSET = "asset", _("Asset")
    OTHER = "other", _("Other")


class JudgmentType(models.TextChoices):
    CONVICTION = "conviction", _("Conviction")
    ACQUITTAL = "acquittal", _("Acquittal")
    DISMISSAL = "dismissal", _("Dismissal")
    PARTIAL = "partial", _("Partly convicted, partly acquitted")
    PLEA = "plea", _("Conviction on a plea agreement")


class SentenceType(models.TextChoices):
    NONE = "none", _("No sentence")
    IMPRISONMENT = "imprisonment", _("Imprisonment")
    SUSPENDED = "suspended", _("Suspended imprisonment")
    HOUSE_ARREST = "house_arrest", _("House arrest")
    COMMUNITY = "community", _("Community service")
    FINE_ONLY = "fine_only", _("Fine only")


# Sentences with a length (in months and days).
SENTENCES_WITH_LENGTH = frozenset(
    {
        SentenceType.IMPRISONMENT,
        SentenceType.SUSPENDED,
        SentenceType.HOUSE_ARREST,
        SentenceType.COMMUNITY,
    }
)


class Finality(models.TextChoices):
    APPEALABLE = "appealable", _("Appealable")
    APPEALED = "appealed", _("Under appeal")
    FINAL = "final", _("Final")
