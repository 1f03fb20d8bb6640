"""Persons, organisations, phones, vehicles... mentioned in a message, in the entity store.

A new record is made by the entity store's own service (``entity_create``), with the
message as its source; it belongs to the institution recording it, but when the message is
another institution's information it keeps that owner's restrictions: its handling code and
note and its grade are the message's, and H2 content is shared with nobody else.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.choices import HandlingCode, ShareScope
from paccto.core.permissions import Actor, can
from paccto.entities.choices import SourceKind
from paccto.entities.models import Entity
from paccto.entities.permissions import can_create_entity
from paccto.entities.services import entity_create
from paccto.exchange.models import Message, MessageEntity


def mention_provenance(actor: Actor, message: Message, given: dict[str, Any]) -> dict[str, Any]:
    """The provenance of a record taken from a message: the owner's restrictions when the
    message is another institution's information."""
    provenance = {"criminal_markets": list(message.criminal_markets), **given}
    if message.owner_institution_id != actor.institution_id:
        provenance.update(
            handling_code=message.handling_code,
            handling_note=message.handling_note,
            source_reliability=message.source_reliability,
            information_reliability=message.information_reliability,
        )
        if message.handling_code == HandlingCode.H2:
            provenance.update(share_scope=ShareScope.OWNER, share_network_id=None)
    return provenance


def message_entity_record(
    *,
    actor: Actor,
    message: Message,
    schema: str,
    properties: dict[str, Any],
    flags: dict[str, bool] | None = None,
    provenance: dict[str, Any] | None = None,
) -> Entity:
    """Record an entity mentioned in a message the actor sees, with the message as its
    source."""
    if not can(actor, "link", message) or actor.user_id is None:
        raise PermissionDenied(_("You may not record entities from this message."))
    with transaction.atomic():
        entity = entity_create(
            actor=actor,
            schema=schema,
            properties=properties,
            flags=flags,
            provenance=mention_provenance(actor, message, provenance or {}),
            source_kind=SourceKind.MESSAGE,
            source_ref=message.reference,
        )
        MessageEntity.objects.create(
            message=message, entity=entity, recorded=True, added_by_id=actor.user_id
        )
    return entity


def message_entity_link(*, actor: Actor, message: Message, entity: Entity) -> MessageEntity:
    """Note that an entity the actor sees is mentioned in a message the actor sees (a
    combination of the two records, audited). Linking twice changes nothing."""
    if not can_create_entity(actor) or not can(actor, "link", message) or actor.user_id is None:
        raise PermissionDenied(_("You may not link entities to this message."))
    if not can(actor, "view", entity):
        raise PermissionDenied(_("You may not link entities to this message."))
    existing = MessageEntity.objects.filter(message=message, entity=entity).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            mention = MessageEntity.objects.create(
                message=message, entity=entity, recorded=False, added_by_id=actor.user_id
            )
            audit_record(
                actor=actor,
                action=AuditAction.COMBINE,
                obj=mention,
                details={"message": message.reference, "entity": entity.reference},
            )
    except IntegrityError:
        return MessageEntity.objects.get(message=message, entity=entity)
    return mention
