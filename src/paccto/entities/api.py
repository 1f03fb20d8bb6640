"""The entity store in the API. Reading personal data needs a stated justification."""

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from paccto.api.auth import require_write
from paccto.api.pagination import Pagination
from paccto.core.permissions import Actor, actor_for, visible_to
from paccto.entities import selectors, services
from paccto.entities.models import Entity, Link
from paccto.entities.schemas import (
    EntityDetailOut,
    EntityIn,
    EntityOut,
    EntityPatch,
    LinkIn,
    LinkOut,
    PropertyOut,
    SchemaOut,
    VersionOut,
)
from paccto.entities.schemata import SCHEMATA

router = Router(tags=["entities"])


class Justified(Schema):
    justification: str = ""


class EntityFilter(Justified):
    q: str = ""
    schema_name: str = Field("", alias="schema")


def _justification(value: str) -> str:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    value = value.strip()[:500]
    if not value:
        raise ValidationError({"justification": [_("A justification is required.")]})
    return value


@router.get("/entities/schemata", response=list[SchemaOut])
def schema_list(request: HttpRequest):
    return [
        SchemaOut(
            name=s.name,
            label=str(s.label),
            properties=[PropertyOut(name=p.name, kind=p.kind, label=str(p.label)) for p in s.props],
            required=list(s.required),
        )
        for s in SCHEMATA.values()
    ]


@router.get("/entities/export.csv", response={200: None})
def entity_export(request: HttpRequest, filters: Query[EntityFilter]):
    from django.http import HttpResponse

    from paccto.entities.exports import entities_csv

    actor = actor_for(request.user)
    justification = _justification(filters.justification)
    query = {"q": filters.q[:100], "schema": filters.schema_name[:32]}
    entities = selectors.entity_export_list(actor=actor, **query)
    services.entity_export_record(
        actor=actor,
        query={k: v for k, v in query.items() if v},
        entities=entities,
        justification=justification,
    )
    response = HttpResponse(entities_csv(entities), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="paccto-entities.csv"'
    return response


def _export_links(actor: Actor, entities: list[Entity]) -> list[Link]:
    """The links between exported entities that the actor may see and take away (other
    institutions' H2 links stay, like their H2 entities)."""
    ids = sorted(e.pk for e in entities)
    wanted = set(ids)
    links: list[Link] = []
    for start in range(0, len(ids), 2000):
        chunk = (
            visible_to(actor, Link)
            .filter(source_id__in=ids[start : start + 2000])
            .exclude(Q(handling_code="H2") & ~Q(owner_institution_id=actor.institution_id))
            .select_related("owner_institution")
            .order_by("pk")
        )
        links += [link for link in chunk if link.target_id in wanted]
    return sorted(links, key=lambda link: link.pk)


@router.get("/entities/export.ftm.jsonl", response={200: None})
def entity_export_ftm(request: HttpRequest, filters: Query[EntityFilter]):
    """The same export as the CSV one, as FollowTheMoney JSON lines, with the links."""
    from django.http import HttpResponse

    from paccto.entities.ftm import export_lines

    actor = actor_for(request.user)
    justification = _justification(filters.justification)
    query = {"q": filters.q[:100], "schema": filters.schema_name[:32]}
    entities = selectors.entity_export_list(actor=actor, **query)
    links = _export_links(actor, entities)
    services.entity_export_record(
        actor=actor,
        query={k: v for k, v in query.items() if v},
        entities=entities,
        justification=justification,
        export_format="ftm",
    )
    response = HttpResponse(
        "".join(export_lines(entities, links)), content_type="application/x-ndjson; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="paccto-entities.ftm.jsonl"'
    return response


@router.get("/entities", response=list[EntityOut], by_alias=True)
@paginate(Pagination)
def entity_list(request: HttpRequest, filters: Query[EntityFilter]):
    actor = actor_for(request.user)
    justification = _justification(filters.justification)
    query = {"q": filters.q[:100], "schema": filters.schema_name[:32]}
    services.entity_search_record(
        actor=actor, query={k: v for k, v in query.items() if v}, justification=justification
    )
    return selectors.entity_search(actor=actor, **query)


@router.post("/entities", response={201: EntityDetailOut}, by_alias=True)
def entity_create(request: HttpRequest, body: EntityIn):
    require_write(request)
    entity = services.entity_create(
        actor=actor_for(request.user),
        schema=body.schema_name,
        properties=body.properties,
        flags=body.flags.model_dump(),
        provenance=body.provenance.model_dump(),
        source_kind=body.source_kind,
        source_ref=body.source_ref,
    )
    return Status(201, entity)


@router.get("/entities/{int:entity_id}", response=EntityDetailOut, by_alias=True)
def entity_detail(request: HttpRequest, entity_id: int, params: Query[Justified]):
    actor = actor_for(request.user)
    justification = _justification(params.justification)
    entity = selectors.entity_get(actor=actor, pk=entity_id)
    services.entity_consult(actor=actor, entity=entity, justification=justification)
    entity.links = list(selectors.entity_links(actor=actor, entity=entity))
    return entity


@router.patch("/entities/{int:entity_id}", response=EntityDetailOut, by_alias=True)
def entity_update(request: HttpRequest, entity_id: int, body: EntityPatch):
    require_write(request)
    actor = actor_for(request.user)
    entity = selectors.entity_get(actor=actor, pk=entity_id, action="change")
    return services.entity_update(
        actor=actor,
        entity=entity,
        properties=body.properties,
        flags=body.flags.model_dump() if body.flags else None,
        provenance=body.provenance.model_dump() if body.provenance else None,
        note=body.note,
    )


@router.get("/entities/{int:entity_id}/versions", response=list[VersionOut])
def entity_versions(request: HttpRequest, entity_id: int, params: Query[Justified]):
    actor = actor_for(request.user)
    justification = _justification(params.justification)
    entity = selectors.entity_get(actor=actor, pk=entity_id)
    services.entity_consult(actor=actor, entity=entity, justification=justification)
    return list(selectors.entity_versions(entity=entity))


@router.post("/links", response={201: LinkOut})
def link_create(request: HttpRequest, body: LinkIn):
    require_write(request)
    actor = actor_for(request.user)
    source = selectors.entity_get(actor=actor, pk=body.source_id)
    target = selectors.entity_get(actor=actor, pk=body.target_id)
    link = services.link_create(
        actor=actor,
        source=source,
        target=target,
        link_type=body.link_type,
        start_date=body.start_date,
        end_date=body.end_date,
        note=body.note,
        provenance=body.provenance.model_dump(),
    )
    return Status(201, link)
