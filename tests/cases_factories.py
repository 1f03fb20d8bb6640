"""Builders for cases and joint investigation teams in tests (synthetic data only)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from faker import Faker

from paccto.cases import services
from paccto.core.permissions import actor_for

fake = Faker(["es_CO", "pt_PT", "fr_FR", "it_IT", "nl_NL", "en_GB"])
Faker.seed(4)

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def make_case(user, reference: str = "CO-2026-001", **kwargs):
    return services.case_create(
        actor=actor_for(user),
        reference=reference,
        title=kwargs.pop("title", "Operación Cóndor"),
        criminal_markets=kwargs.pop("criminal_markets", ["drugs"]),
        **kwargs,
    )


def make_jit(admin, *others, case=None, **kwargs):
    """A team set up by ``admin`` with ``others`` as members; parties are their
    institutions."""
    users = [admin, *others]
    party_ids = sorted({u.institution_id for u in users} | set(kwargs.pop("extra_parties", ())))
    return services.jit_create(
        actor=actor_for(admin),
        name=kwargs.pop("name", "ECI Atlántico"),
        legal_basis=kwargs.pop("legal_basis", "ameripol_2023"),
        purpose=kwargs.pop("purpose", "Cocaine shipments through container ports"),
        start_date=kwargs.pop("start_date", date(2026, 1, 1)),
        end_date=kwargs.pop("end_date", date(2026, 12, 31)),
        party_ids=party_ids,
        members=[(u.username, "") for u in users],
        leader=kwargs.pop("leader", admin.username),
        case=case,
        **kwargs,
    )


def register_evidence(user, jit, files=None, **kwargs):
    return services.evidence_register(
        actor=actor_for(user),
        jit=jit,
        item=kwargs.pop("item", "Mobile phone"),
        evidence_type=kwargs.pop("evidence_type", "digital"),
        description=kwargs.pop("description", "Phone seized at the port of " + fake.city()),
        seized_at=kwargs.pop("seized_at", datetime(2026, 3, 2, 10, 30, tzinfo=UTC)),
        seized_place=kwargs.pop("seized_place", "Cartagena, container terminal"),
        seized_by=kwargs.pop("seized_by", fake.name()),
        files=files if files is not None else [services.Upload("report.pdf", PDF)],
        **kwargs,
    )
