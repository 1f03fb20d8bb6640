"""Who may see and act on cases and joint investigation teams.

- A **case** is seen by the operational users taking part in it: the users named as
  participants and the operational users of the participant institutions (the owner
  institution always takes part, as lead). Its leads change it; leads and members link
  records; observers read. Participation also reaches the actor as ``Actor.case_ids`` (a
  case provider), through which the entity store shows a case's linked records.
- A **message** linked to a case (``CaseMessage``) is seen by a participant only when
  secure exchange already lets that participant see the message: linking it to a case
  gives nobody access, and its title or count never shows to anyone else.
- A **JIT** and everything in it are seen by its current members only; to anyone else any
  JIT id answers 404, like a missing one. Members contribute; the space administrator
  manages membership; the administrator or the leader closes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from paccto.cases.choices import ParticipantRole
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
from paccto.core.permissions import Actor, register_case_provider, register_policy, visible_to

CONTRIBUTING_ROLES = (ParticipantRole.LEAD, ParticipantRole.MEMBER)


def _participations(
    user_id: int | None, institution_id: int | None, roles: Iterable[str] | None = None
) -> QuerySet[CaseParticipant]:
    if user_id is None:  # ``user_id=None`` would match every institution's participation
        return CaseParticipant.objects.none()
    who = Q(user_id=user_id)
    if institution_id is not None:
        who |= Q(institution_id=institution_id)
    qs = CaseParticipant.objects.filter(who)
    if roles is not None:
        qs = qs.filter(role__in=list(roles))
    return qs


def case_ids_of_user(user: Any) -> QuerySet:
    """The case provider of the permission engine: the cases a user takes part in, in
    person or through an operational role in a participant institution. One indexed
    query, run only when a read consults ``Actor.case_ids``."""
    from paccto.core.permissions import OPERATIONAL_ROLES

    if not set(user.role_codes) & OPERATIONAL_ROLES:
        return CaseParticipant.objects.none().values_list("case_id", flat=True)
    return (
        _participations(user.pk, user.institution_id).values_list("case_id", flat=True).distinct()
    )


register_case_provider(case_ids_of_user)


class CasePolicy:
    """view: participants; change: leads (the owner institution leads);
    contribute (link records): leads and members."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if not actor.is_operational or actor.institution_id is None:
            return queryset.none()
        roles: tuple[str, ...] | None
        if action == "view":
            roles = None
        elif action == "change":
            roles = (ParticipantRole.LEAD,)
        elif action == "contribute":
            roles = CONTRIBUTING_ROLES
        else:
            return queryset.none()
        cases = _participations(actor.user_id, actor.institution_id, roles).values("case_id")
        return queryset.filter(pk__in=cases)


class CaseChildPolicy:
    """Participants, stage changes and linked records follow their case (view only)."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action != "view":
            return queryset.none()
        cases = CasePolicy().filter(actor, Case.objects.all(), "view").values("pk")
        return queryset.filter(case__in=cases)


class CaseMessagePolicy:
    """A message linked to a case: seen by the case's participants who already see the
    message through secure exchange's own rules (sender, owner, recipients), never by
    virtue of the case."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        from paccto.exchange.models import Message

        if action != "view":
            return queryset.none()
        cases = CasePolicy().filter(actor, Case.objects.all(), "view").values("pk")
        messages = visible_to(actor, Message).filter(pk=OuterRef("message_id"))
        return queryset.filter(case__in=cases).filter(Exists(messages))


def _member_jits(actor: Actor) -> QuerySet:
    return JitMember.objects.filter(user_id=actor_user_id(actor), left_at__isnull=True).values(
        "jit_id"
    )


class JitPolicy:
    """view and contribute: current members; change (membership): the space administrator;
    close: the administrator or the leader. Everything else: nobody."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if actor.user_id is None:
            return queryset.none()
        qs = queryset.filter(pk__in=_member_jits(actor))
        if action in ("view", "contribute"):
            return qs
        if action == "change":
            return qs.filter(administrator_id=actor.user_id)
        if action == "close":
            return qs.filter(Q(administrator_id=actor.user_id) | Q(leader_id=actor.user_id))
        return queryset.none()


class JitContentPolicy:
    """What a JIT holds is seen by its current members only (``jit_path`` leads to the JIT)."""

    def __init__(self, jit_path: str) -> None:
        self.jit_path = jit_path

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if actor.user_id is None or action not in ("view", "contribute"):
            return queryset.none()
        return queryset.filter(**{f"{self.jit_path}__in": _member_jits(actor)})


register_policy(Case, CasePolicy())
register_policy(CaseParticipant, CaseChildPolicy())
register_policy(CaseStageChange, CaseChildPolicy())
register_policy(CaseEntity, CaseChildPolicy())
register_policy(CaseMessage, CaseMessagePolicy())
register_policy(Jit, JitPolicy())
register_policy(JitMember, JitContentPolicy("jit_id"))
register_policy(Evidence, JitContentPolicy("jit_id"))
register_policy(EvidenceFile, JitContentPolicy("evidence__jit_id"))
register_policy(CustodyEvent, JitContentPolicy("evidence__jit_id"))
register_policy(JitTask, JitContentPolicy("jit_id"))
register_policy(JitMeeting, JitContentPolicy("jit_id"))


def actor_user_id(actor: Actor) -> int:
    """The acting user's id: the platform itself (no user) does not act in cases or teams."""
    if actor.user_id is None:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return actor.user_id


def can_create_case(actor: Actor) -> bool:
    """Operational roles open cases for their own institution."""
    return actor.is_operational and actor.institution_id is not None


def can_create_jit(actor: Actor) -> bool:
    """Operational roles propose teams that their own institution is a party to."""
    return actor.is_operational and actor.institution_id is not None


def case_role(actor: Actor, case: Case) -> str | None:
    """The strongest role the actor holds in a case (in person or through the
    institution), or None."""
    if not actor.is_operational:
        return None
    roles = set(
        _participations(actor.user_id, actor.institution_id)
        .filter(case=case)
        .values_list("role", flat=True)
    )
    for role in (ParticipantRole.LEAD, ParticipantRole.MEMBER, ParticipantRole.OBSERVER):
        if role in roles:
            return str(role)
    return None


def can_change_case(actor: Actor, case: Case) -> bool:
    """Leads change a case: its details, participants and stage."""
    return case_role(actor, case) == ParticipantRole.LEAD


def can_contribute_to_case(actor: Actor, case: Case) -> bool:
    """Leads and members link records to a case."""
    return case_role(actor, case) in CONTRIBUTING_ROLES


def can_manage_jit(actor: Actor, jit: Jit) -> bool:
    """The space administrator manages membership."""
    return actor.user_id is not None and jit.administrator_id == actor.user_id


def can_close_jit(actor: Actor, jit: Jit) -> bool:
    """The administrator or the leader closes the team with its joint evaluation."""
    return actor.user_id is not None and actor.user_id in (jit.administrator_id, jit.leader_id)
