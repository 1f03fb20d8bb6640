"""Who sees and acts on judicial cooperation requests and court outcomes.

- A **request** is seen by the operational users of its requesting institution (drafts
  included) and, once sent, of its executing institution and of the central authorities
  named on it. Judges and prosecutors act for their side: the requesting institution
  drafts and sends; the requesting side (with its central authority) gives clarifications,
  withdraws and closes; the executing side (with its central authority) confirms receipt,
  decides, executes and transfers results.
- **Police and other case participants**: operational users taking part in the request's
  case as lead or member, in the requesting state, read a sent request (never a draft) and
  its history; they never act on it. The case is theirs and they prepare what follows
  (an arrest, a surrender, the next steps of the investigation); the requested state's
  police learn of a request through their own judicial authority, which decides what to
  pass on, so participants of the executing state get nothing through the case.
- A **judgment** is seen by the participants of its case; judges and prosecutors of a
  lead or member institution record it and mark it final.
Everything else is denied; a record one may not see answers 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from paccto.cases.choices import ParticipantRole
from paccto.cases.models import Case, CaseParticipant
from paccto.cases.permissions import CasePolicy, case_role
from paccto.core.choices import Role
from paccto.core.permissions import Actor, register_policy
from paccto.judicial.choices import RequestStatus, Side
from paccto.judicial.models import (
    Judgment,
    JudicialRequest,
    RequestAttachment,
    RequestDeadline,
    RequestEntity,
    RequestEvent,
    SafeguardAnswer,
)

JUDICIAL_ROLES = (Role.PROSECUTOR, Role.JUDGE)
CONTRIBUTING = (ParticipantRole.LEAD, ParticipantRole.MEMBER)


def _contributing_cases(actor: Actor) -> QuerySet:
    """The cases the actor takes part in as lead or member, in person or through the
    institution."""
    who = Q(user_id=actor.user_id)
    if actor.institution_id is not None:
        who |= Q(institution_id=actor.institution_id)
    return CaseParticipant.objects.filter(who, role__in=CONTRIBUTING).values("case_id")


class JudicialRequestPolicy:
    """view: see the module; edit (a draft): judges and prosecutors of the requesting
    institution; request: those of the requesting side; execute: those of the executing
    side."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if not actor.is_operational or actor.institution_id is None or actor.user_id is None:
            return queryset.none()
        p, inst = self.prefix, actor.institution_id
        sent = ~Q(**{f"{p}status": RequestStatus.DRAFT})
        requesting = Q(**{f"{p}requesting_institution_id": inst})
        requesting_side = requesting | (Q(**{f"{p}requesting_central_authority_id": inst}) & sent)
        executing_side = (
            Q(**{f"{p}executing_institution_id": inst})
            | Q(**{f"{p}executing_central_authority_id": inst})
        ) & sent
        if action == "view":
            participant = (
                Q(**{f"{p}case__in": _contributing_cases(actor)})
                & Q(**{f"{p}requesting_institution__country_id": actor.country_id})
                & sent
            )
            return queryset.filter(requesting_side | executing_side | participant)
        if not actor.has_role(*JUDICIAL_ROLES):
            return queryset.none()
        if action == "edit":
            return queryset.filter(requesting & Q(**{f"{p}status": RequestStatus.DRAFT}))
        if action == "request":
            return queryset.filter(requesting_side)
        if action == "execute":
            return queryset.filter(executing_side)
        return queryset.none()


class RequestPartPolicy:
    """A request's history, deadlines, safeguard answers, persons and files are seen by
    whoever sees the request; they are written through the request's services only."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action != "view":
            return queryset.none()
        return JudicialRequestPolicy("request__").filter(actor, queryset, "view")


class JudgmentPolicy:
    """view: the participants of the judgment's case; record: judges and prosecutors of a
    lead or member participant."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action == "view":
            cases = CasePolicy().filter(actor, Case.objects.all(), "view").values("pk")
            return queryset.filter(case__in=cases)
        if action == "record" and actor.has_role(*JUDICIAL_ROLES) and actor.user_id:
            return queryset.filter(case__in=_contributing_cases(actor))
        return queryset.none()


register_policy(JudicialRequest, JudicialRequestPolicy())
for _model in (RequestEvent, RequestDeadline, SafeguardAnswer, RequestEntity, RequestAttachment):
    register_policy(_model, RequestPartPolicy())
register_policy(Judgment, JudgmentPolicy())


def can_use_judicial(actor: Actor) -> bool:
    """Operational users open the judicial pages (they see what the policy lets them)."""
    return actor.is_operational and actor.institution_id is not None


def can_create_judicial_request(actor: Actor) -> bool:
    """Judges and prosecutors draft requests for their own institution."""
    return actor.institution_id is not None and actor.has_role(*JUDICIAL_ROLES)


def can_record_judgments(actor: Actor) -> bool:
    """Judges and prosecutors record court outcomes (of the cases they take part in)."""
    return actor.institution_id is not None and actor.has_role(*JUDICIAL_ROLES)


def can_record_judgment_in(actor: Actor, case: Case) -> bool:
    """Judges and prosecutors of a lead or member participant of the case."""
    return can_record_judgments(actor) and case_role(actor, case) in CONTRIBUTING


def request_sides(actor: Actor, request: JudicialRequest) -> frozenset[str]:
    """The sides of a request for which the actor acts (as a judge or prosecutor of one of
    its institutions): none, one, or in odd set-ups both."""
    if actor.institution_id is None or not actor.has_role(*JUDICIAL_ROLES):
        return frozenset()
    inst = actor.institution_id
    sent = request.status != RequestStatus.DRAFT
    sides = set()
    if inst == request.requesting_institution_id or (
        sent and inst == request.requesting_central_authority_id
    ):
        sides.add(str(Side.REQUESTING))
    if sent and inst in (request.executing_institution_id, request.executing_central_authority_id):
        sides.add(str(Side.EXECUTING))
    return frozenset(sides)
