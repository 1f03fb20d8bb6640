"""Hit/no-hit checks: is this person known anywhere on the platform?

A check names a person (names, date of birth, nationality, sex, document) and states why.
Each hit gives the owner institution, the record's reference and a score band; the record
itself only to those entitled to see it. Special categories (victims, witnesses, minors,
informants) are hits for their owner only. Owners are told of every hit on their records;
checks are audited and limited per user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.explanations import ExplainedFeature, features_explained
from paccto.core.permissions import Actor, visible_to
from paccto.entities.models import Entity
from paccto.hits.index import entity_pk, hit_index
from paccto.hits.models import Band, HitNotification, HitQuery
from paccto.hits.permissions import can_check_hits
from paccto.matching.compare import Feature, PersonRecord
from paccto.matching.documents import document_key

QUERY_FIELDS = (
    "full_name",
    "given_name",
    "surname",
    "second_surname",
    "date_of_birth",
    "nationality",
    "gender",
    "document_number",
)
MAX_FIELD = 200
SEARCH_DEPTH = 30  # hits read from the index before the rules below drop some
MAX_HITS = 10


class RateLimited(Exception):
    """Too many checks by one user: bulk harvesting is stopped."""


@dataclass(frozen=True)
class HitResult:
    reference: str
    owner_institution: str
    owner_country: str
    band: str
    band_label: str
    entitled: bool
    notification_id: int | None = None
    entity_id: int | None = None
    caption: str = ""
    probability: float | None = None
    features: tuple[Feature, ...] = field(default_factory=tuple)

    @property
    def explained_features(self) -> list[ExplainedFeature]:
        """The evidence with its labels and explanations in the active language."""
        return features_explained(self.features)


def band_for(probability: float) -> str:
    if probability >= 0.9:
        return Band.HIGH
    if probability >= 0.7:
        return Band.MEDIUM
    return Band.LOW


def _clean_query(query: dict[str, Any]) -> PersonRecord:
    values = {k: str(query.get(k) or "").strip() for k in QUERY_FIELDS}
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        if len(value) > MAX_FIELD:
            errors[name] = [_("The text is too long.")]
    dob = values["date_of_birth"]
    if dob and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", dob):
        errors["date_of_birth"] = [_("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD.")]
    nationality = values["nationality"].upper()
    if nationality and not re.fullmatch(r"[A-Z]{2}", nationality):
        errors["nationality"] = [_("Enter a two-letter ISO country code.")]
    values["nationality"] = nationality
    record = PersonRecord(**values)
    # A name or a number as the engine reads them: N.N., Desconocido or S/N, written where
    # nothing is known, are none (and would answer "no hit" to a check of nobody).
    has_name = (values["full_name"] or (values["given_name"] and values["surname"])) and any(
        reading.all_words for reading in record.names
    )
    if not has_name and not document_key(values["document_number"]):
        errors.setdefault(
            "surname",
            [_("Give a full name, a given name and a surname, or a document number.")],
        )
    if errors:
        raise ValidationError(errors)
    return record


def rate_limit(events: QuerySet[Any], *, per_hour: int, per_day: int) -> None:
    """Refuse (``RateLimited``) once one user's checks (rows with an ``at`` time: hit/no-hit
    checks, protection order verifications...) reach the hourly or daily limit."""
    now = timezone.now()
    if events.filter(at__gte=now - timedelta(hours=1)).count() >= per_hour:
        raise RateLimited(_("Too many checks in the last hour. Try again later."))
    if events.filter(at__gte=now - timedelta(days=1)).count() >= per_day:
        raise RateLimited(_("Too many checks today. Try again tomorrow."))


def _check_rate(user_id: int) -> None:
    rate_limit(
        HitQuery.objects.filter(user_id=user_id),
        per_hour=settings.PACCTO_HITS_PER_HOUR,
        per_day=settings.PACCTO_HITS_PER_DAY,
    )


def hit_check(*, actor: Actor, query: dict[str, Any], justification: str) -> list[HitResult]:
    """Check a person against every institution's records, and tell the owners."""
    if not can_check_hits(actor) or actor.user_id is None or actor.institution_id is None:
        raise PermissionDenied(_("You may not run hit/no-hit checks."))
    justification = justification.strip()[:500]
    if not justification:
        raise ValidationError({"justification": [_("A justification is required.")]})
    record = _clean_query(query)
    _check_rate(actor.user_id)
    best: dict[int, Any] = {}
    threshold = settings.PACCTO_HIT_THRESHOLD
    index = hit_index()
    for hit in index.search(record, limit=SEARCH_DEPTH, threshold=threshold):
        pk = entity_pk(hit.record_id)
        if pk not in best or hit.probability > best[pk].probability:
            best[pk] = hit
    entities = {
        e.pk: e
        for e in Entity.objects.filter(
            pk__in=best, pending=False, merged_into__isnull=True, schema="Person"
        ).select_related("owner_institution")
    }
    # Victims, witnesses, minors and informants are hits for their owner only.
    kept = [
        (entities[pk], hit)
        for pk, hit in sorted(best.items(), key=lambda item: -item[1].probability)
        if pk in entities
        and (
            not entities[pk].special_category
            or entities[pk].owner_institution_id == actor.institution_id
        )
    ][:MAX_HITS]
    if not kept and index.too_common(record):
        # Some persons with this name were not looked at (the index reads no list that
        # long): "no hit" would wrongly reassure. Decided on the hits shown, so that hidden
        # special-category hits answer exactly as no hit does. Still a check: counted for
        # the rate limit (else names could be probed without limit) and audited.
        with transaction.atomic():
            _record_check(actor, record, justification, [], answer=HitQuery.Answer.TOO_COMMON)
        raise ValidationError(
            {
                "date_of_birth": [
                    _(
                        "So many persons have this name that it cannot be checked alone: "
                        "add a date of birth or a document number."
                    )
                ]
            }
        )
    entitled = set(
        visible_to(actor, Entity)
        .filter(pk__in=[e.pk for e, _h in kept])
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        check = _record_check(actor, record, justification, [e for e, _h in kept])
        notifications = {
            entity.pk: HitNotification.objects.create(
                query=check,
                entity=entity,
                owner_institution_id=entity.owner_institution_id,
                band=band_for(hit.probability),
            )
            for entity, hit in kept
            if entity.owner_institution_id != actor.institution_id
        }
        _notify_owners(actor, list(notifications.values()))
    results = []
    for entity, hit in kept:
        band = band_for(hit.probability)
        shown = entity.pk in entitled
        notification = notifications.get(entity.pk)
        results.append(
            HitResult(
                reference=entity.reference,
                owner_institution=entity.owner_institution.name,
                owner_country=entity.owner_institution.country_id,
                band=band,
                band_label=str(Band(band).label),
                entitled=shown,
                notification_id=notification.pk if notification else None,
                entity_id=entity.pk if shown else None,
                caption=entity.caption if shown else "",
                probability=round(hit.probability, 4) if shown else None,
                features=hit.comparison.features if shown else (),
            )
        )
    return results


def _record_check(
    actor: Actor,
    record: PersonRecord,
    justification: str,
    hits: list[Entity],
    answer: HitQuery.Answer = HitQuery.Answer.ANSWERED,
) -> HitQuery:
    """The row that counts a check for the rate limit, and its audit entry (which fields
    were given, the references hit; ``answer``: why no hits could be given, if so)."""
    assert actor.user_id is not None and actor.institution_id is not None  # (hit_check)
    check = HitQuery.objects.create(
        user_id=actor.user_id,
        institution_id=actor.institution_id,
        hit_count=len(hits),
        justification=justification,
        answer=answer,
    )
    details: dict[str, Any] = {
        "fields": sorted(k for k in QUERY_FIELDS if getattr(record, k)),
        "hits": [entity.reference for entity in hits],
    }
    if answer == HitQuery.Answer.TOO_COMMON:
        details["answer"] = "too common"
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        object_type="hits.hitquery",
        object_id=str(check.pk),
        justification=justification,
        details=details,
        personal_data=True,
    )
    return check


def _notify_owners(actor: Actor, notifications: list[HitNotification]) -> None:
    """Tell the owners' operational users of each hit on their records, under the bell and
    by e-mail (the reference and who checked; never the query)."""
    from django.urls import reverse

    from paccto.core.models import Institution
    from paccto.exchange.choices import NotificationKind
    from paccto.exchange.services import notify_institutions

    if not notifications:
        return
    checker = Institution.objects.get(pk=actor.institution_id or 0)
    for notification in notifications:
        notify_institutions(
            institution_ids=[notification.owner_institution_id],
            kind=NotificationKind.HIT,
            url=reverse("hits:notification_list"),
            reference=notification.entity.reference,
            institution_name=checker.name,
        )


def hit_record_request(*, actor: Actor, notification: HitNotification) -> HitNotification:
    """Ask the owner for the record behind a hit (one click; the owner sees the request)."""
    if notification.requested_at is None:
        notification.requested_at = timezone.now()
        with transaction.atomic():
            notification.save(update_fields=["requested_at"])
            audit_record(
                actor=actor,
                action=AuditAction.CONSULT,
                obj=notification,
                details={"request": "record", "reference": notification.entity.reference},
            )
    return notification


def hit_notifications_seen(*, actor: Actor) -> int:
    """Mark the hits on the actor's institution's records as seen."""
    return (
        visible_to(actor, HitNotification)
        .filter(seen_at__isnull=True)
        .update(seen_at=timezone.now())
    )
