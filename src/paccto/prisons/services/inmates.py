"""Admitting inmates and what happens to them in custody: details and sentence, moves
between establishments, release, organised-crime affiliation and separation orders. Every
write is audited in its transaction; bad input and steps out of order are refused with a
translated error, change nothing, and are audited."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.cases.models import Case
from paccto.core.permissions import Actor, can
from paccto.entities.models import Entity
from paccto.entities.schemata import PropertyError, properties_clean
from paccto.prisons.choices import (
    FIXED_TERM,
    AffiliationRole,
    AffiliationSource,
    AlertKind,
    CustodyStatus,
    InmateEventKind,
    LegalStatus,
    RiskLevel,
    SentenceType,
)
from paccto.prisons.models import Affiliation, Inmate, InmateEvent, SeparationOrder
from paccto.prisons.permissions import can_admit_inmates
from paccto.prisons.services.access import Errors, prisons_refuse
from paccto.prisons.services.watches import alerts_for_event

MAX_SENTENCE_MONTHS = 1200
PROVENANCE_KEYS = (
    "source_reliability",
    "information_reliability",
    "handling_code",
    "handling_note",
    "share_scope",
    "share_network_id",
    "criminal_markets",
    "review_at",
)
PERSON_PROPERTIES = {
    "given_name": "firstName",
    "surname": "lastName",
    "second_surname": "secondLastName",
    "full_name": "name",
    "birth_date": "birthDate",
    "nationality": "nationality",
    "id_number": "idNumber",
    "gender": "gender",
}
UPDATABLE = frozenset(
    {
        "risk_level",
        "expected_release_date",
        "legal_status",
        "sentence_type",
        "sentence_months",
        "sentence_court",
        "sentence_date",
        "case",
        "register_number",
        *PROVENANCE_KEYS,
    }
)
SENTENCE_FIELDS = ("sentence_type", "sentence_months", "sentence_court", "sentence_date")


def _text(value: Any, limit: int) -> str:
    return " ".join(str(value or "").split())[:limit]


def _required(errors: Errors, key: str, value: str, limit: int, given: Any) -> None:
    if not value:
        errors.add(key, _("This field is required."))
    elif len(" ".join(str(given or "").split())) > limit:
        errors.add(key, _("The text is too long."))


def _event(
    actor: Actor,
    inmate: Inmate,
    kind: str,
    on: date,
    from_value: str = "",
    to_value: str = "",
    note: str = "",
) -> InmateEvent:
    return InmateEvent.objects.create(
        inmate=inmate,
        kind=kind,
        on=on,
        by_id=actor.user_id,
        institution_id=actor.institution_id,
        from_value=from_value[:200],
        to_value=to_value[:200],
        note=note[:500],
    )


def _check_sentence(errors: Errors, data: Mapping[str, Any], today: date) -> None:
    """The sentence of a sentenced inmate: its kind, length (fixed terms), court and date.
    An inmate on remand has none yet."""
    if data.get("legal_status") not in LegalStatus.values:
        errors.add("legal_status", _("Choose remand or sentenced."))
        return
    given = [name for name in SENTENCE_FIELDS if data.get(name) not in (None, "")]
    if data["legal_status"] == LegalStatus.REMAND:
        for name in given:
            errors.add(name, _("An inmate on remand has no sentence yet."))
        return
    kind = data.get("sentence_type") or ""
    if kind not in SentenceType.values:
        errors.add("sentence_type", _("Choose the kind of sentence."))
    months = data.get("sentence_months")
    if kind in FIXED_TERM:
        if months in (None, ""):
            errors.add("sentence_months", _("Give the length of the sentence in months."))
        elif (
            not isinstance(months, int)
            or isinstance(months, bool)
            or not 1 <= months <= MAX_SENTENCE_MONTHS
        ):
            errors.add(
                "sentence_months",
                _("The length is between 1 and %(max)d months.") % {"max": MAX_SENTENCE_MONTHS},
            )
    elif months not in (None, ""):
        errors.add("sentence_months", _("This kind of sentence has no fixed length."))
    court = _text(data.get("sentence_court"), 200)
    _required(errors, "sentence_court", court, 200, data.get("sentence_court"))
    sentenced_on = data.get("sentence_date")
    if not isinstance(sentenced_on, date):
        errors.add("sentence_date", _("This field is required."))
    elif sentenced_on > today:
        errors.add("sentence_date", _("This date is in the future."))


def _check_case(errors: Errors, actor: Actor, case: Case | None) -> None:
    if case is not None and not can(actor, "contribute", case):
        errors.add("case", _("Choose a case your institution takes part in as lead or member."))


def _person_properties(errors: Errors, identity: Mapping[str, Any]) -> dict[str, list[str]]:
    given = {prop: identity.get(name) for name, prop in PERSON_PROPERTIES.items()}
    given = {k: v for k, v in given.items() if v not in (None, "")}
    if not (given.get("name") or (given.get("firstName") and given.get("lastName"))):
        errors.add("person_surname", _("Give the given names and surname, or the full name."))
    clean: dict[str, list[str]] = {}
    for prop, value in given.items():
        key = next(k for k, p in PERSON_PROPERTIES.items() if p == prop)
        try:
            clean.update(properties_clean("Person", {prop: value}))
        except PropertyError as exc:
            errors.add(f"person_{key}", str(exc.args[0]))
    return clean


def _identity(entity: Entity) -> dict[str, str]:
    """The person as the inmate record states him: name, date of birth, nationalities."""
    props = entity.properties
    return {
        "full_name": entity.caption[:300],
        "birth_date": str((props.get("birthDate") or [""])[0])[:10],
        "nationality": ", ".join(props.get("nationality") or [])[:60],
    }


def _provenance(provenance: Mapping[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (provenance or {}).items() if k in PROVENANCE_KEYS}


def _full_clean(errors: Errors, obj: Any, exclude: list[str]) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                errors.add(field, message)


def inmate_admit(
    *,
    actor: Actor,
    register_number: str,
    establishment: str,
    admission_date: date | None,
    legal_status: str,
    person: Entity | None = None,
    person_identity: Mapping[str, Any] | None = None,
    expected_release_date: date | None = None,
    sentence_type: str = "",
    sentence_months: int | None = None,
    sentence_court: str = "",
    sentence_date: date | None = None,
    case: Case | None = None,
    risk_level: str = RiskLevel.MEDIUM,
    provenance: Mapping[str, Any] | None = None,
    today: date | None = None,
) -> Inmate:
    """Admit a person to the actor's prison service. The person is a person of the entity
    store the actor may see, or one recorded now from ``person_identity`` (owned by the
    prison service, shared like the inmate). An admission linked to a case the actor's
    institution takes part in discloses the inmate to the case's participants and appears
    on its timeline."""
    if not can_admit_inmates(actor) or actor.institution_id is None or actor.user_id is None:
        raise PermissionDenied(_("Only prison officers of a prison service admit inmates."))
    today = today or timezone.localdate()
    errors = Errors()
    number = _text(register_number, 40)
    place = _text(establishment, 200)
    _required(errors, "register_number", number, 40, register_number)
    _required(errors, "establishment", place, 200, establishment)
    if (
        number
        and Inmate.objects.filter(
            owner_institution_id=actor.institution_id, register_number=number
        ).exists()
    ):
        errors.add("register_number", _("Your prison service already has this register number."))
    if admission_date is None:
        errors.add("admission_date", _("This field is required."))
    elif admission_date > today:
        errors.add("admission_date", _("This date is in the future."))
    if expected_release_date and admission_date and expected_release_date < admission_date:
        errors.add("expected_release_date", _("The expected release comes before the admission."))
    sentence = {
        "legal_status": legal_status,
        "sentence_type": sentence_type,
        "sentence_months": sentence_months,
        "sentence_court": sentence_court,
        "sentence_date": sentence_date,
    }
    _check_sentence(errors, sentence, today)
    if risk_level not in RiskLevel.values:
        errors.add("risk_level", _("Choose a risk level."))
    _check_case(errors, actor, case)
    properties: dict[str, list[str]] = {}
    if person is not None:
        if person.schema != "Person" or person.merged_into_id or not can(actor, "view", person):
            errors.add("person", _("Choose a person of the entity store you may see."))
        elif Inmate.objects.filter(person=person, status=CustodyStatus.IN_CUSTODY).exists():
            errors.add("person", _("This person is already recorded in custody."))
    else:
        properties = _person_properties(errors, person_identity or {})
    clean_provenance = _provenance(provenance)
    inmate = Inmate(
        owner_institution_id=actor.institution_id,
        register_number=number,
        establishment=place,
        legal_status=legal_status,
        admission_date=admission_date or today,
        expected_release_date=expected_release_date,
        sentence_type=sentence_type or "",
        sentence_months=sentence_months if sentence_type in FIXED_TERM else None,
        sentence_court=_text(sentence_court, 200),
        sentence_date=sentence_date,
        case=case,
        risk_level=risk_level,
        created_by_id=actor.user_id,
        **clean_provenance,
    )
    if not errors:
        _full_clean(errors, inmate, exclude=["person", "full_name", "created_by"])
    if errors:
        prisons_refuse(actor=actor, event="admit", errors=errors, object_type="prisons.inmate")
    assert admission_date is not None

    from paccto.entities.services import entity_create

    with transaction.atomic():
        if person is None:
            person = entity_create(
                actor=actor,
                schema="Person",
                properties=properties,
                provenance={
                    k: v
                    for k, v in clean_provenance.items()
                    if k in ("share_scope", "share_network_id", "handling_code", "handling_note")
                },
                source_ref=_("Prison admission"),
            )
        inmate.person = person
        for name, value in _identity(person).items():
            setattr(inmate, name, value)
        inmate.save()
        _event(actor, inmate, InmateEventKind.ADMISSION, admission_date, to_value=place)
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=inmate,
            details={
                "reference": inmate.reference,
                "person": person.reference,
                "legal_status": legal_status,
                "case": case.reference if case else "",
            },
        )
        if case is not None:
            _disclose_to_case(actor, inmate, case)
    return inmate


def _disclose_to_case(actor: Actor, inmate: Inmate, case: Case) -> None:
    """Linking an inmate to a case lets its participants see the record."""
    audit_record(
        actor=actor,
        action=AuditAction.DISCLOSE,
        obj=inmate,
        justification=case.reference,
        recipients=[f"case:{case.pk}"],
        details={"case": case.pk, "reference": inmate.reference},
        personal_data=True,
    )


def inmate_update(*, actor: Actor, inmate: Inmate, changes: Mapping[str, Any]) -> Inmate:
    """Change an inmate's details: risk level, expected release date, legal status and
    sentence, case, register number, and provenance (grade, handling, sharing). A new
    release date or sentence is kept in the custody history."""
    if not can(actor, "change", inmate):
        raise PermissionDenied(_("Only prison officers of the inmate's prison service do this."))
    today = timezone.localdate()
    errors = Errors()
    unknown = set(changes) - UPDATABLE
    for name in sorted(unknown):
        errors.add(name, _("This field cannot be changed here."))
    data = {k: v for k, v in changes.items() if k in UPDATABLE}
    before = {name: getattr(inmate, name) for name in UPDATABLE - {"case"}}
    before_case = inmate.case_id
    custody_fields = {"expected_release_date", "legal_status", *SENTENCE_FIELDS} & set(data)
    if custody_fields and not inmate.in_custody:
        errors.add("__all__", _("This inmate has left custody: the sentence no longer changes."))
    if "register_number" in data:
        number = _text(data["register_number"], 40)
        _required(errors, "register_number", number, 40, data["register_number"])
        if (
            number
            and Inmate.objects.filter(
                owner_institution_id=inmate.owner_institution_id, register_number=number
            )
            .exclude(pk=inmate.pk)
            .exists()
        ):
            errors.add(
                "register_number", _("Your prison service already has this register number.")
            )
        data["register_number"] = number
    if "risk_level" in data and data["risk_level"] not in RiskLevel.values:
        errors.add("risk_level", _("Choose a risk level."))
    release = data.get("expected_release_date", inmate.expected_release_date)
    if release is not None and release < inmate.admission_date:
        errors.add("expected_release_date", _("The expected release comes before the admission."))
    if {"legal_status", *SENTENCE_FIELDS} & set(data):
        merged = {name: data.get(name, getattr(inmate, name)) for name in SENTENCE_FIELDS}
        merged["legal_status"] = data.get("legal_status", inmate.legal_status)
        if merged["legal_status"] == LegalStatus.REMAND:
            for name in SENTENCE_FIELDS:
                if name not in data:
                    merged[name] = None
        _check_sentence(errors, merged, today)
        if inmate.legal_status == LegalStatus.SENTENCED and merged["legal_status"] == "remand":
            errors.add("legal_status", _("A sentenced inmate does not go back to remand."))
        data.update(merged)
        if merged["sentence_type"] not in FIXED_TERM:
            data["sentence_months"] = None
        data["sentence_type"] = merged["sentence_type"] or ""
        data["sentence_court"] = _text(merged["sentence_court"], 200)
    case = data.pop("case", inmate.case)
    if "case" in changes and case is not None and case.pk != before_case:
        _check_case(errors, actor, case)
    for name, value in data.items():
        setattr(inmate, name, value)
    inmate.case = case
    if not errors:
        _full_clean(errors, inmate, exclude=["person", "created_by"])
    if errors:
        inmate.refresh_from_db()
        prisons_refuse(actor=actor, event="update", errors=errors, obj=inmate)
    changed = sorted(n for n in data if getattr(inmate, n) != before.get(n))
    case_changed = inmate.case_id != before_case
    if not changed and not case_changed:
        return inmate
    inmate.updated_at = timezone.now()
    with transaction.atomic():
        inmate.save()
        if "expected_release_date" in changed:
            _event(
                actor,
                inmate,
                InmateEventKind.RELEASE_DATE,
                today,
                str(before.get("expected_release_date") or ""),
                str(inmate.expected_release_date or ""),
            )
        if {"legal_status", *SENTENCE_FIELDS} & set(changed):
            _event(
                actor,
                inmate,
                InmateEventKind.SENTENCED,
                inmate.sentence_date or today,
                to_value=inmate.sentence_court,
            )
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=inmate,
            details={"fields": changed + (["case"] if case_changed else [])},
        )
        if case_changed and inmate.case is not None:
            _disclose_to_case(actor, inmate, inmate.case)
    return inmate


def _event_date(errors: Errors, key: str, on: date | None, inmate: Inmate, today: date) -> None:
    if on is None:
        errors.add(key, _("This field is required."))
    elif on > today:
        errors.add(key, _("This date is in the future."))
    elif on < inmate.admission_date:
        errors.add(key, _("This date comes before the admission."))


def inmate_move(
    *, actor: Actor, inmate: Inmate, to_establishment: str, on: date | None, note: str = ""
) -> InmateEvent:
    """Move an inmate to another establishment of the prison service; those watching the
    inmate are told."""
    if not can(actor, "change", inmate):
        raise PermissionDenied(_("Only prison officers of the inmate's prison service do this."))
    today = timezone.localdate()
    errors = Errors()
    place = _text(to_establishment, 200)
    _required(errors, "to_establishment", place, 200, to_establishment)
    if not inmate.in_custody:
        errors.add("__all__", _("This inmate has left custody."))
    if place and place == inmate.establishment:
        errors.add("to_establishment", _("The inmate is already held there."))
    _event_date(errors, "on", on, inmate, today)
    last = inmate.events.order_by("-on").values_list("on", flat=True).first()
    if on and last and on < last and "on" not in errors:
        errors.add("on", _("This date comes before the last event of the inmate's custody."))
    if errors:
        prisons_refuse(actor=actor, event="move", errors=errors, obj=inmate)
    assert on is not None
    with transaction.atomic():
        event = _event(
            actor, inmate, InmateEventKind.MOVE, on, inmate.establishment, place, _text(note, 500)
        )
        inmate.establishment = place
        inmate.updated_at = timezone.now()
        inmate.save(update_fields=["establishment", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=inmate,
            details={"event": "move", "on": on.isoformat()},
        )
        alerts_for_event(inmate=inmate, kind=AlertKind.MOVED, on=on, final=False)
    return event


def inmate_release(
    *, actor: Actor, inmate: Inmate, released_on: date | None, note: str = ""
) -> Inmate:
    """Record that an inmate was released; those watching the inmate are told."""
    if not can(actor, "change", inmate):
        raise PermissionDenied(_("Only prison officers of the inmate's prison service do this."))
    today = timezone.localdate()
    errors = Errors()
    if not inmate.in_custody:
        errors.add("__all__", _("This inmate has already left custody."))
    if released_on is not None and released_on < inmate.admission_date:
        errors.add("released_on", _("The release comes before the admission."))
    else:
        _event_date(errors, "released_on", released_on, inmate, today)
    if errors:
        prisons_refuse(actor=actor, event="release", errors=errors, obj=inmate)
    assert released_on is not None
    with transaction.atomic():
        inmate.status = CustodyStatus.RELEASED
        inmate.released_on = released_on
        inmate.updated_at = timezone.now()
        inmate.save(update_fields=["status", "released_on", "updated_at"])
        _event(
            actor,
            inmate,
            InmateEventKind.RELEASE,
            released_on,
            from_value=inmate.establishment,
            note=_text(note, 500),
        )
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=inmate,
            details={"event": "release", "on": released_on.isoformat()},
        )
        alerts_for_event(inmate=inmate, kind=AlertKind.RELEASED, on=released_on, final=True)
    return inmate


def affiliation_add(
    *,
    actor: Actor,
    inmate: Inmate,
    group_name: str,
    role: str,
    source: str,
    source_note: str = "",
    since: date | None = None,
    provenance: Mapping[str, Any] | None = None,
) -> Affiliation:
    """Record an inmate's membership of an organised-crime group, as intelligence with its
    grade, source, handling code and share scope (owned by the actor's prison service)."""
    if not can(actor, "change", inmate) or actor.user_id is None or actor.institution_id is None:
        raise PermissionDenied(_("Only prison officers of the inmate's prison service do this."))
    errors = Errors()
    name = _text(group_name, 200)
    _required(errors, "group_name", name, 200, group_name)
    if role not in AffiliationRole.values:
        errors.add("role", _("Choose the role in the group."))
    if source not in AffiliationSource.values:
        errors.add("source", _("Choose the source."))
    if since and since > timezone.localdate():
        errors.add("since", _("This date is in the future."))
    affiliation = Affiliation(
        inmate=inmate,
        owner_institution_id=actor.institution_id,
        group_name=name,
        role=role,
        source=source,
        source_note=_text(source_note, 500),
        since=since,
        created_by_id=actor.user_id,
        **_provenance(provenance),
    )
    if not errors:
        _full_clean(errors, affiliation, exclude=["created_by"])
    if errors:
        prisons_refuse(actor=actor, event="affiliation", errors=errors, obj=inmate)
    with transaction.atomic():
        affiliation.save()
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=affiliation,
            details={
                "inmate": inmate.reference,
                "role": role,
                "grade": affiliation.grade,
                "handling_code": affiliation.handling_code,
            },
        )
    return affiliation


def affiliation_end(
    *, actor: Actor, affiliation: Affiliation, ended_on: date | None, reason: str
) -> Affiliation:
    """Record that an affiliation ended (the inmate left the group, or it proved wrong)."""
    if not can(actor, "change", affiliation):
        raise PermissionDenied(_("Only the prison service that recorded it ends it."))
    errors = Errors()
    why = _text(reason, 500)
    _required(errors, "reason", why, 500, reason)
    if not affiliation.is_active:
        errors.add("__all__", _("This affiliation has already ended."))
    if ended_on is None:
        errors.add("ended_on", _("This field is required."))
    elif ended_on > timezone.localdate():
        errors.add("ended_on", _("This date is in the future."))
    elif affiliation.since and ended_on < affiliation.since:
        errors.add("ended_on", _("The end comes before the start."))
    if errors:
        prisons_refuse(actor=actor, event="affiliation_end", errors=errors, obj=affiliation)
    with transaction.atomic():
        affiliation.ended_on, affiliation.end_reason = ended_on, why
        affiliation.save(update_fields=["ended_on", "end_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=affiliation,
            details={"event": "end", "inmate": affiliation.inmate.reference},
        )
    return affiliation


def separation_order_add(
    *, actor: Actor, inmate: Inmate, other: Inmate, reason: str
) -> SeparationOrder:
    """Order that two inmates of the actor's prison service be kept apart, with the
    reason."""
    if not can(actor, "change", inmate) or actor.user_id is None:
        raise PermissionDenied(_("Only prison officers of the inmate's prison service do this."))
    errors = Errors()
    why = _text(reason, 500)
    _required(errors, "reason", why, 500, reason)
    if other.pk == inmate.pk:
        errors.add("other", _("An inmate cannot be kept apart from himself."))
    elif not can(actor, "change", other):
        errors.add("other", _("Choose an inmate of your prison service."))
    elif not (inmate.in_custody and other.in_custody):
        errors.add("other", _("Both inmates must be in custody."))
    elif (
        SeparationOrder.objects.filter(lifted_at__isnull=True)
        .filter(inmate__in=[inmate, other], other__in=[inmate, other])
        .exists()
    ):
        errors.add("other", _("These inmates are already kept apart."))
    if errors:
        prisons_refuse(actor=actor, event="separation", errors=errors, obj=inmate)
    with transaction.atomic():
        order = SeparationOrder.objects.create(
            inmate=inmate, other=other, reason=why, ordered_by_id=actor.user_id
        )
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=order,
            details={"inmate": inmate.reference, "other": other.reference},
        )
    return order


def separation_order_lift(*, actor: Actor, order: SeparationOrder, reason: str) -> SeparationOrder:
    """Lift a separation order, with the reason (it stays in the record)."""
    if not can(actor, "change", order) or actor.user_id is None:
        raise PermissionDenied(_("Only prison officers of the inmate's prison service do this."))
    errors = Errors()
    why = _text(reason, 500)
    _required(errors, "reason", why, 500, reason)
    if not order.is_active:
        errors.add("__all__", _("This separation order has already been lifted."))
    if errors:
        prisons_refuse(actor=actor, event="separation_lift", errors=errors, obj=order)
    with transaction.atomic():
        order.lifted_at, order.lifted_by_id, order.lift_reason = timezone.now(), actor.user_id, why
        order.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        audit_record(actor=actor, action=AuditAction.ALTER, obj=order, details={"event": "lift"})
    return order
