"""Reads of judicial cooperation: requests (always through the permission engine), their
parts, the reference data they use, court outcomes, and the case timeline's lanes."""

from __future__ import annotations

from datetime import datetime, time

from django.db import connection
from django.db.models import Case as Conditional
from django.db.models import IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.cases.choices import TimelineLane
from paccto.cases.models import Case
from paccto.cases.timeline import TimelineEvent
from paccto.core.choices import Sector
from paccto.core.models import GroupingMembership, Institution
from paccto.core.permissions import Actor, get_for, visible_to
from paccto.judicial.choices import RequestAction, RequestStatus
from paccto.judicial.machine import FINAL
from paccto.judicial.models import (
    DeadlineRule,
    Judgment,
    JudicialRequest,
    LegalBasis,
    RefusalGround,
    RequestAttachment,
    RequestDeadline,
    RequestEntity,
    RequestEvent,
    SafeguardAnswer,
    SafeguardRule,
)

EXECUTING_SECTORS = (Sector.PROSECUTION, Sector.JUDICIARY, Sector.CENTRAL_AUTHORITY)
OPEN = ~Q(status__in=[*FINAL, RequestStatus.DRAFT])


# Reference data (not protected: every signed-in user may read it) ------------------------


def legal_basis_countries(basis: LegalBasis) -> frozenset[str] | None:
    """The states parties of a legal basis (None: every state)."""
    if "*" in basis.countries:
        return None
    codes = set(basis.countries)
    if basis.groupings:
        codes |= set(
            GroupingMembership.objects.filter(
                grouping__code__in=basis.groupings, status=GroupingMembership.Status.MEMBER
            ).values_list("country_id", flat=True)
        )
    return frozenset(codes)


def legal_basis_applies(basis: LegalBasis, requesting: str, executing: str) -> bool:
    """Whether a legal basis applies between two states (both parties, and two states)."""
    if requesting == executing:
        return False
    parties = legal_basis_countries(basis)
    return parties is None or {requesting, executing} <= parties


def legal_basis_list(
    *, request_type: str = "", requesting_country: str = "", executing_country: str = ""
) -> list[LegalBasis]:
    """The active legal bases, narrowed to a kind of request and to the ones that apply
    between two states when they are given."""
    bases = list(LegalBasis.objects.filter(active=True).order_by("position", "key"))
    if request_type:
        bases = [b for b in bases if request_type in b.request_types]
    if requesting_country and executing_country:
        bases = [b for b in bases if legal_basis_applies(b, requesting_country, executing_country)]
    return bases


def refusal_ground_list(*, request_type: str = "") -> list[RefusalGround]:
    """The active refusal grounds (those for any kind, and for ``request_type``)."""
    grounds = RefusalGround.objects.filter(active=True).order_by("position", "key")
    return [
        g
        for g in grounds
        if not request_type or not g.request_types or request_type in g.request_types
    ]


def deadline_rule_list() -> QuerySet[DeadlineRule]:
    return DeadlineRule.objects.filter(active=True).order_by("position", "pk")


def deadline_rule_for(
    *, instrument: str, request_type: str, urgency: str, phase: str
) -> DeadlineRule | None:
    """The most specific active rule for a phase of a request (an exact legal basis counts
    most, then the kind of request, then the urgency), or None."""
    candidates = DeadlineRule.objects.filter(
        active=True,
        phase=phase,
        instrument__in=["", instrument],
        request_type__in=["", request_type],
        urgency__in=["", urgency],
    )

    def weight(rule: DeadlineRule) -> tuple[int, int, int]:
        return (bool(rule.instrument), bool(rule.request_type), bool(rule.urgency))

    return max(candidates, key=weight, default=None)


def safeguards_required(*, request_type: str, executing_country: str) -> bool:
    """Whether the human-rights questions must be answered before sending such a request
    to that state (``SafeguardRule`` reference data)."""
    return (
        SafeguardRule.objects.filter(active=True)
        .filter(Q(country="") | Q(country=executing_country))
        .filter(Q(request_type="") | Q(request_type=request_type))
        .exclude(country="", request_type="")
        .exists()
    )


def executing_institution_choices(*, actor_country: str) -> QuerySet[Institution]:
    """Authorities of other states that may execute a request (prosecution, judiciary,
    central authorities)."""
    return (
        Institution.objects.filter(sector__in=EXECUTING_SECTORS)
        .exclude(country_id=actor_country)
        .select_related("country")
        .order_by("country_id", "name")
    )


def central_authority_choices() -> QuerySet[Institution]:
    return (
        Institution.objects.filter(sector=Sector.CENTRAL_AUTHORITY)
        .select_related("country")
        .order_by("country_id", "name")
    )


def court_choices() -> QuerySet[Institution]:
    return (
        Institution.objects.filter(sector=Sector.JUDICIARY)
        .select_related("country")
        .order_by("country_id", "name")
    )


# Requests --------------------------------------------------------------------------------


def _overdue_first(qs: QuerySet[JudicialRequest], now: datetime) -> QuerySet[JudicialRequest]:
    return qs.annotate(
        overdue_rank=Conditional(
            When(due_at__lt=now, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("overdue_rank", "due_at", "-updated_at", "-pk")


def judicial_request_list(
    *,
    actor: Actor,
    box: str = "",
    status: str = "",
    request_type: str = "",
    overdue: bool = False,
    q: str = "",
    case: Case | None = None,
    now: datetime | None = None,
) -> QuerySet[JudicialRequest]:
    """The requests the actor sees, overdue first: ``box`` ``outgoing`` (the actor's
    institution asks, directly or as central authority) or ``incoming`` (it executes);
    by status, kind, overdue only, number or subject, case."""
    now = now or timezone.now()
    qs = visible_to(actor, JudicialRequest).select_related(
        "requesting_institution", "executing_institution", "legal_basis"
    )
    inst = actor.institution_id
    if box == "outgoing":
        qs = qs.filter(Q(requesting_institution_id=inst) | Q(requesting_central_authority_id=inst))
    elif box == "incoming":
        qs = qs.filter(Q(executing_institution_id=inst) | Q(executing_central_authority_id=inst))
    if status:
        qs = qs.filter(status=status)
    if request_type:
        qs = qs.filter(request_type=request_type)
    if overdue:
        qs = qs.filter(due_at__lt=now)
    if q:
        needle = q.strip()[:100]
        qs = qs.filter(Q(number__icontains=needle) | Q(title__icontains=needle))
    if case is not None:
        qs = qs.filter(case=case)
    return _overdue_first(qs, now)


def judicial_request_get(*, actor: Actor, pk: object, action: str = "view") -> JudicialRequest:
    """One request the actor sees (or may act on as ``action``), else 404."""
    qs = JudicialRequest.objects.select_related(
        "requesting_institution__country",
        "executing_institution__country",
        "requesting_central_authority",
        "executing_central_authority",
        "legal_basis",
        "case",
        "created_by",
    )
    return get_for(actor, qs, pk, action)


def judicial_counts(*, actor: Actor, now: datetime | None = None) -> dict[str, int]:
    """Counts for the dashboard: the actor's institution's open outgoing and incoming
    requests, the overdue ones among them, and its drafts.

    Every request counted names the actor's institution on its side and, drafts of its own
    apart, has been sent: exactly what ``JudicialRequestPolicy`` shows an operational user of
    that institution among them. So the policy's wider filter (the cases one takes part in)
    is left out here and the counts stay one plain query on the dashboard, which every page
    view pays for; a test checks they equal the counts over ``visible_to``."""
    now = now or timezone.now()
    inst = actor.institution_id
    if not actor.is_operational or inst is None or actor.user_id is None:
        return {"outgoing": 0, "incoming": 0, "overdue": 0, "drafts": 0}
    # Written out in SQL: the ORM took ten times longer to build this query than the
    # database to run it.
    closed = [*FINAL, RequestStatus.DRAFT]
    not_open = ", ".join(["%s"] * len(closed))
    outgoing = "(requesting_institution_id = %s OR requesting_central_authority_id = %s)"
    incoming = "(executing_institution_id = %s OR executing_central_authority_id = %s)"
    is_open = f"status NOT IN ({not_open})"
    table = connection.ops.quote_name(JudicialRequest._meta.db_table)
    sql = (  # constants and placeholders only
        f"SELECT SUM(CASE WHEN {outgoing} AND {is_open} THEN 1 ELSE 0 END),"  # noqa: S608
        f" SUM(CASE WHEN {incoming} AND {is_open} THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {is_open} AND due_at < %s THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN requesting_institution_id = %s AND status = %s THEN 1 ELSE 0 END)"
        f" FROM {table} WHERE {outgoing} OR {incoming}"
    )
    closed_values: list[str | int | datetime] = [str(status) for status in closed]
    params: list[str | int | datetime] = [inst, inst, *closed_values]  # outgoing
    params += [inst, inst, *closed_values]  # incoming
    params += [*closed_values, now]  # overdue
    params += [inst, str(RequestStatus.DRAFT)]  # drafts
    params += [inst, inst, inst, inst]  # the institution's side
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone() or (0, 0, 0, 0)
    keys = ("outgoing", "incoming", "overdue", "drafts")
    return {key: int(value or 0) for key, value in zip(keys, row, strict=True)}


def request_events(*, request: JudicialRequest) -> QuerySet[RequestEvent]:
    """The history of a request obtained through ``judicial_request_get``, oldest first."""
    return request.events.select_related("by", "institution", "ground").order_by("at", "pk")


def request_deadlines(*, request: JudicialRequest) -> QuerySet[RequestDeadline]:
    return request.deadlines.select_related("rule").order_by("starts_at", "pk")


def request_safeguards(*, request: JudicialRequest) -> QuerySet[SafeguardAnswer]:
    return request.safeguards.select_related("answered_by").order_by("pk")


def request_entities(*, request: JudicialRequest) -> QuerySet[RequestEntity]:
    return request.entity_links.select_related("added_by").order_by("pk")


def request_attachments(*, request: JudicialRequest) -> QuerySet[RequestAttachment]:
    return request.attachments.select_related("uploaded_by", "institution").order_by(
        "uploaded_at", "pk"
    )


def request_attachment_get(*, actor: Actor, pk: object) -> RequestAttachment:
    """A file of a request the actor sees, else 404."""
    qs = RequestAttachment.objects.select_related("request__requesting_institution")
    return get_for(actor, qs, pk)


# Court outcomes ----------------------------------------------------------------------------


def judgment_list(*, actor: Actor, case: Case | None = None) -> QuerySet[Judgment]:
    """The judgments of the cases the actor takes part in (of one case when given)."""
    qs = visible_to(actor, Judgment).select_related("case", "court", "recorded_by")
    if case is not None:
        qs = qs.filter(case=case)
    return qs.order_by("-judgment_date", "-pk")


def judgment_get(*, actor: Actor, pk: object, action: str = "view") -> Judgment:
    qs = Judgment.objects.select_related(
        "case", "court__country", "recorded_by", "recorded_institution", "defendant"
    )
    return get_for(actor, qs, pk, action)


# The case's timeline -------------------------------------------------------------------------


def _who(user: object, institution: Institution | None) -> str:
    name = user.get_username() if user is not None else _("the platform")  # type: ignore[attr-defined]
    return f"{name}, {institution.name}" if institution is not None else str(name)


def judicial_request_timeline(actor: Actor, case: Case) -> list[TimelineEvent]:
    """The judicial lane of a case's timeline: every step of each request of the case the
    actor sees (drafting, sending, decisions, deadlines...)."""
    requests = visible_to(actor, JudicialRequest).filter(case=case).values("pk")
    events = (
        RequestEvent.objects.filter(request__in=requests)
        .select_related("request", "by", "institution", "ground")
        .order_by("at", "pk")
    )
    labels = dict(RequestAction.choices)
    out = []
    for event in events:
        detail = event.ground.label if event.ground is not None else ""
        if event.reason:
            detail = f"{detail} — {event.reason}" if detail else event.reason
        out.append(
            TimelineEvent(
                at=event.at,
                lane=TimelineLane.JUDICIAL,
                title=f"{event.request.number}: {labels.get(event.action, event.action)}",
                detail=detail[:300],
                who=_who(event.by, event.institution),
                url=reverse("judicial:request_detail", args=[event.request_id]),
            )
        )
    return out


def _at_day(day: object) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0, 0)))  # type: ignore[arg-type]


def judgment_timeline(actor: Actor, case: Case) -> list[TimelineEvent]:
    """The court lane of a case's timeline: each judgment on its date, and the day it
    became final."""
    out = []
    for judgment in judgment_list(actor=actor, case=case):
        url = reverse("judicial:judgment_detail", args=[judgment.pk])
        who = judgment.court.name
        detail = judgment.sentence_label
        if judgment.defendant_caption:
            detail = f"{judgment.defendant_caption}: {detail}"
        out.append(
            TimelineEvent(
                at=_at_day(judgment.judgment_date),
                lane=TimelineLane.COURT,
                title=_("Judgment: %(outcome)s") % {"outcome": judgment.type_label},
                detail=detail,
                who=who,
                url=url,
            )
        )
        if judgment.final_on:
            out.append(
                TimelineEvent(
                    at=_at_day(judgment.final_on),
                    lane=TimelineLane.COURT,
                    title=_("Judgment final: %(outcome)s") % {"outcome": judgment.type_label},
                    who=who,
                    url=url,
                )
            )
    return out
