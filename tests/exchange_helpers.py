"""Helpers shared by the secure exchange tests."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from paccto.core.permissions import actor_for
from paccto.exchange import services
from paccto.exchange.models import ClockRule, Message

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)


def rule(instrument: str = "eu-2023-977", urgency: str = "urgent-indirect") -> ClockRule:
    return ClockRule.objects.get(instrument=instrument, urgency=urgency)


def pdf(name: str = "informe.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def send(sender, *recipients, **overrides: Any) -> Message:
    """A message from a user's institution to other users' institutions (a 3-day request
    under Directive 2023/977 unless told otherwise)."""
    values: dict[str, Any] = {
        "message_type": "request",
        "subject": "Solicitud de antecedentes de Juan Pérez",
        "body": "Solicitamos los antecedentes del señor Juan Pérez, nacido en 1980.",
        "recipient_ids": [u.institution_id for u in recipients],
        "handling_code": "H0",
        "clock_rule": rule(),
        "case_reference": "OP-CONDOR-2026/4",
    }
    values.update(overrides)
    if values["message_type"] != "request" and "clock_rule" not in overrides:
        values["clock_rule"] = None
    return services.message_send(actor=actor_for(sender), **values)
