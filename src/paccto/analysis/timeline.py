"""Timelines of entities: what happened to each of a set of entities, one lane per entity,
gathered from every app that has something to say (the entity store, cases, messages).

The same idea as a case's timeline (``paccto.cases.timeline``): events are
``TimelineEvent``s, sources register once in ``AppConfig.ready()``, and each source answers
for one actor and entities already obtained through the analysis selectors, returning only
events of records that the actor may see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from paccto.cases.choices import TimelineLane
from paccto.cases.timeline import TimelineEvent
from paccto.core.permissions import Actor, visible_to


@dataclass(frozen=True)
class EntityEvent:
    """An event on the lane of one entity."""

    entity_id: int
    event: TimelineEvent


# A source gets the actor and the visible entities (id -> caption) and yields their events.
EntityTimelineSource = Callable[[Actor, dict[int, str]], Iterable[EntityEvent]]
_sources: list[EntityTimelineSource] = []


def register_entity_timeline_source(source: EntityTimelineSource) -> None:
    """Add a source of events to every entity timeline (once per source)."""
    if source not in _sources:
        _sources.append(source)


def entity_timeline_sources() -> tuple[EntityTimelineSource, ...]:
    return tuple(_sources)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


def entity_store_events(actor: Actor, entities: dict[int, str]) -> Iterable[EntityEvent]:
    """Records and their versions, and the visible links of the entities with their dates."""
    from paccto.entities.models import Entity, EntityVersion, Link

    ids = sorted(entities)
    rows = visible_to(actor, Entity).filter(pk__in=ids).values_list("pk", "created_at")
    for pk, created in rows:
        yield EntityEvent(pk, TimelineEvent(created, TimelineLane.ENTITY, _("Recorded")))
    versions = EntityVersion.objects.filter(entity_id__in=ids, version__gt=1).select_related(
        "changed_by"
    )
    for version in versions:
        who = version.changed_by.get_username() if version.changed_by else ""
        title = _("Version %(version)s") % {"version": version.version}
        yield EntityEvent(
            version.entity_id,
            TimelineEvent(version.changed_at, TimelineLane.ENTITY, title, version.note, who),
        )
    links = (
        visible_to(actor, Link)
        .filter(Q(source_id__in=ids) | Q(target_id__in=ids))
        .filter(Q(start_date__isnull=False) | Q(end_date__isnull=False))
        .select_related("source", "target")
    )
    for link in links:
        for end, other in ((link.source, link.target), (link.target, link.source)):
            if end.pk not in entities:
                continue
            label = link.get_link_type_display()
            if link.start_date:
                title = _("%(relation)s %(other)s: from") % {
                    "relation": label,
                    "other": other.caption,
                }
                yield EntityEvent(end.pk, TimelineEvent(_at(link.start_date), "entity", title))
            if link.end_date:
                title = _("%(relation)s %(other)s: until") % {
                    "relation": label,
                    "other": other.caption,
                }
                yield EntityEvent(end.pk, TimelineEvent(_at(link.end_date), "entity", title))


def case_events(actor: Actor, entities: dict[int, str]) -> Iterable[EntityEvent]:
    """Entities brought into the cases the actor takes part in."""
    from paccto.cases.models import Case, CaseEntity

    cases = visible_to(actor, Case).values("pk")
    links = CaseEntity.objects.filter(entity_id__in=sorted(entities), case__in=cases)
    for link in links.select_related("case", "added_by"):
        title = _("Brought into case %(reference)s") % {"reference": link.case.reference}
        yield EntityEvent(
            link.entity_id,
            TimelineEvent(
                link.added_at,
                TimelineLane.CASE,
                title,
                link.case.title,
                link.added_by.get_username(),
                reverse("cases:case_detail", args=[link.case_id]),
            ),
        )


def message_events(actor: Actor, entities: dict[int, str]) -> Iterable[EntityEvent]:
    """Messages the actor may read that mention the entities."""
    from paccto.exchange.models import Message, MessageEntity

    messages = visible_to(actor, Message).values("pk")
    mentions = MessageEntity.objects.filter(
        entity_id__in=sorted(entities), message__in=messages
    ).select_related("message")
    for mention in mentions:
        yield EntityEvent(
            mention.entity_id,
            TimelineEvent(
                mention.message.sent_at,
                TimelineLane.EXCHANGE,
                _("Mentioned in a message"),
                mention.message.subject,
                url=reverse("exchange:thread_detail", args=[mention.message.thread_id]),
            ),
        )
