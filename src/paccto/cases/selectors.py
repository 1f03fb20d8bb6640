"""Reads of cases and joint investigation teams, always through the permission engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from paccto.cases.choices import CaseStage, TimelineLane
from paccto.cases.models import (
    Case,
    CaseEntity,
    CaseMessage,
    CaseParticipant,
    CaseStageChange,
    CustodyEvent,
    Evidence,
    EvidenceFile,
    Jit,
    JitMeeting,
    JitMember,
    JitTask,
)
from paccto.cases.timeline import TimelineEvent, timeline_sources
from paccto.core.permissions import Actor, get_for, visible_to
from paccto.entities.models import Entity

if TYPE_CHECKING:
    from paccto.exchange.models import Message

# What a case's messages card shows of a message: never its body.
MESSAGE_FIELDS = (
    "id",
    "message_type",
    "subject",
    "handling_code",
    "sent_at",
    "sender_institution__id",
    "sender_institution__name",
    "sender_institution__country_id",
    "owner_institution__id",
    "owner_institution__name",
)


def case_list(*, actor: Actor, q: str = "", stage: str = "") -> QuerySet[Case]:
    """The cases the actor takes part in, by reference or title and stage."""
    qs = visible_to(actor, Case).select_related("owner_institution")
    if q:
        from django.db.models import Q

        needle = q.strip()[:100]
        qs = qs.filter(Q(reference__icontains=needle) | Q(title__icontains=needle))
    if stage:
        qs = qs.filter(stage=stage)
    return qs.order_by("-updated_at", "pk")


def case_get(*, actor: Actor, pk: object, action: str = "view") -> Case:
    """One case the actor takes part in (or may change), else 404."""
    return get_for(actor, Case.objects.select_related("owner_institution"), pk, action)


def case_participants(*, case: Case) -> QuerySet[CaseParticipant]:
    """The participants of a case already obtained through ``case_get``."""
    return case.participants.select_related("institution__country", "user__institution").order_by(
        "pk"
    )


def case_participant_get(*, actor: Actor, case: Case, pk: object) -> CaseParticipant:
    return get_for(actor, CaseParticipant.objects.filter(case=case).select_related("case"), pk)


def case_timeline(*, case: Case) -> QuerySet[CaseStageChange]:
    """Every stage change of a case, oldest first."""
    return case.stage_changes.select_related("changed_by").order_by("changed_at", "pk")


def case_stage_events(actor: Actor, case: Case) -> list[TimelineEvent]:
    """The case's own lane of its timeline: every stage change with its reason."""
    labels = dict(CaseStage.choices)
    return [
        TimelineEvent(
            at=change.changed_at,
            lane=TimelineLane.CASE,
            title=str(labels.get(change.to_stage, change.to_stage)),
            detail=change.reason,
            who=change.changed_by.get_username() if change.changed_by else "",
        )
        for change in case_timeline(case=case)
    ]


def case_stage_steps(*, case: Case, changes: list[CaseStageChange]) -> list[dict[str, str]]:
    """The stages of the chain for a picture of where the case stands: each one ``done``
    (the case went through it), ``current`` or ``ahead``."""
    visited = {change.to_stage for change in changes}
    return [
        {
            "value": value,
            "label": str(label),
            "state": "current" if value == case.stage else "done" if value in visited else "ahead",
        }
        for value, label in CaseStage.choices
    ]


def case_timeline_events(*, actor: Actor, case: Case) -> list[TimelineEvent]:
    """The whole timeline of a case obtained through ``case_get``, oldest first: its stage
    changes and every event that the apps down the chain report and the actor may see."""
    events = [event for source in timeline_sources() for event in source(actor, case)]
    return sorted(events, key=lambda event: event.at)


def case_entities(*, actor: Actor, case: Case) -> QuerySet[CaseEntity]:
    """The records linked to a case that the actor may see (as a participant, all of
    them unless still pending in an import)."""
    entities = visible_to(actor, Entity).values("pk")
    return (
        case.entity_links.filter(entity__in=entities)
        .select_related("entity__owner_institution", "added_by")
        .order_by("pk")
    )


def case_entity_link_get(*, actor: Actor, case: Case, pk: object) -> CaseEntity:
    return get_for(actor, CaseEntity.objects.filter(case=case).select_related("case", "entity"), pk)


def case_messages(*, actor: Actor, case: Case) -> QuerySet[CaseMessage]:
    """The messages linked to a case that the actor may see through secure exchange
    (``CaseMessagePolicy``), oldest first; the others are left out without a trace."""
    return (
        visible_to(actor, CaseMessage)
        .filter(case=case)
        .select_related("message__sender_institution", "message__owner_institution", "added_by")
        .only(
            "id",
            "case_id",
            "added_at",
            "added_by__username",
            *(f"message__{field}" for field in MESSAGE_FIELDS),
        )
        .order_by("message__sent_at", "pk")
    )


def case_message_link_get(*, actor: Actor, case: Case, pk: object) -> CaseMessage:
    """One message linked to a case, if the actor sees both, else 404."""
    qs = CaseMessage.objects.filter(case=case).select_related("case", "message__sender_institution")
    return get_for(actor, qs, pk)


def case_message_events(actor: Actor, case: Case) -> list[TimelineEvent]:
    """The exchange lane of a case's timeline: the linked messages the actor may see."""
    from django.urls import reverse

    from paccto.exchange.choices import MessageType

    types = dict(MessageType.choices)
    events = []
    for link in case_messages(actor=actor, case=case):
        message = link.message
        events.append(
            TimelineEvent(
                at=message.sent_at,
                lane=TimelineLane.EXCHANGE,
                title=f"{message.reference} · {message.subject}",
                detail=str(types.get(message.message_type, message.message_type)),
                who=message.sender_institution.name,
                url=reverse("exchange:message_detail", args=[message.pk]),
            )
        )
    return events


def message_cases(*, actor: Actor, message: Message) -> QuerySet[CaseMessage]:
    """The cases a message is linked to that the actor takes part in (the message is one
    the actor already sees)."""
    return (
        visible_to(actor, CaseMessage)
        .filter(message=message)
        .select_related("case__owner_institution")
        .order_by("case__reference", "pk")
    )


def case_link_choices(*, actor: Actor) -> QuerySet[Case]:
    """The cases the actor may link messages to: those they lead or are a member of."""
    return (
        visible_to(actor, Case, "contribute")
        .select_related("owner_institution")
        .order_by("reference", "pk")
    )


def case_jits(*, actor: Actor, case: Case) -> QuerySet[Jit]:
    """The teams attached to a case that the actor is a member of (others stay unseen)."""
    return visible_to(actor, Jit).filter(case=case).order_by("-created_at")


def jit_list(*, actor: Actor) -> QuerySet[Jit]:
    """The teams the actor is a member of."""
    return visible_to(actor, Jit).select_related("leader", "case").order_by("-created_at", "pk")


def jit_get(*, actor: Actor, pk: object, action: str = "view") -> Jit:
    """One team the actor is a member of (or may manage), else 404 like a missing one."""
    return get_for(actor, Jit.objects.select_related("leader", "administrator", "case"), pk, action)


def jit_parties(*, jit: Jit):
    return jit.parties.select_related("institution__country").order_by(
        "institution__country_id", "institution__name"
    )


def jit_members(*, jit: Jit, current: bool = True) -> QuerySet[JitMember]:
    qs = jit.members.select_related("user", "institution")
    if current:
        qs = qs.filter(left_at__isnull=True)
    return qs.order_by("institution__country_id", "user__username")


def jit_member_get(*, actor: Actor, jit: Jit, pk: object) -> JitMember:
    return get_for(actor, JitMember.objects.filter(jit=jit).select_related("user"), pk)


def evidence_list(*, actor: Actor, jit: Jit) -> QuerySet[Evidence]:
    return (
        visible_to(actor, Evidence)
        .filter(jit=jit)
        .select_related("registered_by", "custody_head__holder")
        .prefetch_related("files")
        .order_by("number")
    )


def evidence_get(*, actor: Actor, jit: Jit, pk: object) -> Evidence:
    """One item of a team's register, else 404 (also for an item of another team)."""
    qs = Evidence.objects.filter(jit=jit).select_related(
        "jit", "registered_by", "custody_head__holder"
    )
    return get_for(actor, qs, pk)


def evidence_files(*, evidence: Evidence) -> QuerySet[EvidenceFile]:
    return evidence.files.order_by("pk")


def evidence_file_get(*, actor: Actor, jit: Jit, pk: object) -> EvidenceFile:
    qs = EvidenceFile.objects.filter(evidence__jit=jit).select_related("evidence__jit")
    return get_for(actor, qs, pk)


def custody_events(*, evidence: Evidence) -> QuerySet[CustodyEvent]:
    return evidence.custody.order_by("seq", "pk")


def jit_tasks(*, actor: Actor, jit: Jit) -> QuerySet[JitTask]:
    return visible_to(actor, JitTask).filter(jit=jit).select_related("assignee")


def jit_task_get(*, actor: Actor, jit: Jit, pk: object) -> JitTask:
    return get_for(actor, JitTask.objects.filter(jit=jit).select_related("jit"), pk)


def jit_meetings(*, actor: Actor, jit: Jit) -> QuerySet[JitMeeting]:
    return (
        visible_to(actor, JitMeeting)
        .filter(jit=jit)
        .prefetch_related(Prefetch("attendees"))
        .select_related("recorded_by")
    )


def jit_evaluation(*, jit: Jit):
    """The joint evaluation of a closed team (None while it is active)."""
    from paccto.cases.models import JitEvaluation

    return (
        JitEvaluation.objects.filter(jit=jit)
        .select_related("submitted_by")
        .prefetch_related("statements__institution")
        .first()
    )


def jit_member_user(*, jit: Jit, username: str):
    """The current member of a team with this username, else None (nobody else is
    looked up: a team's pages never reveal other accounts)."""
    member = (
        jit.members.filter(user__username=username.strip()[:150], left_at__isnull=True)
        .select_related("user")
        .first()
    )
    return member.user if member is not None else None
