"""Issuing an order, transmitting it, and every step of its life after that.

The steps form a state machine; a step out of order is refused with a clear error, changes
nothing, and is audited. Each executing state decides on recognition for itself
(``Transmission``); the order shows the furthest stage any executing state reached, until
the issuer revokes or withdraws it or its validity ends.
"""

from __future__ import annotations

import re
import secrets
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.models import Institution
from paccto.core.permissions import SYSTEM, Actor, can
from paccto.entities.models import Entity
from paccto.entities.schemata import PropertyError, properties_clean
from paccto.matching.text import digits, fold
from paccto.protection.choices import (
    ENDED,
    AgeGroup,
    ContactMeans,
    LegalFramework,
    MeasureKind,
    MonitoringKind,
    NotificationKind,
    OrderEventKind,
    OrderStatus,
    PersonRole,
    RefusalGround,
)
from paccto.protection.models import (
    OrderEvent,
    ProtectedPerson,
    ProtectionMeasure,
    ProtectionOrder,
    Transmission,
)
from paccto.protection.permissions import ISSUING_SECTORS, can_issue_protection_orders
from paccto.protection.selectors import framework_countries, framework_for_country
from paccto.protection.services.access import protection_refuse
from paccto.protection.services.notifications import protection_notify

MAX_CHILDREN = 10
MAX_TEXT = 2000
MAX_DISTANCE = 100_000
# Errors of each measure's details go on these form fields (and API error locations).
MEASURE_FIELDS = {
    MeasureKind.NO_ENTRY: {"places": "no_entry_places", "note": "no_entry_note"},
    MeasureKind.NO_CONTACT: {"contact_means": "no_contact_means", "note": "no_contact_note"},
    MeasureKind.DISTANCE: {"distance_metres": "distance_metres", "note": "distance_note"},
    MeasureKind.MONITORING: {"monitoring": "monitoring_system", "note": "monitoring_note"},
    MeasureKind.WEAPONS: {"note": "weapons_note"},
}
RESPONDENT_PROPERTIES = {
    "firstName": "given_name",
    "lastName": "surname",
    "secondLastName": "second_surname",
    "name": "full_name",
    "birthDate": "date_of_birth",
    "nationality": "nationality",
    "idNumber": "document",
    "gender": "gender",
}
# Stage of each executing state's status, to show the furthest one on the order.
STAGE = [
    OrderStatus.REFUSED,
    OrderStatus.TRANSMITTED,
    OrderStatus.RECOGNISED,
    OrderStatus.IN_FORCE,
    OrderStatus.BREACHED,
]
STAGE_RANK = {str(status): rank for rank, status in enumerate(STAGE)}


class Errors(dict[str, list[str]]):
    def add(self, key: str, message: str) -> None:
        self.setdefault(key, []).append(message)


def age_group(born: date, on: date) -> str:
    """The age group of someone born on ``born``, on the day ``on``."""
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if age < 18:
        return AgeGroup.MINOR
    if age < 30:
        return AgeGroup.YOUNG
    if age < 60:
        return AgeGroup.ADULT
    return AgeGroup.SENIOR


def _too_long(errors: Errors, key: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors.add(key, _("The text is too long."))


def _clean_person(
    errors: Errors, prefix: str, data: dict[str, Any], today: date, contact: bool
) -> dict[str, str]:
    person = {
        name: " ".join(str(data.get(name) or "").split())
        for name in ("given_names", "surnames", "phone", "email", "address")
    }
    for name in ("given_names", "surnames"):
        if not person[name]:
            errors.add(f"{prefix}{name}", _("This field is required."))
        _too_long(errors, f"{prefix}{name}", person[name], 200)
    born = data.get("date_of_birth")
    if isinstance(born, str) and born:
        try:
            born = date.fromisoformat(born)
        except ValueError:
            born = None
            errors.add(f"{prefix}date_of_birth", _("Enter a valid date."))
    if not isinstance(born, date):
        if f"{prefix}date_of_birth" not in errors:
            errors.add(f"{prefix}date_of_birth", _("This field is required."))
    elif born > today or born.year < 1900:
        errors.add(f"{prefix}date_of_birth", _("This date is out of range."))
    person["date_of_birth"] = born.isoformat() if isinstance(born, date) else ""
    if contact:
        phone = re.sub(r"[\s().\-]", "", person["phone"])
        if phone and not re.fullmatch(r"\+?\d{5,17}", phone):
            errors.add(
                f"{prefix}phone", _("Enter a phone number (digits, optionally starting with +).")
            )
        person["phone"] = phone
        email = person["email"].lower()
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            errors.add(f"{prefix}email", _("Enter a valid e-mail address."))
        person["email"] = email
        _too_long(errors, f"{prefix}address", person["address"], 500)
    else:
        person.update(phone="", email="", address="")
    return person


def _protected_words(persons: list[dict[str, str]]) -> tuple[list[str], list[str]]:
    """What must not appear in texts that others read: the protected persons' full names,
    address and e-mail (folded), and phone numbers (their last eight digits)."""
    texts: list[str] = []
    numbers: list[str] = []
    for p in persons:
        for value in (
            f"{p['given_names']} {p['surnames']}",
            p.get("address", ""),
            p.get("email", ""),
        ):
            folded = fold(value)
            if len(folded) >= 6:
                texts.append(folded)
        number = digits(p.get("phone", ""))
        if len(number) >= 6:
            # The last eight digits: the number as written at home, without country code.
            numbers.append(number[-8:])
    return texts, numbers


def mentions_protected_data(text: str, persons: list[dict[str, str]]) -> bool:
    """Whether a text repeats a protected person's name, address, e-mail or phone."""
    texts, numbers = _protected_words(persons)
    folded, text_digits = fold(text), digits(text)
    return any(t in folded for t in texts) or any(n in text_digits for n in numbers)


def _clean_measures(
    errors: Errors, measures: list[dict[str, Any]], persons: list[dict[str, str]]
) -> list[ProtectionMeasure]:
    clean: list[ProtectionMeasure] = []
    kinds: set[str] = set()
    if not measures:
        errors.add("measures", _("Choose at least one measure."))
    for data in measures:
        kind = str(data.get("kind") or "")
        if kind not in MeasureKind.values:
            errors.add("measures", _("Unknown measure."))
            continue
        if kind in kinds:
            errors.add("measures", _("Each measure is given once."))
            continue
        kinds.add(kind)
        keys = MEASURE_FIELDS[MeasureKind(kind)]
        label = MeasureKind(kind).label
        note = str(data.get("note") or "").strip()
        m = ProtectionMeasure(kind=kind, note=note)
        if kind == MeasureKind.NO_ENTRY:
            m.places = str(data.get("places") or "").strip()
            if not m.places:
                errors.add(keys["places"], _("%(measure)s: list the places.") % {"measure": label})
        elif kind == MeasureKind.NO_CONTACT:
            means = [str(x) for x in data.get("contact_means") or []]
            if not means:
                errors.add(
                    keys["contact_means"],
                    _("%(measure)s: choose the means of contact forbidden.") % {"measure": label},
                )
            elif set(means) - set(ContactMeans.values):
                errors.add(keys["contact_means"], _("Choose one of the allowed values."))
            m.contact_means = (
                [ContactMeans.ANY] if ContactMeans.ANY in means else sorted(set(means))
            )
        elif kind == MeasureKind.DISTANCE:
            metres = data.get("distance_metres")
            if metres in (None, ""):
                errors.add(
                    keys["distance_metres"],
                    _("%(measure)s: give the distance in metres.") % {"measure": label},
                )
            elif (
                not isinstance(metres, int)
                or isinstance(metres, bool)
                or not 1 <= metres <= MAX_DISTANCE
            ):
                errors.add(
                    keys["distance_metres"],
                    _("The distance is between 1 and %(max)d metres.") % {"max": MAX_DISTANCE},
                )
            else:
                m.distance_metres = metres
        elif kind == MeasureKind.MONITORING:
            m.monitoring = str(data.get("monitoring") or "")
            if m.monitoring not in MonitoringKind.values:
                errors.add(
                    keys["monitoring"],
                    _("%(measure)s: choose the monitoring system.") % {"measure": label},
                )
            elif m.monitoring == MonitoringKind.OTHER and not note:
                errors.add(keys["note"], _("Describe the monitoring system."))
        elif kind == MeasureKind.WEAPONS and not note:
            errors.add(
                keys["note"],
                _("%(measure)s: say which weapons and licences are surrendered.")
                % {"measure": label},
            )
        for name, value in (("places", m.places), ("note", m.note)):
            key = keys.get(name, f"{kind}_{name}")
            _too_long(errors, key, value, MAX_TEXT)
            if value and mentions_protected_data(value, persons):
                errors.add(
                    key,
                    _(
                        "Do not repeat the protected person's name, address or contact details "
                        "here: describe the place or the measure in general terms."
                    ),
                )
        clean.append(m)
    return clean


def _respondent_properties(errors: Errors, data: dict[str, Any]) -> dict[str, list[str]]:
    given = {k: data.get(v) for k, v in RESPONDENT_PROPERTIES.items() if data.get(v)}
    if not (given.get("name") or (given.get("firstName") and given.get("lastName"))):
        errors.add("respondent_surname", _("Give the given names and surname, or the full name."))
    clean: dict[str, list[str]] = {}
    for prop, value in given.items():
        try:
            clean.update(properties_clean("Person", {prop: value}))
        except PropertyError as exc:
            errors.add(f"respondent_{RESPONDENT_PROPERTIES[prop]}", str(exc.args[0]))
    return clean


def _snapshot(entity: Entity) -> dict[str, str]:
    """The person causing danger as the order states him: the first value of each
    property of his entity, cut to the order's field lengths."""
    props = entity.properties
    first = {k: (props.get(k) or [""])[0] for k in RESPONDENT_PROPERTIES}
    first["firstName"] = " ".join(props.get("firstName") or [])
    snapshot = {}
    for prop, name in RESPONDENT_PROPERTIES.items():
        field = f"respondent_{name}"
        limit = getattr(ProtectionOrder._meta.get_field(field), "max_length", None) or 300
        snapshot[field] = str(first[prop])[:limit]
    return snapshot


def order_event_add(
    actor: Actor,
    order: ProtectionOrder,
    kind: str,
    from_status: str,
    to_status: str,
    transmission: Transmission | None = None,
    reason: str = "",
) -> OrderEvent:
    return OrderEvent.objects.create(
        order=order,
        transmission=transmission,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        by_id=actor.user_id,
        institution_id=actor.institution_id,
        reason=reason,
    )


def order_restage(order: ProtectionOrder) -> None:
    """The order's status: the furthest stage of its executing states (until it ends)."""
    if order.status in ENDED:
        return
    statuses = [s for s in order.transmissions.values_list("status", flat=True) if s in STAGE]
    order.status = max(statuses, key=STAGE_RANK.__getitem__) if statuses else OrderStatus.DRAFT
    order.updated_at = timezone.now()
    order.save(update_fields=["status", "updated_at"])


def protection_order_issue(
    *,
    actor: Actor,
    national_measure_reference: str,
    national_measure_date: date | None,
    national_measure_authority: str,
    valid_from: date | None,
    valid_to: date | None,
    victim: dict[str, Any],
    measures: list[dict[str, Any]],
    children: list[dict[str, Any]] | None = None,
    respondent: Entity | None = None,
    respondent_identity: dict[str, Any] | None = None,
    today: date | None = None,
) -> ProtectionOrder:
    """Issue an order (as a draft) from a national protection measure, for the actor's
    institution. The person causing danger is a person of the entity store the actor may
    see, or one recorded now from ``respondent_identity``."""
    if (
        not can_issue_protection_orders(actor)
        or actor.institution_id is None
        or actor.user_id is None
    ):
        raise PermissionDenied(_("You may not issue protection orders."))
    today = today or timezone.localdate()
    institution = Institution.objects.select_related("country").get(pk=actor.institution_id)
    errors = Errors()
    framework = framework_for_country(institution.country_id)
    if framework is None:
        errors.add(
            "__all__",
            _(
                "Protection orders travel between states of the European Union (European "
                "Protection Order) or Mercosur states parties and associates (Mercosur "
                "Protection Order); %(country)s is neither."
            )
            % {"country": institution.country.name},
        )
    reference = " ".join(str(national_measure_reference or "").split())
    authority = " ".join(str(national_measure_authority or "").split())
    for key, value, limit in (
        ("national_measure_reference", reference, 120),
        ("national_measure_authority", authority, 200),
    ):
        if not value:
            errors.add(key, _("This field is required."))
        _too_long(errors, key, value, limit)
    if national_measure_date is None:
        errors.add("national_measure_date", _("This field is required."))
    elif national_measure_date > today:
        errors.add("national_measure_date", _("This date is in the future."))
    if valid_from is None:
        errors.add("valid_from", _("This field is required."))
    if valid_to is None:
        errors.add("valid_to", _("This field is required."))
    if valid_from and valid_to:
        if valid_to < valid_from:
            errors.add("valid_to", _("The end of validity comes before its start."))
        elif valid_to < today:
            errors.add("valid_to", _("This validity has already ended."))
    persons = [_clean_person(errors, "victim_", victim or {}, today, contact=True)]
    children = children or []
    if len(children) > MAX_CHILDREN:
        errors.add("children", _("At most %(n)d children.") % {"n": MAX_CHILDREN})
    for n, child in enumerate(children[:MAX_CHILDREN], start=1):
        persons.append(_clean_person(errors, f"child_{n}_", child, today, contact=False))
    clean_measures = _clean_measures(errors, measures, persons)
    properties: dict[str, list[str]] = {}
    if respondent is not None:
        if (
            respondent.schema != "Person"
            or respondent.merged_into_id
            or not can(actor, "view", respondent)
        ):
            errors.add("respondent", _("Choose a person of the entity store you may see."))
    else:
        properties = _respondent_properties(errors, respondent_identity or {})
    if errors:
        protection_refuse(actor=actor, event="issue", errors=errors)
    assert framework is not None and valid_from is not None and valid_to is not None
    assert national_measure_date is not None

    from paccto.entities.services import entity_create

    with transaction.atomic():
        if respondent is None:
            respondent = entity_create(
                actor=actor,
                schema="Person",
                properties=properties,
                source_kind="manual",
                source_ref=_("Protection order"),
            )
        victim_born = date.fromisoformat(persons[0]["date_of_birth"])
        order = ProtectionOrder(
            number=f"tmp-{secrets.token_hex(12)}",
            framework=framework,
            issuing_institution=institution,
            national_measure_reference=reference,
            national_measure_date=national_measure_date,
            national_measure_authority=authority,
            valid_from=valid_from,
            valid_to=valid_to,
            respondent=respondent,
            victim_age_group=age_group(victim_born, today),
            created_by_id=actor.user_id,
            **_snapshot(respondent),
        )
        order.full_clean(exclude=["number"])
        order.save()
        order.number = (
            f"{institution.country_id}-{framework.upper()}-{order.created_at.year}-{order.pk:06d}"
        )
        order.save(update_fields=["number"])
        ProtectedPerson.objects.bulk_create(
            ProtectedPerson(
                order=order,
                role=PersonRole.VICTIM if n == 0 else PersonRole.CHILD,
                position=n,
                **person,
            )
            for n, person in enumerate(persons)
        )
        for m in clean_measures:
            m.order = order
            m.full_clean()
        ProtectionMeasure.objects.bulk_create(clean_measures)
        order_event_add(actor, order, OrderEventKind.ISSUE, "", OrderStatus.DRAFT)
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=order,
            details={
                "number": order.number,
                "framework": framework,
                "respondent": respondent.reference,
                "measures": sorted(m.kind for m in clean_measures),
                "children": len(persons) - 1,
            },
        )
    return order


LEGAL_BASIS = {
    LegalFramework.OMP: "Decision CMC 07/22",
    LegalFramework.EPO: "Directive 2011/99/EU",
}


def protection_order_transmit(
    *,
    actor: Actor,
    order: ProtectionOrder,
    executing_institution: Institution | None,
    today: date | None = None,
) -> Transmission:
    """Transmit an order to the competent authority of another state of its framework, where
    the protected person lives or will stay. The issuer transmits (``issue`` action)."""
    if not can(actor, "issue", order) or actor.user_id is None:
        raise PermissionDenied(_("Only the issuing authority transmits this order."))
    today = today or timezone.localdate()
    errors = Errors()
    key = "executing_institution"
    if order.status in ENDED:
        errors.add("__all__", _("This order has ended: it can no longer be transmitted."))
    elif order.valid_to < today:
        errors.add("__all__", _("This order's validity has ended."))
    if executing_institution is None:
        errors.add(key, _("Choose an executing authority of the directory."))
    else:
        country = executing_institution.country_id
        if country == order.issuing_institution.country_id:
            errors.add(key, _("An order is transmitted to another state than the issuing state."))
        elif country not in framework_countries(order.framework):
            errors.add(
                key,
                _("%(country)s does not receive orders of this kind (%(framework)s).")
                % {
                    "country": executing_institution.country.name,
                    "framework": order.get_framework_display(),
                },
            )
        elif executing_institution.sector not in ISSUING_SECTORS:
            errors.add(key, _("Choose a judicial, prosecution or police authority."))
        elif order.transmissions.filter(executing_institution__country_id=country).exists():
            errors.add(key, _("This order was already transmitted to this state."))
    if errors:
        protection_refuse(actor=actor, event="transmit", errors=errors, order=order)
    assert executing_institution is not None
    with transaction.atomic():
        sent = Transmission.objects.create(
            order=order,
            executing_institution=executing_institution,
            transmitted_by_id=actor.user_id,
        )
        order_event_add(actor, order, OrderEventKind.TRANSMIT, "", OrderStatus.TRANSMITTED, sent)
        order_restage(order)
        protection_notify(
            institution_id=executing_institution.pk,
            order=order,
            kind=NotificationKind.TRANSMITTED,
        )
        audit_record(
            actor=actor,
            action=AuditAction.DISCLOSE,
            obj=order,
            justification=LEGAL_BASIS[LegalFramework(order.framework)],
            recipients=[executing_institution.key],
            details={"event": "transmit", "to": executing_institution.country_id},
            personal_data=True,
        )
    return sent


# Steps an executing authority takes: the statuses it may start from, and where it leads.
DECISIONS = {
    "recognise": ({OrderStatus.TRANSMITTED}, OrderStatus.RECOGNISED, OrderEventKind.RECOGNISE),
    "refuse": ({OrderStatus.TRANSMITTED}, OrderStatus.REFUSED, OrderEventKind.REFUSE),
    "enforce": ({OrderStatus.RECOGNISED}, OrderStatus.IN_FORCE, OrderEventKind.ENFORCE),
}
DECISION_NOTICE = {
    "recognise": NotificationKind.RECOGNISED,
    "refuse": NotificationKind.REFUSED,
    "enforce": NotificationKind.IN_FORCE,
}


def transmission_decide(
    *,
    actor: Actor,
    transmission: Transmission,
    decision: str,
    ground: str = "",
    reason: str = "",
) -> Transmission:
    """The executing authority recognises the order (without new proceedings), refuses it
    with a ground of the reference list (the issuer is told), or puts it in force."""
    if not can(actor, "execute", transmission):
        raise PermissionDenied(_("Only the executing authority decides on this order."))
    order = transmission.order
    reason = str(reason or "").strip()[:MAX_TEXT]
    errors = Errors()
    if decision not in DECISIONS:
        errors.add("decision", _("Choose recognise, refuse or put in force."))
        protection_refuse(actor=actor, event="decide", errors=errors, order=order)
    allowed, target, kind = DECISIONS[decision]
    if order.status in ENDED:
        errors.add(
            "__all__",
            _("This order has ended (%(status)s).") % {"status": order.get_status_display()},
        )
    elif transmission.status not in allowed:
        errors.add(
            "__all__",
            _("This step is not possible now: the order is “%(status)s” in your state.")
            % {"status": transmission.get_status_display()},
        )
    if decision == "refuse":
        if ground not in RefusalGround.values:
            errors.add("ground", _("Choose a ground for refusing."))
        elif ground == RefusalGround.OTHER and not reason:
            errors.add("reason", _("Explain the ground."))
    if errors:
        protection_refuse(actor=actor, event=decision, errors=errors, order=order)
    before = transmission.status
    now = timezone.now()
    with transaction.atomic():
        transmission.status = target
        fields = ["status"]
        if decision in ("recognise", "refuse"):
            transmission.decided_at, transmission.decided_by_id = now, actor.user_id
            fields += ["decided_at", "decided_by"]
        if decision == "refuse":
            transmission.refusal_ground, transmission.refusal_note = ground, reason
            fields += ["refusal_ground", "refusal_note"]
        if decision == "enforce":
            transmission.in_force_at = now
            fields.append("in_force_at")
        transmission.save(update_fields=fields)
        order_event_add(actor, order, kind, before, target, transmission, reason)
        order_restage(order)
        protection_notify(
            institution_id=order.issuing_institution_id, order=order, kind=DECISION_NOTICE[decision]
        )
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=transmission,
            details={"order": order.number, "event": decision, "from": before, "to": target}
            | ({"ground": ground} if ground else {}),
        )
    return transmission


CLOSINGS = {
    "revoke": (OrderStatus.REVOKED, OrderEventKind.REVOKE),
    "withdraw": (OrderStatus.WITHDRAWN, OrderEventKind.WITHDRAW),
}


def _close(actor: Actor, order: ProtectionOrder, target: str, kind: str, reason: str) -> None:
    before = order.status
    order.status = target
    order.updated_at = timezone.now()
    order.save(update_fields=["status", "updated_at"])
    order_event_add(actor, order, kind, before, target, reason=reason)
    told = set()
    for t in order.transmissions.exclude(status__in=[OrderStatus.REFUSED, *ENDED]):
        order_event_add(actor, order, kind, t.status, target, t, reason)
        t.status = target
        t.save(update_fields=["status"])
        if t.executing_institution_id not in told:
            told.add(t.executing_institution_id)
            protection_notify(
                institution_id=t.executing_institution_id, order=order, kind=NotificationKind.ENDED
            )


def protection_order_close(
    *, actor: Actor, order: ProtectionOrder, closing: str, reason: str
) -> ProtectionOrder:
    """The issuer revokes the order (its national measure was lifted) or withdraws it; every
    executing state still holding it is told."""
    if not can(actor, "issue", order):
        raise PermissionDenied(_("Only the issuing authority revokes or withdraws this order."))
    reason = str(reason or "").strip()[:MAX_TEXT]
    errors = Errors()
    if closing not in CLOSINGS:
        errors.add("closing", _("Choose revoke or withdraw."))
    elif order.status in ENDED:
        errors.add(
            "__all__",
            _("This order has ended (%(status)s).") % {"status": order.get_status_display()},
        )
    elif closing == "revoke" and order.status == OrderStatus.DRAFT:
        errors.add("__all__", _("A draft is withdrawn, not revoked."))
    if not reason:
        errors.add("reason", _("State the reason."))
    if errors:
        protection_refuse(actor=actor, event=closing or "close", errors=errors, order=order)
    target, kind = CLOSINGS[closing]
    with transaction.atomic():
        before = order.status
        _close(actor, order, target, kind, reason)
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=order,
            details={"event": closing, "from": before, "to": target},
        )
    return order


def protection_orders_expire(*, today: date | None = None) -> int:
    """Mark the orders whose validity has ended as expired (the platform acts, audited)."""
    today = today or timezone.localdate()
    due = ProtectionOrder.objects.filter(valid_to__lt=today).exclude(status__in=ENDED)
    count = 0
    for order in due.order_by("pk"):
        with transaction.atomic():
            before = order.status
            _close(SYSTEM, order, OrderStatus.EXPIRED, OrderEventKind.EXPIRE, "")
            audit_record(
                actor=SYSTEM,
                action=AuditAction.ALTER,
                obj=order,
                details={"event": "expire", "from": before, "to": OrderStatus.EXPIRED},
            )
        count += 1
    return count
