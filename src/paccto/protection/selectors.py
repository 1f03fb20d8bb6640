"""Reads of protection orders, through the permission engine; frontline verification and
statistics through their own narrow reads, which never touch the protected person's data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from paccto.core.models import GroupingMembership, Institution
from paccto.core.permissions import Actor, get_for, visible_to
from paccto.protection.choices import (
    ENDED,
    ENFORCEABLE,
    AgeGroup,
    LegalFramework,
    OrderStatus,
)
from paccto.protection.models import (
    BreachReport,
    OrderEvent,
    ProtectedPerson,
    ProtectionMeasure,
    ProtectionNotification,
    ProtectionOrder,
    Transmission,
)
from paccto.protection.permissions import ISSUING_SECTORS, can_verify_protection_orders

# Groupings whose states use each instrument, and the membership statuses that count.
FRAMEWORK_GROUPINGS = {
    LegalFramework.EPO: ("eu", (GroupingMembership.Status.MEMBER,)),
    LegalFramework.OMP: (
        "mercosur",
        (GroupingMembership.Status.MEMBER, GroupingMembership.Status.ASSOCIATE),
    ),
}


def framework_countries(framework: str) -> frozenset[str]:
    """The states between which orders of a legal framework travel (reference data:
    groupings and their memberships)."""
    grouping, statuses = FRAMEWORK_GROUPINGS[LegalFramework(framework)]
    return frozenset(
        GroupingMembership.objects.filter(grouping__code=grouping, status__in=statuses).values_list(
            "country_id", flat=True
        )
    )


def framework_for_country(country: str) -> str | None:
    """The legal framework of orders issued in a state: the European Protection Order in EU
    states, the Mercosur one in Mercosur states parties and associates; None elsewhere."""
    for framework in (LegalFramework.EPO, LegalFramework.OMP):
        if country in framework_countries(framework):
            return str(framework)
    return None


def executing_institution_choices(*, order: ProtectionOrder) -> QuerySet[Institution]:
    """Authorities an order may be transmitted to: judicial, prosecution and police
    institutions of the other states of its framework, not yet sent the order."""
    countries = framework_countries(order.framework) - {order.issuing_institution.country_id}
    done = order.transmissions.values("executing_institution__country_id")
    return (
        Institution.objects.filter(country_id__in=countries, sector__in=ISSUING_SECTORS)
        .exclude(country_id__in=done)
        .select_related("country")
        .order_by("country_id", "sector", "name")
    )


def protection_order_list(
    *, actor: Actor, q: str = "", status: str = ""
) -> QuerySet[ProtectionOrder]:
    """Orders the actor may see (issued by or transmitted to their institution), newest
    first, by number or the name of the person causing danger."""
    qs = visible_to(actor, ProtectionOrder).select_related("issuing_institution__country")
    q = q.strip()[:100]
    if q:
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(respondent_surname__icontains=q)
            | Q(respondent_given_name__icontains=q)
            | Q(respondent_full_name__icontains=q)
        )
    if status in OrderStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def protection_order_get(*, actor: Actor, pk: object, action: str = "view") -> ProtectionOrder:
    """One order the actor may see (or act on as its issuer: ``issue``), else 404."""
    qs = ProtectionOrder.objects.select_related("issuing_institution__country", "respondent")
    return get_for(actor, qs, pk, action)


def protection_order_measures(*, order: ProtectionOrder) -> QuerySet[ProtectionMeasure]:
    """The measures of an order already obtained through ``protection_order_get``."""
    return order.measures.order_by("kind")


def protection_order_transmissions(
    *, actor: Actor, order: ProtectionOrder
) -> QuerySet[Transmission]:
    """The executing states of an order: all of them for its issuer, one's own otherwise."""
    return (
        visible_to(actor, Transmission)
        .filter(order=order)
        .select_related("executing_institution__country", "decided_by", "transmitted_by")
        .order_by("transmitted_at", "pk")
    )


def protection_order_events(*, actor: Actor, order: ProtectionOrder) -> QuerySet[OrderEvent]:
    return (
        visible_to(actor, OrderEvent)
        .filter(order=order)
        .select_related("by", "institution", "transmission__executing_institution")
        .order_by("at", "pk")
    )


def protection_order_breaches(*, actor: Actor, order: ProtectionOrder) -> QuerySet[BreachReport]:
    return (
        visible_to(actor, BreachReport)
        .filter(order=order)
        .select_related("measure", "reported_by", "transmission__executing_institution")
        .order_by("-occurred_at", "-pk")
    )


def protected_persons_get(*, actor: Actor, order: ProtectionOrder) -> list[ProtectedPerson]:
    """The protected person and her children, decrypted, for a protection officer entitled
    to them; 404 for anyone else, exactly as for an order that does not exist."""
    persons = list(
        visible_to(actor, ProtectedPerson).filter(order=order).order_by("position", "pk")
    )
    if not persons:
        raise Http404
    return persons


def protected_persons_visible(*, actor: Actor, order: ProtectionOrder) -> bool:
    """Whether the actor may read the protected person's data of an order (nothing is
    read or decrypted)."""
    return visible_to(actor, ProtectedPerson).filter(order=order).exists()


def protected_persons_count(*, order: ProtectionOrder) -> int:
    """How many children an order protects (no data is read)."""
    return order.protected_persons.filter(role="child").count()


def transmission_get(*, actor: Actor, pk: object, action: str = "view") -> Transmission:
    qs = Transmission.objects.select_related(
        "order__issuing_institution__country", "executing_institution__country"
    )
    return get_for(actor, qs, pk, action)


def breach_get(*, actor: Actor, pk: object, action: str = "view") -> BreachReport:
    qs = BreachReport.objects.select_related("order", "measure", "transmission")
    return get_for(actor, qs, pk, action)


def protection_notification_list(
    *, actor: Actor, order: ProtectionOrder | None = None
) -> QuerySet[ProtectionNotification]:
    """What the actor's institution was told about orders (of one order, or all)."""
    qs = visible_to(actor, ProtectionNotification).select_related("order", "breach")
    if order is not None:
        qs = qs.filter(order=order)
    return qs.order_by("-at", "-pk")


# --- frontline verification ----------------------------------------------------------------


@dataclass(frozen=True)
class VerifiedMeasure:
    kind: str
    label: str
    places: str = ""
    contact_means: tuple[str, ...] = ()
    contact_means_labels: tuple[str, ...] = ()
    distance_metres: int | None = None
    monitoring: str = ""
    monitoring_label: str = ""
    note: str = ""


@dataclass(frozen=True)
class VerifiableOrder:
    """What frontline verification may tell about an order: its number, validity, who
    issued and who executes it, the person causing danger and the measures. Nothing about
    the protected person."""

    pk: int
    number: str
    framework: str
    framework_label: str
    issuing_country: str
    issuing_institution: str
    executing_institution: str
    status: str
    status_label: str
    valid_from: date
    valid_to: date
    respondent: dict[str, str]
    measures: tuple[VerifiedMeasure, ...] = field(default_factory=tuple)


RESPONDENT_FIELDS = (
    "given_name",
    "surname",
    "second_surname",
    "full_name",
    "date_of_birth",
    "nationality",
    "document",
    "gender",
)


def _enforceable_here(actor: Actor, today: date) -> QuerySet[Transmission] | None:
    """Transmissions to the actor's state of orders enforceable there today: recognised (or
    in force, or breached), not ended, within their validity. None for those who may not
    verify, which looks exactly like no order at all."""
    if not can_verify_protection_orders(actor) or not actor.country_id:
        return None
    return Transmission.objects.filter(
        executing_institution__country_id=actor.country_id,
        status__in=ENFORCEABLE,
        order__valid_from__lte=today,
        order__valid_to__gte=today,
    ).exclude(order__status__in=ENDED)


def protection_verification_identities(
    *, actor: Actor, today: date
) -> list[tuple[int, dict[str, str]]]:
    """The person causing danger of every order enforceable today in the actor's state, as
    (order id, identity): one light read, for comparing an identity against all of them."""
    transmissions = _enforceable_here(actor, today)
    if transmissions is None:
        return []
    names = [f"order__respondent_{name}" for name in RESPONDENT_FIELDS]
    return [
        (row[0], dict(zip(RESPONDENT_FIELDS, row[1:], strict=True)))
        for row in transmissions.order_by().values_list("order_id", *names)
    ]


def protection_verification_candidates(
    *, actor: Actor, today: date, number: str = "", order_ids: list[int] | None = None
) -> list[VerifiableOrder]:
    """Orders enforceable today in the actor's state (by number, or among ``order_ids``),
    with what verification may tell: never anything about the protected person."""
    transmissions = _enforceable_here(actor, today)
    if transmissions is None:
        return []
    transmissions = transmissions.select_related(
        "order__issuing_institution", "executing_institution"
    ).order_by("order_id")
    if number:
        transmissions = transmissions.filter(order__number=number)
    if order_ids is not None:
        transmissions = transmissions.filter(order_id__in=order_ids)
    found = []
    measures: dict[int, list[VerifiedMeasure]] = {}
    rows = list(transmissions)
    for m in ProtectionMeasure.objects.filter(order_id__in=[t.order_id for t in rows]).order_by(
        "kind"
    ):
        measures.setdefault(m.order_id, []).append(
            VerifiedMeasure(
                kind=m.kind,
                label=m.label,
                places=m.places,
                contact_means=tuple(m.contact_means),
                contact_means_labels=m.contact_means_labels,
                distance_metres=m.distance_metres,
                monitoring=m.monitoring,
                monitoring_label=m.monitoring_label,
                note=m.note,
            )
        )
    for t in rows:
        order = t.order
        found.append(
            VerifiableOrder(
                pk=order.pk,
                number=order.number,
                framework=order.framework,
                framework_label=str(order.get_framework_display()),
                issuing_country=order.issuing_institution.country_id,
                issuing_institution=order.issuing_institution.name,
                executing_institution=t.executing_institution.name,
                status=t.status,
                status_label=str(t.get_status_display()),
                valid_from=order.valid_from,
                valid_to=order.valid_to,
                respondent={
                    name: getattr(order, f"respondent_{name}") for name in RESPONDENT_FIELDS
                },
                measures=tuple(measures.get(order.pk, ())),
            )
        )
    return found


# --- statistics ---------------------------------------------------------------------------

COUNTS = ("issued", "received", "recognised", "refused", "breached")


@dataclass
class StatisticsRow:
    """Counts for one country or age group: orders issued (by the issuing state), received,
    recognised, refused and breached (by the executing state)."""

    key: str
    label: str
    issued: int | None = 0
    received: int | None = 0
    recognised: int | None = 0
    refused: int | None = 0
    breached: int | None = 0


def protection_statistics(*, suppress_below: int = 0) -> dict[str, object]:
    """Orders issued, recognised, refused and breached, by country and by the protected
    person's age group at issue: counts only, no personal data. Drafts are not counted.
    With ``suppress_below``, counts from 1 to ``suppress_below - 1`` are withheld (None),
    for publication."""
    from paccto.core.models import country_name

    orders = ProtectionOrder.objects.exclude(status=OrderStatus.DRAFT).order_by()
    transmissions = Transmission.objects.order_by()
    recognised = Q(status__in=ENFORCEABLE | ENDED, decided_at__isnull=False)
    by_country: dict[str, StatisticsRow] = {}

    def row(code: str) -> StatisticsRow:
        if code not in by_country:
            by_country[code] = StatisticsRow(code, country_name(code))
        return by_country[code]

    for code, n in orders.values_list("issuing_institution__country_id").annotate(n=Count("pk")):
        row(code).issued = n
    per_state = transmissions.values("executing_institution__country_id").annotate(
        received=Count("pk"),
        recognised=Count("pk", filter=recognised),
        refused=Count("pk", filter=Q(status=OrderStatus.REFUSED)),
    )
    for state in per_state:
        r = row(state["executing_institution__country_id"])
        r.received, r.recognised = state["received"], state["recognised"]
        r.refused = state["refused"]
    breaches = BreachReport.objects.order_by().values_list(
        "transmission__executing_institution__country_id"
    )
    for code, n in breaches.annotate(n=Count("order_id", distinct=True)):
        row(code).breached = n

    recognised_ids = transmissions.filter(recognised).values("order_id")
    refused_ids = transmissions.filter(status=OrderStatus.REFUSED).values("order_id")
    breached_ids = BreachReport.objects.order_by().values("order_id")
    by_age = {g.value: StatisticsRow(g.value, str(g.label)) for g in AgeGroup}
    per_group = orders.values("victim_age_group").annotate(
        issued=Count("pk"),
        recognised=Count("pk", filter=Q(pk__in=recognised_ids)),
        refused=Count("pk", filter=Q(pk__in=refused_ids)),
        breached=Count("pk", filter=Q(pk__in=breached_ids)),
    )
    totals = StatisticsRow("total", "", issued=0, received=transmissions.count())
    for group in per_group:
        r = by_age[group["victim_age_group"]]
        for name in ("issued", "recognised", "refused", "breached"):
            setattr(r, name, group[name])
            setattr(totals, name, (getattr(totals, name) or 0) + group[name])
    rows = sorted(by_country.values(), key=lambda r: r.label)
    if suppress_below:
        for r in [*rows, *by_age.values(), totals]:
            for name in COUNTS:
                value = getattr(r, name)
                if value and value < suppress_below:
                    setattr(r, name, None)
    return {"totals": totals, "by_country": rows, "by_age_group": list(by_age.values())}
