"""Writes to the directory: loading the reference data shipped with the platform."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from django.core.cache import cache
from django.db import transaction

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.models import (
    Country,
    Grouping,
    GroupingMembership,
    Institution,
    Network,
    NetworkMembership,
)
from paccto.core.permissions import SYSTEM, Actor
from paccto.core.selectors import directory_cache_clear

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"

# Other apps' shipped reference data (the exchange's legal clocks...), loaded with the
# directory by ``reference_data_load``: name -> function returning how many rows it has.
_reference_loaders: dict[str, Callable[[], int]] = {}


def register_reference_loader(name: str, loader: Callable[[], int]) -> None:
    """Have ``paccto load-reference`` also load an app's reference data (in the same
    transaction, after the directory)."""
    _reference_loaders[name] = loader


def reference_data_load(*, actor: Actor = SYSTEM) -> dict[str, int]:
    """Create or update countries, groupings, institutions and networks from the shipped
    files. Safe to run again: existing rows are updated, nothing is duplicated."""
    countries = json.loads((REFERENCE_DIR / "countries.json").read_text(encoding="utf-8"))
    directory = json.loads((REFERENCE_DIR / "institutions.json").read_text(encoding="utf-8"))
    with transaction.atomic():
        for row in countries["countries"]:
            Country.objects.update_or_create(
                code=row["code"],
                defaults={
                    "iso3": row["iso3"],
                    "languages": ",".join(row["languages"]),
                    "region": row["region"],
                },
            )
        for row in countries["groupings"]:
            grouping, _ = Grouping.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"]}
            )
            for status, codes in row["members"].items():
                for code in codes:
                    GroupingMembership.objects.update_or_create(
                        grouping=grouping, country_id=code, defaults={"status": status}
                    )
        institutions: dict[str, Institution] = {}
        for row in directory["institutions"]:
            institutions[row["key"]], _ = Institution.objects.update_or_create(
                key=row["key"],
                defaults={
                    "country_id": row["country"],
                    "sector": row["sector"],
                    "name": row["name"],
                    "acronym": row.get("acronym", ""),
                    "city": row.get("city", ""),
                    "website": row.get("website", ""),
                },
            )
        for row in directory["networks"]:
            descriptions = row.get("descriptions") or {"en": row.get("description_en", "")}
            network, _ = Network.objects.update_or_create(
                key=row["key"],
                defaults={
                    "name": row["name"],
                    "full_name": row["full_name"],
                    "scope": row["scope"],
                    "descriptions": descriptions,
                },
            )
            contact_points = set(row.get("contact_points", []))
            network.memberships.exclude(institution__key__in=row["members"]).delete()
            for key in row["members"]:
                NetworkMembership.objects.update_or_create(
                    network=network,
                    institution=institutions[key],
                    defaults={"is_contact_point": key in contact_points},
                )
        counts = {
            "countries": Country.objects.count(),
            "groupings": Grouping.objects.count(),
            "institutions": Institution.objects.count(),
            "networks": Network.objects.count(),
        }
        for name, loader in _reference_loaders.items():
            counts[name] = loader()
        transaction.on_commit(cache.clear)
        transaction.on_commit(directory_cache_clear)
        audit_record(
            actor=actor,
            action=AuditAction.COLLECT,
            object_type="core.reference",
            details={"event": "reference_loaded", **counts},
        )
    return counts
