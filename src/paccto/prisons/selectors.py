"""Reads of prison records, always through the permission engine."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from paccto.cases.choices import TimelineLane
from paccto.cases.models import Case
from paccto.cases.timeline import TimelineEvent
from paccto.core.permissions import Actor, get_for, visible_to
from paccto.prisons.choices import SEAT_HOLDING, CustodyStatus, InmateEventKind, RiskLevel
from paccto.prisons.models import (
    Affiliation,
    Course,
    CourseSession,
    Enrolment,
    Inmate,
    InmateEvent,
    PrisonReport,
    ReleaseWatch,
    SeparationOrder,
    TransferDocument,
    TransferDossier,
    TransferStep,
)


def _active_affiliation() -> Exists:
    return Exists(Affiliation.objects.filter(inmate_id=OuterRef("pk"), ended_on__isnull=True))


def inmate_list(
    *, actor: Actor, q: str = "", status: str = "", risk_level: str = "", mine: bool = False
) -> QuerySet[Inmate]:
    """The inmates the actor may see, by name, register number or reference, status and
    risk level; ``mine``: those of the actor's own prison service."""
    qs = visible_to(actor, Inmate).select_related("owner_institution")
    needle = q.strip()[:100]
    if needle:
        match = Q(full_name__icontains=needle) | Q(register_number__iexact=needle)
        tail = needle.rsplit("-", 1)[-1]
        if tail.isdigit() and len(tail) < 12:
            match |= Q(pk=int(tail))
        qs = qs.filter(match)
    if status:
        qs = qs.filter(status=status)
    if risk_level:
        qs = qs.filter(risk_level=risk_level)
    if mine:
        qs = qs.filter(owner_institution_id=actor.institution_id)
    return qs.order_by("full_name", "pk")


def inmate_get(*, actor: Actor, pk: object, action: str = "view") -> Inmate:
    """One inmate the actor may see (or manage), else 404."""
    qs = Inmate.objects.select_related("owner_institution__country", "case", "person")
    return get_for(actor, qs, pk, action)


def inmate_events(*, inmate: Inmate) -> QuerySet[InmateEvent]:
    """The custody history of an inmate already obtained through ``inmate_get``."""
    return inmate.events.select_related("by", "institution").order_by("on", "at", "pk")


def inmate_affiliations(*, actor: Actor, inmate: Inmate) -> QuerySet[Affiliation]:
    """The affiliations of an inmate that the actor may see (each has its own provenance)."""
    return (
        visible_to(actor, Affiliation)
        .filter(inmate=inmate)
        .select_related("owner_institution", "share_network")
        .order_by("ended_on", "group_name", "pk")
    )


def affiliation_get(*, actor: Actor, pk: object, action: str = "view") -> Affiliation:
    return get_for(actor, Affiliation.objects.select_related("inmate"), pk, action)


def inmate_separations(*, actor: Actor, inmate: Inmate) -> QuerySet[SeparationOrder]:
    """The separation orders of an inmate (either side) that the actor may see."""
    return (
        visible_to(actor, SeparationOrder)
        .filter(Q(inmate=inmate) | Q(other=inmate))
        .select_related("inmate", "other", "ordered_by", "lifted_by")
        .order_by("lifted_at", "-ordered_at", "pk")
    )


def separation_get(*, actor: Actor, pk: object, action: str = "view") -> SeparationOrder:
    return get_for(actor, SeparationOrder.objects.select_related("inmate", "other"), pk, action)


def separation_candidates(*, actor: Actor, inmate: Inmate) -> QuerySet[Inmate]:
    """The other inmates in custody of the same prison service, to keep apart from."""
    return (
        visible_to(actor, Inmate, "change")
        .filter(owner_institution_id=inmate.owner_institution_id, status=CustodyStatus.IN_CUSTODY)
        .exclude(pk=inmate.pk)
        .order_by("full_name", "pk")
    )


def inmate_watches(*, actor: Actor, inmate: Inmate) -> QuerySet[ReleaseWatch]:
    """The actor's institution's watches on an inmate."""
    return (
        visible_to(actor, ReleaseWatch)
        .filter(inmate=inmate)
        .select_related("requested_by")
        .order_by("ended_at", "-created_at")
    )


def watch_list(*, actor: Actor, active: bool = True) -> QuerySet[ReleaseWatch]:
    """The actor's institution's watches (active ones first, or only them)."""
    qs = visible_to(actor, ReleaseWatch).select_related("inmate__owner_institution", "requested_by")
    if active:
        qs = qs.filter(ended_at__isnull=True)
    return qs.order_by("ended_at", "inmate__expected_release_date", "pk")


def watch_get(*, actor: Actor, pk: object, action: str = "view") -> ReleaseWatch:
    return get_for(actor, ReleaseWatch.objects.select_related("inmate"), pk, action)


def watch_alerts(*, watch: ReleaseWatch):
    return watch.alerts.order_by("-sent_at", "pk")


def inmate_reports(*, actor: Actor, inmate: Inmate) -> QuerySet[PrisonReport]:
    """The intelligence reports about an inmate that the actor may see."""
    return report_list(actor=actor).filter(inmates=inmate)


def report_list(*, actor: Actor, category: str = "") -> QuerySet[PrisonReport]:
    """The prison intelligence reports the actor may see (their messages are)."""
    qs = visible_to(actor, PrisonReport).select_related(
        "message__sender_institution", "message__owner_institution", "created_by"
    )
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("-created_at", "-pk")


def report_get(*, actor: Actor, pk: object) -> PrisonReport:
    qs = PrisonReport.objects.select_related(
        "message__sender_institution",
        "message__owner_institution",
        "message__thread",
        "created_by",
    )
    return get_for(actor, qs, pk)


def report_inmates(*, actor: Actor, report: PrisonReport) -> list[tuple[Inmate, bool]]:
    """The inmates a report concerns, each with whether the actor may open it (the others
    are shown by reference only)."""
    visible = set(visible_to(actor, Inmate).filter(reports=report).values_list("pk", flat=True))
    inmates = report.inmates.select_related("owner_institution").order_by("pk")
    return [(inmate, inmate.pk in visible) for inmate in inmates]


def inmate_transfers(*, actor: Actor, inmate: Inmate) -> QuerySet[TransferDossier]:
    return transfer_list(actor=actor).filter(inmate=inmate)


def transfer_list(*, actor: Actor, status: str = "") -> QuerySet[TransferDossier]:
    """The transfer dossiers of the actor's state (sentencing or administering)."""
    qs = visible_to(actor, TransferDossier).select_related(
        "sentencing_country", "administering_country"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-pk")


def transfer_get(*, actor: Actor, pk: object, action: str = "view") -> TransferDossier:
    qs = TransferDossier.objects.select_related(
        "inmate__owner_institution", "sentencing_country", "administering_country"
    )
    return get_for(actor, qs, pk, action)


def transfer_steps(*, dossier: TransferDossier) -> QuerySet[TransferStep]:
    return dossier.steps.select_related("by", "institution").order_by("at", "pk")


def transfer_documents(*, dossier: TransferDossier) -> QuerySet[TransferDocument]:
    return dossier.documents.select_related("uploaded_by", "institution").order_by(
        "kind", "uploaded_at", "pk"
    )


def transfer_document_get(*, actor: Actor, pk: object) -> TransferDocument:
    return get_for(actor, TransferDocument.objects.select_related("dossier"), pk)


def course_list(*, actor: Actor, topic: str = "", language: str = "") -> list[Course]:
    """The courses offered, by topic and language taught (every signed-in user)."""
    qs = visible_to(actor, Course).filter(active=True).select_related("provider__country")
    if topic:
        qs = qs.filter(topic=topic)
    courses = list(qs.order_by("topic", "code"))
    if language:
        courses = [c for c in courses if language in c.languages]
    return courses


def course_get(*, actor: Actor, pk: object, action: str = "view") -> Course:
    return get_for(actor, Course.objects.select_related("provider__country"), pk, action)


def course_sessions(*, course: Course) -> QuerySet[CourseSession]:
    """The sessions of a course, with the seats taken."""
    return course.sessions.annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=list(SEAT_HOLDING)))
    ).order_by("starts_on", "pk")


def session_get(*, actor: Actor, pk: object, action: str = "view") -> CourseSession:
    qs = CourseSession.objects.select_related("course__provider__country").annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=list(SEAT_HOLDING)))
    )
    return get_for(actor, qs, pk, action)


def session_enrolments(*, actor: Actor, session: CourseSession) -> QuerySet[Enrolment]:
    """The enrolments of a session that the actor may see (the academy sees them all, a
    prison service its own staff's)."""
    return (
        visible_to(actor, Enrolment)
        .filter(session=session)
        .select_related("participant", "institution", "completed_by")
        .order_by("institution__country_id", "participant__username")
    )


def enrolment_get(*, actor: Actor, pk: object, action: str = "view") -> Enrolment:
    qs = Enrolment.objects.select_related("session__course", "participant")
    return get_for(actor, qs, pk, action)


def enrolment_list(*, actor: Actor) -> QuerySet[Enrolment]:
    """The enrolments the actor may see, newest first."""
    return (
        visible_to(actor, Enrolment)
        .select_related("session__course", "participant", "institution")
        .order_by("-session__starts_on", "pk")
    )


def inmate_statistics(*, suppress_below: int = 0) -> list[dict[str, object]]:
    """Inmates in custody by the country of their prison service, whether they have an
    organised-crime affiliation, and risk level: counts only, no record. Cells under
    ``suppress_below`` are left out (for pages outside the platform)."""
    rows = (
        Inmate.objects.filter(status=CustodyStatus.IN_CUSTODY)
        .annotate(affiliated=_active_affiliation())
        .values("owner_institution__country_id", "affiliated", "risk_level")
        .annotate(count=Count("pk"))
        .order_by("owner_institution__country_id", "-affiliated", "risk_level")
    )
    order = {value: n for n, value in enumerate(RiskLevel.values)}
    result = [
        {
            "country": str(row["owner_institution__country_id"]),
            "affiliated": bool(row["affiliated"]),
            "risk_level": str(row["risk_level"]),
            "count": int(row["count"]),
        }
        for row in rows
        if row["count"] >= max(suppress_below, 1)
    ]
    result.sort(
        key=lambda r: (r["country"], not r["affiliated"], order.get(str(r["risk_level"]), 9))
    )
    return result


def _event_time(on: date, recorded: datetime) -> datetime:
    """When a custody event happened, for a timeline: the moment it was recorded when that
    was its day, else the start of its day."""
    if timezone.localdate(recorded) == on:
        return recorded
    return timezone.make_aware(datetime.combine(on, time.min))


def inmate_case_events(actor: Actor, case: Case) -> list[TimelineEvent]:
    """The prison lane of a case's timeline: the custody events (admission, moves,
    sentence, release, transfer abroad) of the inmates linked to the case that the actor
    may see."""
    events = (
        InmateEvent.objects.filter(inmate__case=case, inmate__in=visible_to(actor, Inmate))
        .exclude(kind=InmateEventKind.RELEASE_DATE)
        .select_related("inmate__owner_institution", "by")
        .order_by("on", "at", "pk")
    )
    return [
        TimelineEvent(
            at=_event_time(event.on, event.at),
            lane=TimelineLane.PRISON,
            title=f"{InmateEventKind(event.kind).label}: {event.inmate.full_name}",
            detail=" → ".join(v for v in (event.from_value, event.to_value) if v)
            or event.inmate.owner_institution.name,
            who=event.by.get_username() if event.by else "",
            url=reverse("prisons:inmate_detail", args=[event.inmate_id]),
        )
        for event in events
    ]


# Instruments between the states of a grouping only: (grouping, membership statuses).
INSTRUMENT_GROUPINGS = {
    "eu_fd_2008_909": ("eu", ("member",)),
    "mercosur_2004": ("mercosur", ("member", "associate")),
}


def instrument_countries(instrument: str) -> frozenset[str] | None:
    """The states between which an instrument applies (reference data: groupings), or
    None when the directory cannot say (conventions and treaties ratified state by
    state)."""
    from paccto.core.models import GroupingMembership

    if instrument not in INSTRUMENT_GROUPINGS:
        return None
    grouping, statuses = INSTRUMENT_GROUPINGS[instrument]
    return frozenset(
        GroupingMembership.objects.filter(
            grouping__code=grouping, status__in=list(statuses)
        ).values_list("country_id", flat=True)
    )


def case_choices(*, actor: Actor) -> list[tuple[int, str]]:
    """The cases the actor may link an inmate to (as lead or member)."""
    cases = visible_to(actor, Case, "contribute").order_by("reference")
    return [(case.pk, f"{case.reference}: {case.title}") for case in cases[:500]]


def staff_choices(*, actor: Actor) -> list[tuple[int, str]]:
    """The prison officers of the actor's institution (to enrol in a session)."""
    from paccto.accounts.models import User
    from paccto.core.choices import Role

    users = User.objects.filter(
        institution_id=actor.institution_id or 0,
        is_active=True,
        role_assignments__role=Role.PRISON_OFFICER,
    ).order_by("username")
    return [(user.pk, user.get_username()) for user in users.distinct()[:1000]]


def inmate_choices(*, actor: Actor) -> list[tuple[int, str]]:
    """The inmates in custody that the actor manages (for a report)."""
    inmates = visible_to(actor, Inmate, "change").filter(status=CustodyStatus.IN_CUSTODY)
    return [
        (inmate.pk, f"{inmate.full_name} ({inmate.register_number})")
        for inmate in inmates.order_by("full_name", "pk")[:2000]
    ]
