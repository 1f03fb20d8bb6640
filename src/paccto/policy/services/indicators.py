"""Writes of indicator entries: one figure at a time (page, API) or a CSV file checked
first, every row, then imported all-or-nothing or the valid rows only. Every path runs the
same checks: known indicator, the indicator's unit, no negative value, whole numbers for
counts, a period inside the cycle, the breakdowns each indicator needs, no duplicate."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor, can, visible_to
from paccto.policy.choices import (
    KIND_UNITS,
    PEOPLE_KINDS,
    WHOLE_KINDS,
    AgeGroup,
    DrugType,
    IndicatorKind,
    Sex,
    Unit,
)
from paccto.policy.models import Action, IndicatorEntry, PolicyCycle
from paccto.policy.permissions import can_contribute

MAX_VALUE = Decimal("99999999999999.99")
BREAKDOWN = ("drug_type", "sex", "age_group")
CSV_COLUMNS = (
    "plan",
    "action",
    "indicator",
    "unit",
    "value",
    "period_start",
    "period_end",
    "drug_type",
    "sex",
    "age_group",
    "note",
)


@dataclass
class EntryData:
    """One figure as entered, before it is saved."""

    kind: str
    unit: str
    value: Any
    period_start: Any
    period_end: Any
    drug_type: str = ""
    sex: str = ""
    age_group: str = ""
    note: str = ""


def _value(raw: Any, kind: str, errors: dict[str, list[str]]) -> Decimal | None:
    if isinstance(raw, bool):
        errors["value"] = [_("Enter a number.")]
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        errors["value"] = [_("Enter a number.")]
        return None
    if not value.is_finite():
        errors["value"] = [_("Enter a number.")]
    elif value < 0:
        errors["value"] = [_("The value cannot be negative.")]
    elif value > MAX_VALUE:
        errors["value"] = [_("The value is too large.")]
    elif kind in WHOLE_KINDS and value != value.to_integral_value():
        errors["value"] = [_("This indicator is a whole number.")]
    elif value.as_tuple().exponent < -2:  # type: ignore[operator]
        errors["value"] = [_("Enter at most two decimals.")]
    else:
        return value.quantize(Decimal("0.01"))
    return None


def _date(raw: Any, name: str, errors: dict[str, list[str]]) -> date | None:
    if isinstance(raw, date):
        return raw
    parsed = None
    try:
        parsed = parse_date(str(raw or "").strip())
    except ValueError:
        parsed = None
    if parsed is None:
        errors[name] = [_("Enter a valid date (YYYY-MM-DD).")]
    return parsed


def entry_check(
    *, cycle: PolicyCycle, action: Action, country: str, data: EntryData, exclude_pk: int = 0
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The cleaned values of one figure and the errors found, field by field. Nothing is
    written."""
    errors: dict[str, list[str]] = {}
    kind = str(data.kind or "").strip()
    if kind not in IndicatorKind.values:
        errors["kind"] = [_("Unknown indicator.")]
    unit = str(data.unit or "").strip().lower()
    if unit not in Unit.values:
        errors["unit"] = [_("Unknown unit.")]
    elif kind in KIND_UNITS and unit != KIND_UNITS[kind]:
        errors["unit"] = [
            _("This indicator is entered in %(unit)s.") % {"unit": Unit(KIND_UNITS[kind]).label}
        ]
    value = _value(data.value, kind, errors)
    start = _date(data.period_start, "period_start", errors)
    end = _date(data.period_end, "period_end", errors)
    if start and end:
        if end < start:
            errors["period_end"] = [_("The period ends before it starts.")]
        for name, day in (("period_start", start), ("period_end", end)):
            if not cycle.start_date <= day <= cycle.end_date:
                errors.setdefault(name, []).append(
                    _("The period is outside the cycle (%(start)s to %(end)s).")
                    % {"start": cycle.start_date, "end": cycle.end_date}
                )
    drug = str(data.drug_type or "").strip()
    sex = str(data.sex or "").strip()
    age = str(data.age_group or "").strip()
    if kind == IndicatorKind.DRUGS:
        if drug not in DrugType.values:
            errors["drug_type"] = [_("Choose the type of drug.")]
    elif drug:
        errors["drug_type"] = [_("Only drug seizures have a drug type.")]
    if kind in PEOPLE_KINDS:
        if sex not in Sex.values:
            errors["sex"] = [_("Choose the sex of the people counted (or not known).")]
        if age not in AgeGroup.values:
            errors["age_group"] = [_("Choose the age group of the people counted.")]
    else:
        if sex:
            errors["sex"] = [_("Only counts of people are broken down by sex.")]
        if age:
            errors["age_group"] = [_("Only counts of people are broken down by age group.")]
    cleaned = {
        "kind": kind,
        "unit": unit,
        "value": value,
        "period_start": start,
        "period_end": end,
        "drug_type": drug,
        "sex": sex,
        "age_group": age,
        "note": str(data.note or "").strip()[:500],
    }
    if not errors:
        duplicate = IndicatorEntry.objects.filter(
            action=action,
            country_id=country,
            **{k: cleaned[k] for k in ("kind", "period_start", "period_end", *BREAKDOWN)},
        ).exclude(pk=exclude_pk)
        if duplicate.exists():
            errors["kind"] = [
                _(
                    "This figure was entered already for this action, country and period: "
                    "correct the existing entry."
                )
            ]
    return cleaned, errors


def _reporter(actor: Actor, action: Action) -> str:
    if not can_contribute(actor) or actor.country_id is None or actor.user_id is None:
        raise PermissionDenied(_("Only policy coordinators enter indicators."))
    if not can(actor, "report", action):
        raise PermissionDenied(_("Your country takes no part in this action plan."))
    return actor.country_id


def indicator_entry_create(*, actor: Actor, action: Action, data: EntryData) -> IndicatorEntry:
    """Record one figure of the actor's country for an action."""
    country = _reporter(actor, action)
    user_id = actor.user_id
    assert user_id is not None  # _reporter refuses anonymous actors
    cycle = action.plan.priority.cycle
    cleaned, errors = entry_check(cycle=cycle, action=action, country=country, data=data)
    if errors:
        raise ValidationError(errors)
    entry = IndicatorEntry(action=action, country_id=country, entered_by_id=user_id, **cleaned)
    entry.full_clean(validate_constraints=False)
    with transaction.atomic():
        entry.save()
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=entry,
            details={"kind": entry.kind, "value": str(entry.value)},
        )
    return entry


def indicator_entry_update(
    *, actor: Actor, entry: IndicatorEntry, data: EntryData
) -> IndicatorEntry:
    """Correct a figure (coordinators of its country)."""
    if not can(actor, "change", entry):
        raise PermissionDenied(_("You may not change this figure."))
    action = entry.action
    cleaned, errors = entry_check(
        cycle=action.plan.priority.cycle,
        action=action,
        country=entry.country_id,
        data=data,
        exclude_pk=entry.pk,
    )
    if errors:
        raise ValidationError(errors)
    for name, value in cleaned.items():
        setattr(entry, name, value)
    entry.updated_at = timezone.now()
    with transaction.atomic():
        entry.save(update_fields=[*cleaned, "updated_at"])
        audit_record(
            actor=actor, action=AuditAction.ALTER, obj=entry, details={"value": str(entry.value)}
        )
    return entry


def indicator_entry_delete(*, actor: Actor, entry: IndicatorEntry) -> None:
    """Withdraw a figure entered by mistake (coordinators of its country)."""
    if not can(actor, "change", entry):
        raise PermissionDenied(_("You may not change this figure."))
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.ERASE, obj=entry, details={"kind": entry.kind})
        entry.delete()


# --- CSV import ------------------------------------------------------------------------------


@dataclass
class ImportError_:
    row: int  # the line of the file (the header is line 1)
    field: str
    reason: str


@dataclass
class ImportReport:
    """What a check of a CSV file found: rows that can be imported, and every error with its
    line, column and reason."""

    rows: int = 0
    valid: list[tuple[Action, EntryData]] = field(default_factory=list)
    errors: list[ImportError_] = field(default_factory=list)
    imported: int = 0

    @property
    def invalid_rows(self) -> int:
        return len({e.row for e in self.errors})


IMPORT_MODES = ("all", "valid")
CSV_FIELD_FOR = {"kind": "indicator"}


def indicator_import_check(*, actor: Actor, cycle: PolicyCycle, content: bytes) -> ImportReport:
    """Check every row of a CSV file of the actor's country's figures; nothing is written.
    Columns: plan, action (codes), indicator, unit, value, period_start, period_end,
    drug_type, sex, age_group, note."""
    if not can_contribute(actor) or actor.country_id is None:
        raise PermissionDenied(_("Only policy coordinators enter indicators."))
    report = ImportReport()
    if len(content) > settings.PACCTO_POLICY_IMPORT_MAX_BYTES:
        raise ValidationError({"file": [_("The file is too large.")]})
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError({"file": [_("The file is not UTF-8 text.")]}) from exc
    if "\x00" in text:  # no database keeps one (PostgreSQL refuses it)
        raise ValidationError({"file": [_("This is not a text file.")]})
    # line ends \n, \r\n or \r; strict: a quoted field never closed would swallow the rows after it
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
        # Each row with the file's line it ends on (blank lines and notes over several
        # lines counted, as an editor shows them).
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:  # a field over csv.field_size_limit()
        message = _("The file is not valid CSV: %(reason)s") % {"reason": exc}
        raise ValidationError({"file": [message]}) from exc
    missing = [c for c in CSV_COLUMNS[:7] if c not in header]
    if missing:
        raise ValidationError(
            {"file": [_("Columns missing from the header: %s") % ", ".join(missing)]}
        )
    reportable = visible_to(actor, Action, "report").filter(plan__priority__cycle=cycle)
    actions = {(a.plan.code, a.code): a for a in reportable.select_related("plan")}
    seen: set[tuple[Any, ...]] = set()
    for line, raw in rows:
        report.rows += 1
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k}
        action = actions.get((row.get("plan", ""), row.get("action", "")))
        if action is None:
            report.errors.append(
                ImportError_(line, "action", _("No action with this plan and code to report on."))
            )
            continue
        data = EntryData(
            kind=row.get("indicator", ""),
            unit=row.get("unit", ""),
            value=row.get("value", ""),
            period_start=row.get("period_start", ""),
            period_end=row.get("period_end", ""),
            drug_type=row.get("drug_type", ""),
            sex=row.get("sex", ""),
            age_group=row.get("age_group", ""),
            note=row.get("note", ""),
        )
        cleaned, errors = entry_check(
            cycle=cycle, action=action, country=actor.country_id, data=data
        )
        key = (action.pk, *(cleaned[k] for k in ("kind", "period_start", "period_end")))
        key = (*key, *(cleaned[k] for k in BREAKDOWN))
        if not errors and key in seen:
            errors = {"kind": [_("The same figure appears twice in the file.")]}
        for name, messages in errors.items():
            for message in messages:
                report.errors.append(ImportError_(line, CSV_FIELD_FOR.get(name, name), message))
        if not errors:
            seen.add(key)
            report.valid.append((action, data))
    if not report.rows:
        raise ValidationError({"file": [_("The file has no rows.")]})
    return report


def indicator_import(
    *, actor: Actor, cycle: PolicyCycle, content: bytes, mode: str = "all"
) -> ImportReport:
    """Check a CSV file, then import: ``all`` writes nothing unless every row is valid;
    ``valid`` writes the valid rows and reports the others. All rows of one import are
    written in one transaction."""
    if mode not in IMPORT_MODES:
        raise ValidationError({"mode": [_("Choose one of the allowed values.")]})
    report = indicator_import_check(actor=actor, cycle=cycle, content=content)
    if report.errors and (mode == "all" or not report.valid):
        return report
    with transaction.atomic():
        for action, data in report.valid:
            indicator_entry_create(actor=actor, action=action, data=data)
        report.imported = len(report.valid)
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            obj=cycle,
            details={"imported": report.imported, "rejected_rows": report.invalid_rows},
        )
    return report
