"""Court outcomes of cases: a judgment recorded by the judges and prosecutors taking part in
the case (the court, the date, the outcome, the sentence, fines and confiscation, whether it
is final), and the day it becomes final. Bad input is refused, audited, and changes
nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.cases.models import Case
from paccto.core.choices import Sector
from paccto.core.models import Institution
from paccto.core.permissions import Actor, can
from paccto.entities.models import Entity
from paccto.judicial.choices import SENTENCES_WITH_LENGTH, Finality, JudgmentType, SentenceType
from paccto.judicial.models import Judgment
from paccto.judicial.permissions import can_record_judgment_in
from paccto.judicial.services.access import Errors, judicial_deny, judicial_refuse

JUDGMENT = "judicial.judgment"
MAX_MONTHS = 12 * 100
MAX_FINE = Decimal("1000000000000")
NO_SENTENCE_OUTCOMES = frozenset({JudgmentType.ACQUITTAL, JudgmentType.DISMISSAL})


@dataclass
class JudgmentValues:
    """What a judgment decided, as recorded."""

    court: Institution | None
    judgment_date: date | None
    judgment_type: str
    offences: str = ""
    court_reference: str = ""
    defendant: Entity | None = None
    sentence_type: str = SentenceType.NONE
    sentence_months: int | None = None
    sentence_days: int | None = None
    fine_amount: Decimal | None = None
    fine_currency: str = ""
    confiscation_ordered: bool = False
    confiscation_details: str = ""
    finality: str = Finality.APPEALABLE
    final_on: date | None = None


def _check_final(
    errors: Errors, finality: str, final_on: date | None, day: date | None, today: date
) -> None:
    if finality == Finality.FINAL:
        if final_on is None:
            errors.add("final_on", _("Give the day the judgment became final."))
        elif day and final_on < day:
            errors.add("final_on", _("A judgment becomes final on or after the day it is given."))
        elif final_on > today:
            errors.add("final_on", _("This date is in the future."))
    elif final_on is not None:
        errors.add("final_on", _("Only a final judgment has a day it became final."))


def _check_sentence(errors: Errors, v: JudgmentValues) -> None:
    if v.sentence_type not in SentenceType.values:
        errors.add("sentence_type", _("Choose one of the allowed values."))
        return
    if v.judgment_type in NO_SENTENCE_OUTCOMES and (
        v.sentence_type != SentenceType.NONE or v.fine_amount
    ):
        errors.add(
            "sentence_type", _("An acquittal or a dismissal carries no sentence and no fine.")
        )
    months, days = v.sentence_months or 0, v.sentence_days or 0
    if v.sentence_type in SENTENCES_WITH_LENGTH:
        if months <= 0 and days <= 0:
            errors.add("sentence_months", _("Give the length of the sentence (months and days)."))
        elif months > MAX_MONTHS or days > 366:
            errors.add("sentence_months", _("This length is out of range."))
    elif months or days:
        errors.add("sentence_months", _("This sentence has no length."))
    if v.sentence_type == SentenceType.FINE_ONLY and not v.fine_amount:
        errors.add("fine_amount", _("Give the amount of the fine."))
    if v.fine_amount is not None:
        if v.fine_amount <= 0 or v.fine_amount >= MAX_FINE:
            errors.add("fine_amount", _("This amount is out of range."))
        if not re.fullmatch(r"[A-Z]{3}", v.fine_currency or ""):
            errors.add(
                "fine_currency", _("Give the currency as its three-letter code (EUR, COP...).")
            )
    elif v.fine_currency:
        errors.add("fine_amount", _("Give the amount of the fine."))
    if v.confiscation_ordered and not v.confiscation_details:
        errors.add("confiscation_details", _("Say what is confiscated."))


def judgment_values_check(actor: Actor, v: JudgmentValues, today: date) -> Errors:
    """Every error of a judgment's values (nothing written); cleans texts in place."""
    errors = Errors()
    v.offences = str(v.offences or "").strip()
    v.court_reference = str(v.court_reference or "").strip()
    v.confiscation_details = str(v.confiscation_details or "").strip()
    v.fine_currency = str(v.fine_currency or "").strip().upper()
    if v.court is None:
        errors.add("court", _("Choose a court of the directory."))
    elif v.court.sector != Sector.JUDICIARY:
        errors.add("court", _("Choose a court (an institution of the judiciary)."))
    if v.judgment_date is None:
        errors.add("judgment_date", _("This field is required."))
    elif v.judgment_date > today:
        errors.add("judgment_date", _("This date is in the future."))
    if v.judgment_type not in JudgmentType.values:
        errors.add("judgment_type", _("Choose one of the allowed values."))
    if not v.offences:
        errors.add("offences", _("This field is required."))
    for key, text, limit in (
        ("offences", v.offences, 1000),
        ("court_reference", v.court_reference, 100),
        ("confiscation_details", v.confiscation_details, 2000),
    ):
        if len(text) > limit:
            errors.add(key, _("The text is too long."))
    _check_sentence(errors, v)
    if v.finality not in Finality.values:
        errors.add("finality", _("Choose one of the allowed values."))
    else:
        _check_final(errors, v.finality, v.final_on, v.judgment_date, today)
    if v.defendant is not None and (
        v.defendant.schema != "Person"
        or v.defendant.merged_into_id
        or not can(actor, "view", v.defendant)
    ):
        errors.add("defendant", _("Choose a person of the entity store you may see."))
    return errors


def judgment_record(
    *, actor: Actor, case: Case, values: JudgmentValues, today: date | None = None
) -> Judgment:
    """Record a court outcome of a case (judges and prosecutors of a lead or member
    participant)."""
    if not can_record_judgment_in(actor, case):
        judicial_deny(
            actor=actor,
            event="judgment_record",
            message=_(
                "Only the judges and prosecutors taking part in the case record its judgments."
            ),
            obj=case,
        )
    errors = judgment_values_check(actor, values, today or timezone.localdate())
    if errors:
        judicial_refuse(actor=actor, event="judgment_record", errors=errors, obj=case)
    assert actor.user_id is not None and actor.institution_id is not None
    assert values.court is not None and values.judgment_date is not None
    judgment = Judgment(
        case=case,
        court=values.court,
        court_reference=values.court_reference,
        judgment_date=values.judgment_date,
        judgment_type=values.judgment_type,
        defendant=values.defendant,
        defendant_caption=values.defendant.caption[:300] if values.defendant else "",
        offences=values.offences,
        sentence_type=values.sentence_type,
        sentence_months=values.sentence_months or None,
        sentence_days=values.sentence_days or None,
        fine_amount=values.fine_amount,
        fine_currency=values.fine_currency,
        confiscation_ordered=values.confiscation_ordered,
        confiscation_details=values.confiscation_details,
        finality=values.finality,
        final_on=values.final_on,
        recorded_by_id=actor.user_id,
        recorded_institution_id=actor.institution_id,
    )
    with transaction.atomic():
        judgment.save()
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=judgment,
            justification=case.reference,
            details={
                "case": case.pk,
                "court": values.court.key,
                "outcome": values.judgment_type,
                "sentence": values.sentence_type,
                "finality": values.finality,
                "defendant": values.defendant.reference if values.defendant else None,
            },
            personal_data=values.defendant is not None,
        )
    return judgment


def judgment_mark_final(
    *, actor: Actor, judgment: Judgment, final_on: date | None, today: date | None = None
) -> Judgment:
    """Record the day a judgment became final (no appeal left)."""
    if not can(actor, "record", judgment):
        judicial_deny(
            actor=actor,
            event="judgment_final",
            message=_(
                "Only the judges and prosecutors taking part in the case record its judgments."
            ),
            obj=judgment,
        )
    errors = Errors()
    if judgment.finality == Finality.FINAL:
        errors.add("__all__", _("This judgment is already final."))
    else:
        _check_final(
            errors, Finality.FINAL, final_on, judgment.judgment_date, today or timezone.localdate()
        )
    if errors:
        judicial_refuse(actor=actor, event="judgment_final", errors=errors, obj=judgment)
    with transaction.atomic():
        judgment.finality, judgment.final_on = Finality.FINAL, final_on
        judgment.save(update_fields=["finality", "final_on"])
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=judgment,
            details={"event": "final", "final_on": str(final_on)},
        )
    return judgment
