"""Writes to the entity store: records and links. Every write keeps history and is audited
in its transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor
from paccto.entities.models import Entity, EntityVersion, Link
from paccto.entities.permissions import can_change_entity, can_create_entity
from paccto.entities.schemata import PropertyError, caption_for, properties_clean

FLAGS = ("is_victim", "is_witness", "is_minor", "is_informant")
PROVENANCE_FIELDS = (
    "source_reliability",
    "information_reliability",
    "handling_code",
    "handling_note",
    "share_scope",
    "share_network_id",
    "criminal_markets",
    "review_at",
)


def _clean_properties(schema: str, properties: dict[str, Any]) -> dict[str, list[str]]:
    try:
        return properties_clean(schema, properties)
    except PropertyError as exc:
        field = exc.args[1] if len(exc.args) > 1 else "properties"
        raise ValidationError({str(field): [str(exc.args[0])]}) from exc


def _clean_flags(schema: str, flags: dict[str, bool] | None) -> dict[str, bool]:
    """The special-category flags given, which only persons may carry."""
    clean = {k: bool(v) for k, v in (flags or {}).items() if k in FLAGS}
    if schema != "Person" and any(clean.values()):
        raise ValidationError(
            {"flags": [_("Only persons are victims, witnesses, minors or informants.")]}
        )
    return clean


def _snapshot(entity: Entity, actor: Actor, note: str) -> None:
    EntityVersion.objects.create(
        entity=entity,
        version=entity.version,
        caption=entity.caption,
        properties=entity.properties,
        flags={flag: getattr(entity, flag) for flag in FLAGS},
        changed_by_id=actor.user_id,
        note=note[:300],
    )


def entity_create(
    *,
    actor: Actor,
    schema: str,
    properties: dict[str, Any],
    flags: dict[str, bool] | None = None,
    provenance: dict[str, Any] | None = None,
    source_kind: str = "manual",
    source_ref: str = "",
) -> Entity:
    """Record an entity for the actor's institution (the owner)."""
    if not can_create_entity(actor) or actor.institution_id is None:
        raise PermissionDenied(_("You may not record entities."))
    clean = _clean_properties(schema, properties)
    flags = _clean_flags(schema, flags)
    entity = Entity(
        schema=schema,
        properties=clean,
        caption=caption_for(schema, clean),
        owner_institution_id=actor.institution_id,
        source_kind=source_kind,
        source_ref=source_ref[:120],
        created_by_id=actor.user_id,
        **flags,
        **{k: v for k, v in (provenance or {}).items() if k in PROVENANCE_FIELDS},
    )
    entity.sync_special_category()
    entity.full_clean()
    with transaction.atomic():
        entity.save()
        _snapshot(entity, actor, _("Created"))
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=entity,
            details={"schema": schema, "source": source_kind},
        )
    return entity


def entity_update(
    *,
    actor: Actor,
    entity: Entity,
    properties: dict[str, Any] | None = None,
    flags: dict[str, bool] | None = None,
    provenance: dict[str, Any] | None = None,
    note: str = "",
) -> Entity:
    """Change an entity of the actor's institution; the new state becomes a new version."""
    if not can_change_entity(actor, entity):
        raise PermissionDenied(_("Only the owner institution may change this record."))
    changed: list[str] = []
    if properties is not None:
        entity.properties = _clean_properties(entity.schema, properties)
        entity.caption = caption_for(entity.schema, entity.properties)
        changed += ["properties", "caption"]
    for flag, value in _clean_flags(entity.schema, flags).items():
        setattr(entity, flag, value)
        changed.append(flag)
    for name, value in (provenance or {}).items():
        if name in PROVENANCE_FIELDS:
            setattr(entity, name, value)
            changed.append(name)
    if not changed:
        return entity
    entity.sync_special_category()
    entity.full_clean()
    entity.version += 1
    entity.updated_at = timezone.now()
    with transaction.atomic():
        entity.save()
        _snapshot(entity, actor, note)
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=entity,
            details={"version": entity.version, "fields": sorted(set(changed))},
        )
    return entity


def entity_consult(*, actor: Actor, entity: Entity, justification: str) -> None:
    """Record that the actor read an entity, and why (required for persons)."""
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        obj=entity,
        justification=justification,
        personal_data=entity.schema == "Person",
    )


def entity_search_record(*, actor: Actor, query: dict[str, str], justification: str) -> None:
    """Record a search of the entity store, and why."""
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        object_type="entities.entity",
        justification=justification,
        details={"search": query},
        personal_data=True,
    )


def entity_export_record(
    *,
    actor: Actor,
    query: dict[str, str],
    entities: list[Entity],
    justification: str,
    export_format: str = "csv",
) -> None:
    """Record that the actor exported entities (a disclosure), in which format, and why."""
    audit_record(
        actor=actor,
        action=AuditAction.DISCLOSE,
        object_type="entities.entity",
        justification=justification,
        details={
            "export": export_format,
            "search": query,
            "count": len(entities),
            "ids": [e.pk for e in entities[:1000]],
        },
        personal_data=True,
    )


def link_create(
    *,
    actor: Actor,
    source: Entity,
    target: Entity,
    link_type: str,
    start_date: date | None = None,
    end_date: date | None = None,
    note: str = "",
    provenance: dict[str, Any] | None = None,
) -> Link:
    """State a relation between two entities the actor can see; the actor's institution
    owns the statement."""
    if not can_create_entity(actor) or actor.institution_id is None:
        raise PermissionDenied(_("You may not record entities."))
    link = Link(
        source=source,
        target=target,
        link_type=link_type,
        start_date=start_date,
        end_date=end_date,
        note=note[:500],
        owner_institution_id=actor.institution_id,
        created_by_id=actor.user_id,
        **{k: v for k, v in (provenance or {}).items() if k in PROVENANCE_FIELDS},
    )
    if source.pk == target.pk:
        raise ValidationError({"target": [_("An entity cannot be linked to itself.")]})
    link.full_clean()
    with transaction.atomic():
        link.save()
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=link,
            details={"source": source.pk, "target": target.pk, "type": link_type},
        )
    return link
