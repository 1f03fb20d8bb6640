"""Writes of cases and joint investigation teams (``cases``: cases; ``messages``: messages
linked to a case; ``jits``: teams, membership, tasks, meetings, closing; ``evidence``:
register and chain of custody)."""

from paccto.cases.services.cases import (
    case_add_participant,
    case_allowed_stages,
    case_change_stage,
    case_consult,
    case_create,
    case_link_entity,
    case_remove_participant,
    case_unlink_entity,
    case_update,
    stage_reopen_target,
)
from paccto.cases.services.evidence import (
    EvidenceIntegrityError,
    custody_record,
    custody_verify_files,
    evidence_change_refuse,
    evidence_consult,
    evidence_file_download,
    evidence_register,
)
from paccto.cases.services.jits import (
    jit_add_member,
    jit_close,
    jit_create,
    jit_meeting_create,
    jit_refuse_if_closed,
    jit_remove_member,
    jit_task_create,
    jit_task_update,
)
from paccto.cases.services.messages import (
    case_link_message,
    case_message_check,
    case_unlink_message,
)
from paccto.core.uploads import Upload

__all__ = [
    "EvidenceIntegrityError",
    "Upload",
    "case_add_participant",
    "case_allowed_stages",
    "case_change_stage",
    "case_consult",
    "case_create",
    "case_link_entity",
    "case_link_message",
    "case_message_check",
    "case_remove_participant",
    "case_unlink_entity",
    "case_unlink_message",
    "case_update",
    "custody_record",
    "custody_verify_files",
    "evidence_change_refuse",
    "evidence_consult",
    "evidence_file_download",
    "evidence_register",
    "jit_add_member",
    "jit_close",
    "jit_create",
    "jit_meeting_create",
    "jit_refuse_if_closed",
    "jit_remove_member",
    "jit_task_create",
    "jit_task_update",
    "stage_reopen_target",
]
