"""Writes to cases: open, edit, participants, linked records and stage changes. Each is
audited in its own transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.accounts.models import User
from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.cases.choices import STAGE_TRANSITIONS, CaseStage, ParticipantRole
from paccto.cases.models import Case, CaseEntity, CaseParticipant, CaseStageChange
from paccto.cases.permissions import (
    actor_user_id,
    can_change_case,
    can_contribute_to_case,
    can_create_case,
    can_take_case_lead,
)
from paccto.core.choices import CriminalMarket
from paccto.core.models import Institution
from paccto.core.permissions import OPERATIONAL_ROLES, Actor, can
from paccto.entities.models import Entity


def _clean_markets(markets: list[str]) -> list[str]:
    unknown = set(markets) - set(CriminalMarket.values)
    if unknown:
        raise ValidationError({"criminal_markets": [_("Unknown criminal market.")]})
    return sorted(set(markets))


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason.")]})
    return reason[:1000]


def case_create(
    *,
    actor: Actor,
    reference: str,
    title: str,
    summary: str = "",
    criminal_markets: list[str] | None = None,
    stage: str = CaseStage.INTELLIGENCE,
) -> Case:
    """Open a case for the actor's institution, which takes part in it as lead."""
    if not can_create_case(actor) or actor.institution_id is None or actor.user_id is None:
        raise PermissionDenied(_("You may not open cases."))
    if stage == CaseStage.CLOSED or stage not in CaseStage.values:
        raise ValidationError({"stage": [_("A case cannot be opened in this stage.")]})
    case = Case(
        owner_institution_id=actor.institution_id,
        reference=reference.strip(),
        title=title.strip(),
        summary=summary.strip(),
        criminal_markets=_clean_markets(criminal_markets or []),
        stage=stage,
        created_by_id=actor_user_id(actor),
    )
    case.full_clean(validate_constraints=False)
    if Case.objects.filter(
        owner_institution_id=actor.institution_id, reference=case.reference
    ).exists():
        raise ValidationError(
            {"reference": [_("Your institution already has a case with this reference.")]}
        )
    try:
        with transaction.atomic():
            case.save()
            CaseParticipant.objects.create(
                case=case,
                institution_id=actor.institution_id,
                role=ParticipantRole.LEAD,
                added_by_id=actor_user_id(actor),
            )
            CaseStageChange.objects.create(
                case=case,
                to_stage=stage,
                reason=_("Case opened"),
                changed_by_id=actor_user_id(actor),
            )
            audit_record(
                actor=actor,
                action=AuditAction.COLLECT,
                obj=case,
                details={"reference": case.reference, "stage": stage},
            )
    except IntegrityError as exc:  # the same reference, saved by someone else meanwhile
        raise ValidationError(
            {"reference": [_("Your institution already has a case with this reference.")]}
        ) from exc
    return case


def case_update(
    *,
    actor: Actor,
    case: Case,
    title: str | None = None,
    summary: str | None = None,
    criminal_markets: list[str] | None = None,
) -> Case:
    """Change a case's title, summary or markets (its leads). The stage has its own
    service, with its reason."""
    if not can_change_case(actor, case):
        raise PermissionDenied(_("Only the leads of a case may change it."))
    changed: list[str] = []
    if title is not None:
        case.title, changed = title.strip(), [*changed, "title"]
    if summary is not None:
        case.summary, changed = summary.strip(), [*changed, "summary"]
    if criminal_markets is not None:
        case.criminal_markets = _clean_markets(criminal_markets)
        changed.append("criminal_markets")
    case.updated_at = timezone.now()
    case.full_clean(validate_constraints=False)
    with transaction.atomic():
        case.save(update_fields=[*changed, "updated_at"])
        audit_record(actor=actor, action=AuditAction.ALTER, obj=case, details={"fields": changed})
    return case


def stage_reopen_target(case: Case) -> str:
    """The stage a closed case reopens into: the one it was closed from."""
    last_close = (
        case.stage_changes.filter(to_stage=CaseStage.CLOSED).order_by("-changed_at", "-pk").first()
    )
    if last_close is None or not last_close.from_stage:
        return str(CaseStage.INVESTIGATION)
    return last_close.from_stage


def case_allowed_stages(case: Case) -> list[str]:
    """Where a case may move next."""
    if case.is_closed:
        return [stage_reopen_target(case)]
    return [s for s in CaseStage.values if s in STAGE_TRANSITIONS[case.stage]]


def case_change_stage(*, actor: Actor, case: Case, to_stage: str, reason: str) -> CaseStageChange:
    """Move a case along the chain, with the reason (leads only). Only the allowed moves
    are possible; a closed case reopens only into the stage it was closed from."""
    if not can_change_case(actor, case):
        raise PermissionDenied(_("Only the leads of a case may change its stage."))
    reason = _reason(reason)
    if to_stage not in case_allowed_stages(case):
        raise ValidationError(
            {
                "to_stage": [
                    _("A case in stage “%(from)s” cannot move to “%(to)s”.")
                    % {
                        "from": case.stage_label,
                        "to": CaseStage(to_stage).label
                        if to_stage in CaseStage.values
                        else to_stage,
                    }
                ]
            }
        )
    change = CaseStageChange(
        case=case,
        from_stage=case.stage,
        to_stage=to_stage,
        reason=reason,
        changed_by_id=actor_user_id(actor),
    )
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.stage != case.stage:
            raise ValidationError(_("The case changed meanwhile: reload it and try again."))
        change.save()
        case.stage, case.updated_at = to_stage, timezone.now()
        case.save(update_fields=["stage", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=case,
            justification=reason,
            details={
                "stage": {"from": change.from_stage, "to": to_stage},
                "reopened": change.from_stage == CaseStage.CLOSED,
            },
        )
    return change


def case_add_participant(
    *,
    actor: Actor,
    case: Case,
    role: str,
    institution: Institution | None = None,
    user: User | None = None,
) -> CaseParticipant:
    """Add an institution (all its operational users) or one person to a case (leads)."""
    if not can_change_case(actor, case):
        raise PermissionDenied(_("Only the leads of a case may change its participants."))
    if (institution is None) == (user is None):
        raise ValidationError(_("Name either an institution or a person."))
    if role not in ParticipantRole.values:
        raise ValidationError({"role": [_("Choose one of the allowed values.")]})
    if user is not None and (not user.is_active or not set(user.role_codes) & OPERATIONAL_ROLES):
        raise ValidationError({"user": [_("This person has no operational role.")]})
    existing = CaseParticipant.objects.filter(case=case)
    if (institution is not None and existing.filter(institution=institution).exists()) or (
        user is not None and existing.filter(user=user).exists()
    ):
        raise ValidationError(_("This participant already takes part in the case."))
    participant = CaseParticipant(
        case=case, institution=institution, user=user, role=role, added_by_id=actor_user_id(actor)
    )
    with transaction.atomic():
        participant.save()
        audit_record(
            actor=actor,
            action=AuditAction.DISCLOSE,
            obj=case,
            recipients=[f"institution:{institution.pk}" if institution else f"user:{user.pk}"],  # type: ignore[union-attr]
            details={"participant_added": participant.pk, "role": role},
        )
    return participant


def case_take_lead(*, actor: Actor, case: Case, reason: str) -> CaseParticipant:
    """A prosecutor taking part in a case that reached the prosecution (or the trial) takes
    its lead for their institution: the case hands off from the police to the prosecution.
    The institutions that led it keep leading with them."""
    if not can_take_case_lead(actor, case) or actor.institution_id is None:
        raise PermissionDenied(
            _("A prosecutor taking part in the case takes its lead once it is prosecuted.")
        )
    reason = _reason(reason)
    with transaction.atomic():
        participant = (
            CaseParticipant.objects.select_for_update()
            .filter(case=case, institution_id=actor.institution_id)
            .first()
        )
        before = participant.role if participant is not None else ""
        if participant is None:
            participant = CaseParticipant.objects.create(
                case=case,
                institution_id=actor.institution_id,
                role=ParticipantRole.LEAD,
                added_by_id=actor_user_id(actor),
            )
        elif before == ParticipantRole.LEAD:
            raise ValidationError(_("Your institution already leads this case."))
        else:
            participant.role = ParticipantRole.LEAD
            participant.save(update_fields=["role"])
        case.updated_at = timezone.now()
        case.save(update_fields=["updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=case,
            justification=reason,
            details={"lead_taken": actor.institution_id, "role_before": before},
        )
    return participant


def case_remove_participant(*, actor: Actor, participant: CaseParticipant) -> None:
    """Remove a participant (leads). The owner institution stays: a case always has it."""
    case = participant.case
    if not can_change_case(actor, case):
        raise PermissionDenied(_("Only the leads of a case may change its participants."))
    if participant.institution_id == case.owner_institution_id:
        raise ValidationError(_("The owner institution always takes part in its case."))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=case,
            details={
                "participant_removed": participant.pk,
                "institution": participant.institution_id,
                "user": participant.user_id,
            },
        )
        participant.delete()


def case_link_entity(
    *, actor: Actor, case: Case, entity: Entity, justification: str, note: str = ""
) -> CaseEntity:
    """Bring a record into a case. Its participants will see it (special categories
    included), which discloses it: only its owner institution may do so, for a reason."""
    if not can_contribute_to_case(actor, case):
        raise PermissionDenied(_("Only the leads and members of a case may link records."))
    if not can(actor, "disclose", entity):
        raise ValidationError(
            {"entity": [_("Only the owner institution of a record may bring it into a case.")]}
        )
    justification = justification.strip()
    if not justification:
        raise ValidationError({"justification": [_("A justification is required.")]})
    if CaseEntity.objects.filter(case=case, entity=entity).exists():
        raise ValidationError({"entity": [_("This record is already linked to the case.")]})
    link = CaseEntity(
        case=case, entity=entity, added_by_id=actor_user_id(actor), note=note.strip()[:500]
    )
    with transaction.atomic():
        link.save()
        audit_record(
            actor=actor,
            action=AuditAction.DISCLOSE,
            obj=entity,
            justification=justification,
            recipients=[f"case:{case.pk}"],
            details={"case": case.pk, "reference": case.reference},
            personal_data=entity.schema == "Person",
        )
    return link


def case_unlink_entity(*, actor: Actor, link: CaseEntity, reason: str) -> None:
    """Take a record out of a case (its owner institution, or a lead of the case)."""
    case = link.case
    if not (can_change_case(actor, case) or can(actor, "change", link.entity)):
        raise PermissionDenied(_("You may not take this record out of the case."))
    reason = _reason(reason)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=case,
            justification=reason,
            details={"entity_unlinked": link.entity_id},
        )
        link.delete()


def case_consult(*, actor: Actor, case: Case, details: dict[str, Any] | None = None) -> None:
    """Record that the actor opened a case (its linked records are personal data). The
    case is the purpose: its reference is the justification."""
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        obj=case,
        justification=_("Case %(reference)s") % {"reference": case.reference},
        details=details or {},
        personal_data=True,
    )
