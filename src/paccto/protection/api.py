"""Protection orders in the API. Orders and their steps for the issuing and executing
authorities; the protected person's data on their own endpoint, for protection officers
only, with a justification; frontline verification (measures only); statistics."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from paccto.api.auth import require_write
from paccto.api.pagination import Pagination
from paccto.core.models import Institution
from paccto.core.permissions import Actor, actor_for
from paccto.entities import selectors as entity_selectors
from paccto.protection import selectors, services
from paccto.protection.choices import RefusalGround
from paccto.protection.models import ProtectionOrder, Transmission
from paccto.protection.permissions import can_see_protection_statistics
from paccto.protection.schemas import (
    BreachIn,
    BreachOut,
    ChoiceOut,
    CloseIn,
    DecisionIn,
    InformedIn,
    NotificationOut,
    OrderIn,
    OrderOut,
    OrderSummaryOut,
    ProtectedPersonOut,
    StatisticsOut,
    TransmissionOut,
    TransmitIn,
    VerifyIn,
    VerifyOut,
)
from paccto.protection.services.access import PROTECTED_PERSON

router = Router(tags=["protection orders"])
ORDER = "protection.protectionorder"


class Justified(Schema):
    justification: str = ""


class OrderFilter(Schema):
    q: str = ""
    status: str = ""


def _justification(value: str) -> str:
    value = value.strip()[:500]
    if not value:
        raise ValidationError({"justification": [_("A justification is required.")]})
    return value


def _order(actor: Actor, pk: int, action: str = "view", justification: str = "") -> ProtectionOrder:
    try:
        return selectors.protection_order_get(actor=actor, pk=pk, action=action)
    except Http404:
        services.protection_access_refused(
            actor=actor, object_type=ORDER, object_id=pk, justification=justification, via="api"
        )
        raise


def _transmission(actor: Actor, pk: int, action: str) -> Transmission:
    try:
        return selectors.transmission_get(actor=actor, pk=pk, action=action)
    except Http404:
        services.protection_access_refused(
            actor=actor, object_type="protection.transmission", object_id=pk, via="api"
        )
        raise


def _measure(m: Any) -> dict[str, Any]:
    return {
        "kind": m.kind,
        "label": m.label,
        "places": m.places,
        "contact_means": list(m.contact_means),
        "distance_metres": m.distance_metres,
        "monitoring": m.monitoring,
        "note": m.note,
    }


def _order_out(actor: Actor, order: ProtectionOrder) -> dict[str, Any]:
    return {
        **{
            name: getattr(order, name)
            for name in (
                "id",
                "number",
                "framework",
                "status",
                "issuing_institution_id",
                "valid_from",
                "valid_to",
                "created_at",
                "national_measure_reference",
                "national_measure_date",
                "national_measure_authority",
            )
        },
        "issuing_country": order.issuing_institution.country_id,
        "issuing_institution": order.issuing_institution.name,
        "respondent": {
            "name": order.respondent_name,
            **{
                name: getattr(order, f"respondent_{name}")
                for name in (
                    "given_name",
                    "surname",
                    "second_surname",
                    "full_name",
                    "date_of_birth",
                    "nationality",
                    "document",
                )
            },
        },
        "measures": [_measure(m) for m in selectors.protection_order_measures(order=order)],
        "transmissions": list(selectors.protection_order_transmissions(actor=actor, order=order)),
        "children": selectors.protected_persons_count(order=order),
    }


@router.get("/protection/orders", response=list[OrderSummaryOut])
@paginate(Pagination)
def protection_order_list(request: HttpRequest, filters: Query[OrderFilter]):
    """Orders issued by or transmitted to the caller's institution (no personal data of the
    protected person, ever)."""
    actor = actor_for(request.user)
    q, status = filters.q[:100], filters.status[:12]
    services.protection_order_search_record(actor=actor, q=q, status=status, via="api")
    return selectors.protection_order_list(actor=actor, q=q, status=status)


@router.post("/protection/orders", response={201: OrderOut})
def protection_order_create(request: HttpRequest, body: OrderIn):
    """Issue an order (a draft) from a national protection measure."""
    require_write(request)
    actor = actor_for(request.user)
    respondent = None
    if body.respondent_id is not None:
        try:
            respondent = entity_selectors.entity_get(actor=actor, pk=body.respondent_id)
        except Http404:
            raise ValidationError(
                {"respondent_id": [_("Choose a person of the entity store you may see.")]}
            ) from None
    order = services.protection_order_issue(
        actor=actor,
        national_measure_reference=body.national_measure_reference,
        national_measure_date=body.national_measure_date,
        national_measure_authority=body.national_measure_authority,
        valid_from=body.valid_from,
        valid_to=body.valid_to,
        victim=body.victim.model_dump(),
        children=[c.model_dump() for c in body.children],
        measures=[m.model_dump() for m in body.measures],
        respondent=respondent,
        respondent_identity=body.respondent.model_dump() if body.respondent else {},
    )
    return Status(201, _order_out(actor, order))


@router.get("/protection/orders/{int:order_id}", response=OrderOut)
def protection_order_detail(request: HttpRequest, order_id: int, params: Query[Justified]):
    actor = actor_for(request.user)
    order = _order(actor, order_id, justification=params.justification)
    services.protection_order_consult(
        actor=actor, order=order, justification=_justification(params.justification)
    )
    return _order_out(actor, order)


@router.get(
    "/protection/orders/{int:order_id}/protected-persons", response=list[ProtectedPersonOut]
)
def protection_order_victim(request: HttpRequest, order_id: int, params: Query[Justified]):
    """The protected person and her children: protection officers of the issuing and
    executing authorities only; 404 (audited) for anyone else."""
    actor = actor_for(request.user)
    order = _order(actor, order_id, justification=params.justification)
    if not selectors.protected_persons_visible(actor=actor, order=order):
        services.protection_access_refused(
            actor=actor,
            object_type=PROTECTED_PERSON,
            object_id=order.pk,
            justification=params.justification,
            via="api",
        )
        raise Http404
    justification = _justification(params.justification)
    persons = selectors.protected_persons_get(actor=actor, order=order)
    services.protected_persons_consult(
        actor=actor, order=order, justification=justification, via="api"
    )
    return persons


@router.post("/protection/orders/{int:order_id}/transmissions", response={201: TransmissionOut})
def protection_order_transmit(request: HttpRequest, order_id: int, body: TransmitIn):
    require_write(request)
    actor = actor_for(request.user)
    order = _order(actor, order_id, action="issue")
    institution = (
        Institution.objects.select_related("country")
        .filter(pk=body.executing_institution_id)
        .first()
    )
    sent = services.protection_order_transmit(
        actor=actor, order=order, executing_institution=institution
    )
    return Status(201, sent)


@router.post("/protection/orders/{int:order_id}/close", response=OrderSummaryOut)
def protection_order_close(request: HttpRequest, order_id: int, body: CloseIn):
    """Revoke (``closing: revoke``) or withdraw (``withdraw``) an order, with a reason."""
    require_write(request)
    actor = actor_for(request.user)
    order = _order(actor, order_id, action="issue")
    return services.protection_order_close(
        actor=actor, order=order, closing=body.closing, reason=body.reason
    )


@router.post("/protection/transmissions/{int:transmission_id}/decision", response=TransmissionOut)
def protection_transmission_decide(request: HttpRequest, transmission_id: int, body: DecisionIn):
    """The executing authority: ``recognise``, ``refuse`` (with a ground) or ``enforce``."""
    require_write(request)
    actor = actor_for(request.user)
    transmission = _transmission(actor, transmission_id, "execute")
    return services.transmission_decide(
        actor=actor,
        transmission=transmission,
        decision=body.decision,
        ground=body.ground,
        reason=body.reason,
    )


@router.post("/protection/transmissions/{int:transmission_id}/breaches", response={201: BreachOut})
def protection_breach_create(request: HttpRequest, transmission_id: int, body: BreachIn):
    """Report a breach to the issuing authority (the standard form)."""
    require_write(request)
    actor = actor_for(request.user)
    transmission = _transmission(actor, transmission_id, "execute")
    breach = services.breach_report(
        actor=actor,
        transmission=transmission,
        measure_id=body.measure_id,
        occurred_at=body.occurred_at,
        place=body.place,
        description=body.description,
        action_taken=body.action_taken,
        victim_informed=body.victim_informed,
        victim_informed_at=body.victim_informed_at,
    )
    return Status(201, breach)


@router.post("/protection/breaches/{int:breach_id}/victim-informed", response=BreachOut)
def protection_breach_victim_informed(request: HttpRequest, breach_id: int, body: InformedIn):
    """The issuing authority records when it informed the protected person."""
    require_write(request)
    actor = actor_for(request.user)
    try:
        breach = selectors.breach_get(actor=actor, pk=breach_id, action="change")
    except Http404:
        services.protection_access_refused(
            actor=actor, object_type="protection.breachreport", object_id=breach_id, via="api"
        )
        raise
    return services.breach_victim_informed(actor=actor, breach=breach, informed_at=body.informed_at)


@router.post("/protection/verify", response=VerifyOut)
def protection_verify(request: HttpRequest, body: VerifyIn):
    """Frontline verification: the valid orders enforceable in the caller's state for an
    order number or an identity, with their measures. No valid order answers 404, the same
    whether there is none or the caller's state has not recognised it."""
    data = body.dict()
    justification = data.pop("justification")
    number = data.pop("number")
    found = services.protection_verify(
        actor=actor_for(request.user), justification=justification, number=number, identity=data
    )
    if not found:
        raise Http404
    return {
        "valid": True,
        "orders": [
            {
                **{
                    name: getattr(v.order, name)
                    for name in (
                        "number",
                        "framework",
                        "issuing_country",
                        "issuing_institution",
                        "executing_institution",
                        "status",
                        "valid_from",
                        "valid_to",
                        "respondent",
                    )
                },
                "measures": [_measure(m) for m in v.order.measures],
                "band": v.band,
                "probability": v.probability,
            }
            for v in found
        ],
    }


@router.get("/protection/notifications", response=list[NotificationOut])
@paginate(Pagination)
def protection_notification_list(request: HttpRequest):
    """What the caller's institution was told about orders."""
    return selectors.protection_notification_list(actor=actor_for(request.user))


@router.get("/protection/statistics", response=StatisticsOut)
def protection_statistics(request: HttpRequest):
    """Counts by country and age group, no personal data (protection officers and policy
    coordinators)."""
    if not can_see_protection_statistics(actor_for(request.user)):
        raise PermissionDenied(_("You may not see these statistics."))
    return selectors.protection_statistics()


@router.get("/protection/refusal-grounds", response=list[ChoiceOut])
def protection_refusal_ground_list(request: HttpRequest):
    """The grounds an executing authority may give for refusing an order."""
    return [{"code": code, "label": str(label)} for code, label in RefusalGround.choices]
