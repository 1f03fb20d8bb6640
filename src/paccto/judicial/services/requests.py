"""Drafting a request: its authorities, legal basis, facts and measures; the persons and
assets it concerns; the answers to the human-rights questions. Bad input is refused with
translated errors, changes nothing, and is audited."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.cases.models import Case
from paccto.core.choices import CriminalMarket, HandlingCode, Sector
from paccto.core.models import Institution, country_name
from paccto.core.permissions import Actor, can
from paccto.entities.models import Entity
from paccto.judicial.choices import (
    REQUIRED_QUESTIONS,
    TYPE_CODES,
    EntityRole,
    RequestAction,
    RequestStatus,
    RequestType,
    SafeguardQuestion,
    Side,
    Urgency,
)
from paccto.judicial.models import (
    JudicialRequest,
    LegalBasis,
    RequestEntity,
    RequestEvent,
    SafeguardAnswer,
)
from paccto.judicial.permissions import can_create_judicial_request, request_sides
from paccto.judicial.selectors import EXECUTING_SECTORS, legal_basis_applies, safeguards_required
from paccto.judicial.services.access import Errors, judicial_deny, judicial_refuse

TEXT_LIMITS = {
    "title": 200,
    "offence": 500,
    "facts": 10_000,
    "measures": 5000,
    "urgency_reasons": 1000,
    "legal_basis_detail": 300,
}
REQUIRED_TEXTS = ("title", "offence", "facts", "measures")
# While the requesting side may still add to a request: a draft, or one waiting for its
# clarification.
REQUESTER_OPEN = (RequestStatus.DRAFT, RequestStatus.CLARIFICATION_ASKED)
PERSON_ROLES = frozenset(set(EntityRole.values) - {EntityRole.ASSET})
ASSET_ROLES = frozenset({EntityRole.ASSET, EntityRole.OTHER})


@dataclass
class RequestValues:
    """Everything a requesting authority states on a request."""

    request_type: str
    executing_institution: Institution | None
    legal_basis: LegalBasis | None
    title: str = ""
    offence: str = ""
    facts: str = ""
    measures: str = ""
    language: str = ""
    urgency: str = Urgency.NORMAL
    urgency_reasons: str = ""
    legal_basis_detail: str = ""
    requesting_central_authority: Institution | None = None
    executing_central_authority: Institution | None = None
    case: Case | None = None
    facts_from: date | None = None
    facts_to: date | None = None
    criminal_markets: list[str] | None = None


FIELDS = tuple(RequestValues.__dataclass_fields__)


def _clean_text(errors: Errors, values: RequestValues) -> None:
    for name, limit in TEXT_LIMITS.items():
        text = str(getattr(values, name) or "").strip()
        setattr(values, name, text)
        if name in REQUIRED_TEXTS and not text:
            errors.add(name, _("This field is required."))
        elif len(text) > limit:
            errors.add(name, _("The text is too long."))


def _clean_institutions(errors: Errors, actor: Actor, values: RequestValues) -> None:
    assert actor.institution_id is not None
    requesting = Institution.objects.get(pk=actor.institution_id)
    executing = values.executing_institution
    key = "executing_institution"
    if executing is None:
        errors.add(key, _("Choose a requested authority of the directory."))
    elif executing.pk == requesting.pk:
        errors.add(key, _("A request goes to another authority than your own."))
    elif executing.country_id == requesting.country_id:
        errors.add(key, _("The requested authority must be of another state."))
    elif executing.sector not in EXECUTING_SECTORS:
        errors.add(key, _("Choose a prosecution service, a court or a central authority."))
    for key, central, country in (
        ("requesting_central_authority", values.requesting_central_authority, requesting),
        ("executing_central_authority", values.executing_central_authority, executing),
    ):
        if central is None:
            continue
        if central.sector != Sector.CENTRAL_AUTHORITY:
            errors.add(key, _("Choose a central authority of the directory."))
        elif country is not None and central.country_id != country.country_id:
            errors.add(key, _("The central authority must be of the same state as its side."))
        elif central.pk in (requesting.pk, getattr(executing, "pk", None)):
            errors.add(key, _("This authority is already named on the request."))


def _clean_legal_basis(errors: Errors, actor: Actor, values: RequestValues) -> None:
    basis, executing = values.legal_basis, values.executing_institution
    key = "legal_basis"
    if basis is None or not basis.active:
        errors.add(key, _("Choose the legal basis of the request."))
        return
    if values.request_type in RequestType.values and values.request_type not in basis.request_types:
        errors.add(
            key,
            _("%(basis)s does not cover this kind of request (%(type)s).")
            % {"basis": basis.name, "type": RequestType(values.request_type).label},
        )
    if (
        executing is not None
        and actor.country_id
        and executing.country_id != actor.country_id
        and not legal_basis_applies(basis, actor.country_id, executing.country_id)
    ):
        errors.add(
            key,
            _("%(basis)s does not apply between %(a)s and %(b)s.")
            % {
                "basis": basis.name,
                "a": country_name(actor.country_id),
                "b": country_name(executing.country_id),
            },
        )
    if basis.needs_detail and not values.legal_basis_detail:
        errors.add("legal_basis_detail", _("Name the treaty (title, date) and its articles."))


def _clean_dates(errors: Errors, values: RequestValues, today: date) -> None:
    start, end = values.facts_from, values.facts_to
    if start and start > today:
        errors.add("facts_from", _("This date is in the future."))
    if end and end > today:
        errors.add("facts_to", _("This date is in the future."))
    if start and end and end < start:
        errors.add("facts_to", _("The end of the facts comes before their start."))


def request_values_check(actor: Actor, values: RequestValues, today: date) -> Errors:
    """Every error of the values of a request (nothing written); cleans them in place."""
    errors = Errors()
    if values.request_type not in RequestType.values:
        errors.add("request_type", _("Choose one of the allowed values."))
    _clean_text(errors, values)
    _clean_institutions(errors, actor, values)
    _clean_legal_basis(errors, actor, values)
    _clean_dates(errors, values, today)
    if values.urgency not in Urgency.values:
        errors.add("urgency", _("Choose one of the allowed values."))
    elif values.urgency != Urgency.NORMAL and not values.urgency_reasons:
        errors.add("urgency_reasons", _("Give the reasons for the urgency."))
    if values.language not in dict(settings.LANGUAGES):
        errors.add("language", _("Choose one of the allowed values."))
    markets = values.criminal_markets or []
    if set(markets) - set(CriminalMarket.values):
        errors.add("criminal_markets", _("Unknown criminal market."))
    values.criminal_markets = sorted(set(markets))
    if values.case is not None and not can(actor, "view", values.case):
        errors.add("case", _("Choose a case you take part in."))
    return errors


def _apply(request: JudicialRequest, values: RequestValues) -> None:
    for name in FIELDS:
        setattr(request, name, getattr(values, name))


def judicial_request_create(
    *, actor: Actor, values: RequestValues, today: date | None = None
) -> JudicialRequest:
    """Draft a request of the actor's institution (judges and prosecutors). Nothing leaves
    the institution until it is sent."""
    if (
        not can_create_judicial_request(actor)
        or actor.user_id is None
        or actor.institution_id is None
    ):
        judicial_deny(
            actor=actor, event="create", message=_("You may not draft judicial requests.")
        )
    errors = request_values_check(actor, values, today or timezone.localdate())
    if errors:
        judicial_refuse(actor=actor, event="create", errors=errors)
    assert values.executing_institution is not None and values.legal_basis is not None
    request = JudicialRequest(
        number=f"tmp-{secrets.token_hex(12)}",
        requesting_institution_id=actor.institution_id,
        created_by_id=actor.user_id,
    )
    _apply(request, values)
    with transaction.atomic():
        request.save()
        country = request.requesting_institution.country_id
        code = TYPE_CODES[RequestType(request.request_type)]
        request.number = f"{country}-{code}-{request.created_at.year}-{request.pk:06d}"
        request.save(update_fields=["number"])
        RequestEvent.objects.create(
            request=request,
            action=RequestAction.CREATE,
            to_status=RequestStatus.DRAFT,
            side=Side.REQUESTING,
            by_id=actor.user_id,
            institution_id=actor.institution_id,
        )
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=request,
            details={
                "number": request.number,
                "type": request.request_type,
                "to": values.executing_institution.key,
                "legal_basis": values.legal_basis.key,
                "case": values.case.pk if values.case else None,
            },
        )
    return request


def request_values(request: JudicialRequest) -> RequestValues:
    """The values of a request as stated, to change some of them."""
    return RequestValues(**{name: getattr(request, name) for name in FIELDS})


def judicial_request_update(
    *,
    actor: Actor,
    request: JudicialRequest,
    changes: dict[str, Any],
    today: date | None = None,
) -> JudicialRequest:
    """Change a draft (judges and prosecutors of the requesting institution). Everything
    is checked again, as at drafting."""
    if not can(actor, "edit", request):
        judicial_deny(
            actor=actor,
            event="update",
            message=_("Only the requesting authority changes a draft, before sending it."),
            obj=request,
        )
    unknown = set(changes) - set(FIELDS)
    if unknown:
        judicial_refuse(
            actor=actor,
            event="update",
            errors={k: [_("Unknown field.")] for k in sorted(unknown)},
            obj=request,
        )
    if changes.get("request_type", request.request_type) != request.request_type:
        judicial_refuse(
            actor=actor,
            event="update",
            errors={"request_type": [_("The kind of request cannot change: draft a new one.")]},
            obj=request,
        )
    values = request_values(request)
    for name, value in changes.items():
        setattr(values, name, value)
    errors = request_values_check(actor, values, today or timezone.localdate())
    if errors:
        judicial_refuse(actor=actor, event="update", errors=errors, obj=request)
    with transaction.atomic():
        locked = JudicialRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != RequestStatus.DRAFT:
            judicial_refuse(
                actor=actor,
                event="update",
                errors={
                    "__all__": [_("The request was sent meanwhile: it can no longer be changed.")]
                },
                obj=request,
            )
        _apply(request, values)
        request.updated_at = timezone.now()
        request.save(update_fields=[*FIELDS, "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=request,
            details={"event": "update", "fields": sorted(changes)},
        )
    return request


def _require_requesting_side(actor: Actor, request: JudicialRequest, event: str) -> None:
    if Side.REQUESTING not in request_sides(actor, request):
        judicial_deny(
            actor=actor,
            event=event,
            message=_("Only the judges and prosecutors of the requesting side do this."),
            obj=request,
        )


def request_entity_add(
    *, actor: Actor, request: JudicialRequest, entity: Entity | None, role: str, note: str = ""
) -> RequestEntity:
    """Name a person or an asset of the entity store on a request (the requesting side,
    while it may still add to it). The executing side will read its name and reference:
    naming it discloses them, so the actor must see the record, and another owner's H2
    record ("not to be passed on without the owner's permission") is refused."""
    _require_requesting_side(actor, request, "entity_add")
    errors = Errors()
    if request.status not in REQUESTER_OPEN:
        errors.add(
            "__all__",
            _(
                "Persons and assets are named while the request is a draft or a "
                "clarification is asked."
            ),
        )
    if entity is None or entity.merged_into_id or entity.pending or not can(actor, "view", entity):
        errors.add("entity", _("Choose a record of the entity store you may see."))
    else:
        if (
            entity.handling_code == HandlingCode.H2
            and entity.owner_institution_id != actor.institution_id
        ):
            errors.add(
                "entity",
                _("This record is H2: ask its owner before passing it on in a request."),
            )
        allowed = PERSON_ROLES if entity.schema == "Person" else ASSET_ROLES
        if role not in allowed:
            errors.add("role", _("Choose a role that fits this kind of record."))
        elif request.entity_links.filter(entity=entity).exists():
            errors.add("entity", _("This record is already named on the request."))
    note = str(note or "").strip()
    if len(note) > 500:
        errors.add("note", _("The text is too long."))
    if errors:
        judicial_refuse(actor=actor, event="entity_add", errors=errors, obj=request)
    assert entity is not None and actor.user_id is not None
    link = RequestEntity(
        request=request,
        entity=entity,
        role=role,
        schema=entity.schema,
        caption=entity.caption[:300],
        reference=entity.reference,
        note=note,
        added_by_id=actor.user_id,
    )
    try:
        with transaction.atomic():
            link.save()
            audit_record(
                actor=actor,
                action=AuditAction.DISCLOSE,
                obj=entity,
                justification=request.number,
                recipients=[f"judicial_request:{request.pk}"],
                details={"request": request.number, "role": role},
                personal_data=entity.schema == "Person",
            )
    except IntegrityError:
        judicial_refuse(
            actor=actor,
            event="entity_add",
            errors={"entity": [_("This record is already named on the request.")]},
            obj=request,
        )
    return link


def safeguards_required_for(request: JudicialRequest) -> bool:
    """Whether the human-rights questions must be answered before this request is sent."""
    return safeguards_required(
        request_type=request.request_type,
        executing_country=request.executing_institution.country_id,
    )


def safeguards_missing(request: JudicialRequest) -> list[str]:
    """The required questions not answered yet (none when none are required)."""
    if not safeguards_required_for(request):
        return []
    answered = set(request.safeguards.values_list("question", flat=True))
    return [q for q in REQUIRED_QUESTIONS if q not in answered]


def safeguards_answer(
    *, actor: Actor, request: JudicialRequest, answers: list[dict[str, Any]]
) -> list[SafeguardAnswer]:
    """Answer human-rights questions of a request (the requesting side, while it may still
    add to it): yes or no, each explained; a "yes" on the death penalty states the
    assurance given. Answers given again replace the earlier ones."""
    _require_requesting_side(actor, request, "safeguards")
    errors = Errors()
    if request.status not in REQUESTER_OPEN:
        errors.add(
            "__all__", _("The answers are given before sending, or when a clarification is asked.")
        )
    clean: dict[str, dict[str, Any]] = {}
    for item in answers:
        question = str(item.get("question") or "")
        if question not in SafeguardQuestion.values:
            errors.add("question", _("Unknown question."))
            continue
        answer = item.get("answer")
        explanation = str(item.get("explanation") or "").strip()
        assurance = str(item.get("assurance") or "").strip()
        if not isinstance(answer, bool):
            errors.add(f"{question}_answer", _("Answer yes or no."))
        if not explanation:
            errors.add(f"{question}_explanation", _("Explain the answer."))
        if question == SafeguardQuestion.DEATH_PENALTY and answer is True and not assurance:
            errors.add(
                f"{question}_assurance",
                _("State the assurance that the death penalty will not be imposed or carried out."),
            )
        for key, text in (
            (f"{question}_explanation", explanation),
            (f"{question}_assurance", assurance),
        ):
            if len(text) > 2000:
                errors.add(key, _("The text is too long."))
        clean[question] = {"answer": answer, "explanation": explanation, "assurance": assurance}
    if not answers:
        errors.add("__all__", _("Give at least one answer."))
    if errors:
        judicial_refuse(actor=actor, event="safeguards", errors=errors, obj=request)
    assert actor.user_id is not None
    saved = []
    with transaction.atomic():
        for question, data in clean.items():
            row, _created = SafeguardAnswer.objects.update_or_create(
                request=request,
                question=question,
                defaults={**data, "answered_by_id": actor.user_id, "answered_at": timezone.now()},
            )
            saved.append(row)
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=request,
            details={
                "event": "safeguards",
                "answers": {q: d["answer"] for q, d in sorted(clean.items())},
            },
        )
    return saved
