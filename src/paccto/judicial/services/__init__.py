"""Writes of judicial cooperation (the only code that writes): ``requests`` (drafting,
persons and assets, human-rights answers), ``steps`` (the state machine, deadlines, the
clock), ``attachments``, ``judgments`` (court outcomes), ``notifications``, ``access``
(audited reads and refusals) and ``reference`` (the shipped reference data)."""

from paccto.judicial.services.access import (
    judgment_consult,
    judicial_access_refused,
    judicial_deny,
    judicial_refusal_record,
    judicial_refuse,
    judicial_request_consult,
)
from paccto.judicial.services.attachments import (
    RequestFileIntegrityError,
    request_attachment_open,
    request_attachments_add,
)
from paccto.judicial.services.judgments import (
    JudgmentValues,
    judgment_mark_final,
    judgment_record,
)
from paccto.judicial.services.reference import judicial_reference_load
from paccto.judicial.services.requests import (
    RequestValues,
    judicial_request_create,
    judicial_request_update,
    request_entity_add,
    request_values,
    safeguards_answer,
    safeguards_missing,
    safeguards_required_for,
)
from paccto.judicial.services.steps import (
    judicial_clock_run,
    judicial_request_transition,
    request_deadline_extend,
)

__all__ = [
    "JudgmentValues",
    "RequestFileIntegrityError",
    "RequestValues",
    "judgment_consult",
    "judgment_mark_final",
    "judgment_record",
    "judicial_access_refused",
    "judicial_clock_run",
    "judicial_deny",
    "judicial_reference_load",
    "judicial_refusal_record",
    "judicial_refuse",
    "judicial_request_consult",
    "judicial_request_create",
    "judicial_request_transition",
    "judicial_request_update",
    "request_attachment_open",
    "request_attachments_add",
    "request_deadline_extend",
    "request_entity_add",
    "request_values",
    "safeguards_answer",
    "safeguards_missing",
    "safeguards_required_for",
]
