"""Vocabularies of prisons: custody, sentences, risk, affiliation, intelligence reports,
transfers of sentenced persons between states, and the prison academies' training."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CustodyStatus(models.TextChoices):
    """Where an inmate record stands."""

    IN_CUSTODY = "in_custody", _("In custody")
    RELEASED = "released", _("Released")
    TRANSFERRED = "transferred", _("Transferred to another state")


class LegalStatus(models.TextChoices):
    REMAND = "remand", _("On remand (awaiting trial)")
    SENTENCED = "sentenced", _("Sentenced")


class SentenceType(models.TextChoices):
    IMPRISONMENT = "imprisonment", _("Imprisonment (fixed term)")
    LIFE = "life", _("Life imprisonment")
    PREVENTIVE = "preventive", _("Preventive detention or security measure")
    OTHER = "other", _("Other custodial sentence")


# Sentences that have a length in months.
FIXED_TERM = frozenset({SentenceType.IMPRISONMENT, SentenceType.OTHER})


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")


class InmateEventKind(models.TextChoices):
    """What happened to an inmate record, kept as its history."""

    ADMISSION = "admission", _("Admitted")
    MOVE = "move", _("Transferred to another establishment")
    SENTENCED = "sentenced", _("Sentence recorded")
    RELEASE_DATE = "release_date", _("Expected release date changed")
    RELEASE = "release", _("Released")
    TRANSFER_ABROAD = "transfer_abroad", _("Transferred to another state")


class AffiliationRole(models.TextChoices):
    """What an inmate does in an organised-crime group."""

    LEADER = "leader", _("Leader")
    LIEUTENANT = "lieutenant", _("Lieutenant")
    MEMBER = "member", _("Member")
    RECRUITER = "recruiter", _("Recruiter")
    ENFORCER = "enforcer", _("Enforcer")
    FINANCIER = "financier", _("Financier")
    ASSOCIATE = "associate", _("Associate")


class AffiliationSource(models.TextChoices):
    """Where an affiliation is known from."""

    OBSERVATION = "observation", _("Observation by prison staff")
    SEIZED_MATERIAL = "seized_material", _("Seized phones, letters or documents")
    INMATE_STATEMENT = "inmate_statement", _("Statement of the inmate or another inmate")
    INFORMANT = "informant", _("Informant")
    POLICE = "police", _("Police or prosecution information")
    JUDGMENT = "judgment", _("Court judgment")
    OTHER = "other", _("Other source (described)")


class ReportCategory(models.TextChoices):
    """What a prison intelligence report is about."""

    INCIDENT = "incident", _("Incident")
    SEIZED_PHONE = "seized_phone", _("Seized phone")
    COMMUNICATIONS = "communications", _("Communications")
    RECRUITMENT = "recruitment", _("Recruitment")
    ORDERS_FROM_INSIDE = "orders_from_inside", _("Orders given from inside")
    CORRUPTION = "corruption", _("Corruption attempt")


class TransferInstrument(models.TextChoices):
    """The legal instrument under which a sentenced person is transferred."""

    COE_1983 = (
        "coe_1983",
        _("Council of Europe Convention on the Transfer of Sentenced Persons (1983)"),
    )
    EU_FD_2008_909 = "eu_fd_2008_909", _("EU Framework Decision 2008/909/JHA")
    MANAGUA_1993 = (
        "managua_1993",
        _("Inter-American Convention on Serving Criminal Sentences Abroad (Managua, 1993)"),
    )
    MERCOSUR = (
        "mercosur_2004",
        _("Mercosur Agreement on the Transfer of Sentenced Persons (2004)"),
    )
    BILATERAL = "bilateral", _("Bilateral treaty")


class ConsentException(models.TextChoices):
    """The legal exceptions under which a person is transferred without consent."""

    NATIONALITY_RESIDENCE = (
        "nationality_residence",
        _("To the state of nationality where the person lives"),
    )
    DEPORTATION = (
        "deportation",
        _("To the state of nationality to which the person will be deported"),
    )
    FLED = "fled", _("To the state to which the person fled or returned")


# The exceptions each instrument allows (EU FD 2008/909 Art. 6(2); the 1997 Additional
# Protocol to the CoE Convention, Arts. 2 and 3). The others need the person's consent.
INSTRUMENT_EXCEPTIONS: dict[str, frozenset[str]] = {
    TransferInstrument.EU_FD_2008_909: frozenset(ConsentException.values),
    TransferInstrument.COE_1983: frozenset({ConsentException.DEPORTATION, ConsentException.FLED}),
}
# Exceptions that send the person to a state of his nationality (checked against it).
NATIONALITY_EXCEPTIONS = frozenset(
    {ConsentException.NATIONALITY_RESIDENCE, ConsentException.DEPORTATION}
)


class TransferStatus(models.TextChoices):
    """Where a transfer dossier stands."""

    OPENED = "opened", _("Opened")
    CONSENT = "consent", _("Consent or exception recorded")
    SENTENCING_APPROVED = "sentencing_approved", _("Approved by the sentencing state")
    FORWARDED = "forwarded", _("Forwarded to the administering state")
    ACCEPTED = "accepted", _("Accepted by the administering state")
    ADAPTED = "adapted", _("Sentence adaptation decided")
    TRANSFERRED = "transferred", _("Transferred")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


TRANSFER_CLOSED = frozenset(
    {TransferStatus.TRANSFERRED, TransferStatus.REFUSED, TransferStatus.WITHDRAWN}
)


class TransferStepKind(models.TextChoices):
    OPEN = "open", _("Dossier opened")
    CONSENT = "consent", _("Consent or exception")
    SENTENCING_DECISION = "sentencing_decision", _("Decision of the sentencing state")
    FORWARD = "forward", _("Forwarded with the certificate and the judgment")
    ADMINISTERING_DECISION = "administering_decision", _("Decision of the administering state")
    ADAPT = "adapt", _("Adaptation of the sentence")
    TRANSFER = "transfer", _("Transfer")
    WITHDRAW = "withdraw", _("Withdrawn")


class TransferDocumentKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate")
    JUDGMENT = "judgment", _("Judgment")
    OTHER = "other", _("Other document")


class CourseTopic(models.TextChoices):
    """Topics of the prison academies' training catalogue."""

    CORRUPTION = "corruption", _("Corruption and internal control")
    GENDER = "gender", _("Gender")
    SPECIAL_RISK = "special_risk", _("Groups at special risk")
    COOPERATION = "cooperation", _("International cooperation")
    SECURITY = "security", _("Security and organised crime in prisons")


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Did not attend")


# Enrolments that hold a seat of the session.
SEAT_HOLDING = frozenset(
    {EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED, EnrolmentStatus.ABSENT}
)


class AlertKind(models.TextChoices):
    """What a release alert announces."""

    RELEASE_DUE = "release_due", _("Release approaching")
    RELEASED = "released", _("Released")
    TRANSFER_DUE = "transfer_due", _("Transfer approaching")
    TRANSFERRED = "transferred", _("Transferred")
    # A move to another establishment of the same prison service: the watch goes on.
    MOVED = "moved", _("Moved to another establishment")
