"""Vocabularies of cases and joint investigation teams."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseStage(models.TextChoices):
    """Where a case stands along the criminal chain."""

    INTELLIGENCE = "intelligence", _("Intelligence")
    INVESTIGATION = "investigation", _("Investigation")
    PROSECUTION = "prosecution", pgettext_lazy("case stage", "Prosecution")
    TRIAL = "trial", _("Trial")
    SENTENCE_EXECUTION = "sentence_execution", _("Sentence execution")
    CLOSED = "closed", _("Closed")


class TimelineLane(models.TextChoices):
    """The lanes of a case's timeline: the case itself and each link of the chain."""

    CASE = "case", _("Case")
    ENTITY = "entity", _("Entity store")
    EXCHANGE = "exchange", _("Exchange")
    JUDICIAL = "judicial", _("Judicial cooperation")
    COURT = "court", _("Court")
    PRISON = "prison", _("Prison")


# The moves a case may make. Forward along the chain; back one step where the law sends a
# case back (further investigation ordered by the prosecutor); closed from any stage (no
# grounds, dismissal, acquittal, sentence served). A closed case reopens into the stage it
# was closed from (see ``stage_reopen_target``), never elsewhere.
STAGE_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStage.INTELLIGENCE: frozenset({CaseStage.INVESTIGATION, CaseStage.CLOSED}),
    CaseStage.INVESTIGATION: frozenset(
        {CaseStage.INTELLIGENCE, CaseStage.PROSECUTION, CaseStage.CLOSED}
    ),
    CaseStage.PROSECUTION: frozenset({CaseStage.INVESTIGATION, CaseStage.TRIAL, CaseStage.CLOSED}),
    CaseStage.TRIAL: frozenset(
        {CaseStage.PROSECUTION, CaseStage.SENTENCE_EXECUTION, CaseStage.CLOSED}
    ),
    CaseStage.SENTENCE_EXECUTION: frozenset({CaseStage.CLOSED}),
    CaseStage.CLOSED: frozenset(),
}


class ParticipantRole(models.TextChoices):
    """What a participant (an institution or a person) does in a case."""

    LEAD = "lead", _("Lead: manages the case")
    MEMBER = "member", _("Member: contributes records")
    OBSERVER = "observer", _("Observer: reads only")


class LegalBasis(models.TextChoices):
    """The instrument a joint investigation team is set up under."""

    AMERIPOL = "ameripol_2023", _("AMERIPOL Treaty of Brasília (2023)")
    COE_PROTOCOL = (
        "coe_1959_p2",
        _(
            "Second Additional Protocol to the 1959 Council of Europe Convention on Mutual "
            "Assistance in Criminal Matters"
        ),
    )
    EU_JIT = (
        "eu_2002_465",
        _("Council Framework Decision 2002/465/JHA (EU joint investigation teams)"),
    )
    BILATERAL = "bilateral", _("Bilateral agreement")
    OTHER = "other", _("Other (stated in the text)")


class JitStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed: read-only")


class MemberFunction(models.TextChoices):
    """What a member does in the team."""

    POLICE = "police", _("Police officer")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    JUDGE = "judge", _("Judge")
    ANALYST = "analyst", _("Analyst")
    EXPERT = "expert", _("Expert")


class EvidenceType(models.TextChoices):
    PHYSICAL = "physical", _("Physical object")
    DOCUMENT = "document", _("Document")
    DIGITAL = "digital", _("Digital data")
    FINANCIAL = "financial", _("Financial record")
    COMMUNICATIONS = "communications", _("Communications")
    BIOLOGICAL = "biological", _("Biological sample")
    DRUGS = "drugs", _("Drugs")
    FIREARM = "firearm", _("Firearm or ammunition")
    IMAGE = "image", _("Photograph or video")
    OTHER = "other", _("Other")


class CustodyKind(models.TextChoices):
    """What happened to an item of evidence."""

    REGISTERED = "registered", _("Registered")
    HANDED_OVER = "handed_over", _("Handed over")
    ACCESSED = "accessed", _("Accessed")
    COPIED = "copied", _("Copied")
    ANALYSED = "analysed", _("Analysed")
    DOWNLOADED = "downloaded", _("Downloaded")
    RETURNED = "returned", _("Returned to its owner or released")


# Events a member records by hand (registration and downloads are recorded by the platform).
MANUAL_CUSTODY_KINDS = (
    CustodyKind.HANDED_OVER,
    CustodyKind.ACCESSED,
    CustodyKind.COPIED,
    CustodyKind.ANALYSED,
    CustodyKind.RETURNED,
)


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ObjectivesMet(models.TextChoices):
    YES = "yes", _("Met")
    PARTLY = "partly", _("Partly met")
    NO = "no", _("Not met")


class CooperationQuality(models.TextChoices):
    EXCELLENT = "5", _("5: excellent")
    GOOD = "4", _("4: good")
    FAIR = "3", _("3: fair")
    POOR = "2", _("2: poor")
    VERY_POOR = "1", _("1: very poor")
