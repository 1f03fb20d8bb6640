"""Loading the reference data of judicial cooperation shipped in ``judicial/reference/``:
legal bases (with the states between which each applies), refusal grounds, deadline rules
and where human-rights safeguards are required. Rows no longer shipped are deactivated
(requests keep theirs); ``paccto load-reference`` runs this in its transaction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from paccto.judicial.models import DeadlineRule, LegalBasis, RefusalGround, SafeguardRule

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"


def _read(name: str, key: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((REFERENCE_DIR / name).read_text(encoding="utf-8"))[key]
    return rows


def judicial_reference_load() -> int:
    """Create or update the judicial reference data; returns how many active rows there
    are in all."""
    keys = []
    for position, row in enumerate(_read("legal_bases.json", "legal_bases")):
        LegalBasis.objects.update_or_create(
            key=row["key"],
            defaults={
                "short_name": row["short_name"],
                "names": row["names"],
                "request_types": row["request_types"],
                "countries": row.get("countries", []),
                "groupings": row.get("groupings", []),
                "needs_detail": row.get("needs_detail", False),
                "note": row.get("note", ""),
                "position": position,
                "active": True,
            },
        )
        keys.append(row["key"])
    LegalBasis.objects.exclude(key__in=keys).update(active=False)
    keys = []
    for position, row in enumerate(_read("refusal_grounds.json", "grounds")):
        RefusalGround.objects.update_or_create(
            key=row["key"],
            defaults={
                "labels": row["labels"],
                "request_types": row.get("request_types", []),
                "needs_explanation": row.get("needs_explanation", False),
                "position": position,
                "active": True,
            },
        )
        keys.append(row["key"])
    RefusalGround.objects.exclude(key__in=keys).update(active=False)
    rule_ids = []
    for position, row in enumerate(_read("deadlines.json", "rules")):
        rule, _ = DeadlineRule.objects.update_or_create(
            instrument=row.get("instrument", ""),
            request_type=row.get("request_type", ""),
            urgency=row.get("urgency", ""),
            phase=row["phase"],
            defaults={
                "hours": row.get("hours"),
                "extension_hours": row.get("extension_hours"),
                "remind_percent": row.get("remind_percent", 20),
                "note": row.get("note", ""),
                "position": position,
                "active": True,
            },
        )
        rule_ids.append(rule.pk)
    DeadlineRule.objects.exclude(pk__in=rule_ids).update(active=False)
    safeguard_ids = []
    for row in _read("safeguards.json", "rules"):
        safeguard, _ = SafeguardRule.objects.update_or_create(
            country=row.get("country", ""),
            request_type=row.get("request_type", ""),
            defaults={"note": row.get("note", ""), "active": True},
        )
        safeguard_ids.append(safeguard.pk)
    SafeguardRule.objects.exclude(pk__in=safeguard_ids).update(active=False)
    return sum(
        model.objects.filter(active=True).count()
        for model in (LegalBasis, RefusalGround, DeadlineRule, SafeguardRule)
    )
