"""Who may see and act on prison records (default deny; 404 for what one may not see).

- **Inmates** belong to their prison service (the owner institution, a penitentiary),
  with provenance: its prison officers manage them; other operational users see them as
  the share scope says, like entities; the participants of a case see the inmates linked
  to it. Custody events and separation orders follow their inmate (a separation order
  needs both inmates).
- **Affiliations** are intelligence with their own provenance: seen as their own share
  scope says (and only with their inmate), managed by prison officers of their owner.
- **Release watches** are their institution's (police, prosecution, customs): its users who
  may watch see and end them.
- **Prison intelligence reports** are messages of secure exchange: whoever sees the message
  sees the report.
- **Transfer dossiers** are seen by the prison services and central authorities of the two
  states; each state takes its own steps.
- **The academies' catalogue** (courses and sessions) is seen by every signed-in user;
  prison officers of RAP member institutions enrol their institution's staff; the
  academy giving a course manages its sessions and records completion.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from paccto.core.choices import Role, Sector
from paccto.core.permissions import Actor, ProvenancePolicy, register_policy, visible_to
from paccto.prisons.models import (
    Affiliation,
    Course,
    CourseSession,
    Enrolment,
    Inmate,
    InmateEvent,
    PrisonReport,
    ReleaseAlert,
    ReleaseWatch,
    SeparationOrder,
    TransferDocument,
    TransferDossier,
    TransferStep,
)

RAP = "rap"  # the network of prison academies
WATCH_ROLES = (Role.ANALYST, Role.INVESTIGATOR, Role.PROSECUTOR)
WATCH_SECTORS = frozenset({Sector.POLICE, Sector.CUSTOMS, Sector.PROSECUTION})
TRANSFER_SECTORS = frozenset({Sector.PENITENTIARY, Sector.CENTRAL_AUTHORITY})


def _sector(actor: Actor) -> str:
    from paccto.core.selectors import institution_cached

    if actor.institution_id is None:
        return ""
    return str(institution_cached(actor.institution_id).sector)


def can_use_prisons(actor: Actor) -> bool:
    """Operational users see the inmates shared with them, and the statistics."""
    return actor.is_operational and actor.institution_id is not None


def is_prison_officer(actor: Actor) -> bool:
    """Prison officers of a prison service (a penitentiary institution)."""
    return (
        actor.institution_id is not None
        and actor.has_role(Role.PRISON_OFFICER)
        and _sector(actor) == Sector.PENITENTIARY
    )


def can_admit_inmates(actor: Actor) -> bool:
    """Prison officers admit inmates to their prison service and write intelligence
    reports about them."""
    return is_prison_officer(actor)


def can_watch_inmates(actor: Actor) -> bool:
    """Analysts, investigators and prosecutors of police, customs and prosecution services
    ask to be told before an inmate is released or transferred."""
    return (
        actor.institution_id is not None
        and actor.has_role(*WATCH_ROLES)
        and _sector(actor) in WATCH_SECTORS
    )


def is_transfer_authority(actor: Actor) -> bool:
    """Prison officers of a prison service, and operational users of a central authority,
    work on transfers of sentenced persons."""
    if actor.institution_id is None or not actor.is_operational:
        return False
    sector = _sector(actor)
    if sector == Sector.PENITENTIARY:
        return actor.has_role(Role.PRISON_OFFICER)
    return sector == Sector.CENTRAL_AUTHORITY


def is_rap_member(actor: Actor) -> bool:
    """Whether the actor's institution belongs to the network of prison academies."""
    from paccto.core.models import NetworkMembership

    if actor.institution_id is None:
        return False
    return NetworkMembership.objects.filter(
        institution_id=actor.institution_id, network__key=RAP
    ).exists()


def can_enrol_staff(actor: Actor) -> bool:
    """Prison officers of RAP member institutions enrol their institution's staff."""
    return is_prison_officer(actor) and is_rap_member(actor)


def _prison_officer_of(actor: Actor, field: str) -> Q:
    """Rows whose ``field`` is the actor's institution, when the actor is one of its prison
    officers; no rows otherwise."""
    if not is_prison_officer(actor):
        return Q(pk__in=[])
    return Q(**{field: actor.institution_id})


class InmatePolicy(ProvenancePolicy):
    """view: as provenance says (and case participants); change: prison officers of the
    owner; watch: those who see the inmate and may watch inmates."""

    def __init__(self) -> None:
        super().__init__(case_field="case")

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action == "change":
            return queryset.filter(_prison_officer_of(actor, "owner_institution_id"))
        if action == "watch":
            if not can_watch_inmates(actor):
                return queryset.none()
            return super().filter(actor, queryset, "view")
        if action == "view":
            return super().filter(actor, queryset, "view")
        return queryset.none()


def visible_inmates(actor: Actor, action: str = "view") -> QuerySet:
    return visible_to(actor, Inmate, action).values("pk")


class AffiliationPolicy(ProvenancePolicy):
    """view: as its own provenance says, with its inmate; change: prison officers of the
    owner."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action == "change":
            return queryset.filter(_prison_officer_of(actor, "owner_institution_id"))
        if action != "view":
            return queryset.none()
        return super().filter(actor, queryset, "view").filter(inmate__in=visible_inmates(actor))


class InmateEventPolicy:
    """Custody events are seen with their inmate."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action != "view":
            return queryset.none()
        return queryset.filter(inmate__in=visible_inmates(actor))


class SeparationOrderPolicy:
    """view: with both inmates; change (lift): prison officers of the inmate's owner."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action == "change":
            return queryset.filter(_prison_officer_of(actor, "inmate__owner_institution_id"))
        if action != "view":
            return queryset.none()
        inmates = visible_inmates(actor)
        return queryset.filter(inmate__in=inmates, other__in=inmates)


class ReleaseWatchPolicy:
    """view and change (end): the watching institution's users who may watch."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action not in ("view", "change") or not can_watch_inmates(actor):
            return queryset.none()
        return queryset.filter(**{f"{self.prefix}institution_id": actor.institution_id})


class PrisonReportPolicy:
    """A report is seen by whoever sees its message (secure exchange's rules)."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        from paccto.exchange.models import Message

        if action != "view":
            return queryset.none()
        messages = visible_to(actor, Message).filter(pk=OuterRef("message_id"))
        return queryset.filter(Exists(messages))


class TransferDossierPolicy:
    """view: prison services and central authorities of both states; ``sentencing`` and
    ``administering`` (the steps of each state): those of that state."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if not is_transfer_authority(actor) or actor.country_id is None:
            return queryset.none()
        p = self.prefix
        sentencing = Q(**{f"{p}sentencing_country_id": actor.country_id})
        administering = Q(**{f"{p}administering_country_id": actor.country_id})
        if action == "view":
            return queryset.filter(sentencing | administering)
        if action == "sentencing":
            return queryset.filter(sentencing)
        if action == "administering":
            return queryset.filter(administering)
        return queryset.none()


class TransferChildPolicy:
    """Steps and documents are seen with their dossier."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action != "view":
            return queryset.none()
        return TransferDossierPolicy("dossier__").filter(actor, queryset, "view")


class CatalogueViewPolicy:
    """Every signed-in user sees the catalogue; the academy giving a course (its prison
    officers) manages it (``prefix`` leads to the course)."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action == "view":
            return queryset
        if action == "manage":
            return queryset.filter(_prison_officer_of(actor, f"{self.prefix}provider_id"))
        return queryset.none()


class EnrolmentPolicy:
    """view: the participant, prison officers of the participant's institution and of the
    academy; withdraw: the participant and prison officers of the participant's
    institution; complete: prison officers of the academy."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if actor.user_id is None:
            return queryset.none()
        own = Q(participant_id=actor.user_id) | _prison_officer_of(actor, "institution_id")
        academy = _prison_officer_of(actor, "session__course__provider_id")
        if action == "view":
            return queryset.filter(own | academy)
        if action == "withdraw":
            return queryset.filter(own)
        if action == "complete":
            return queryset.filter(academy)
        return queryset.none()


register_policy(Inmate, InmatePolicy())
register_policy(InmateEvent, InmateEventPolicy())
register_policy(Affiliation, AffiliationPolicy())
register_policy(SeparationOrder, SeparationOrderPolicy())
register_policy(ReleaseWatch, ReleaseWatchPolicy())
register_policy(ReleaseAlert, ReleaseWatchPolicy("watch__"))
register_policy(PrisonReport, PrisonReportPolicy())
register_policy(TransferDossier, TransferDossierPolicy())
register_policy(TransferStep, TransferChildPolicy())
register_policy(TransferDocument, TransferChildPolicy())
register_policy(Course, CatalogueViewPolicy())
register_policy(CourseSession, CatalogueViewPolicy("course__"))
register_policy(Enrolment, EnrolmentPolicy())
