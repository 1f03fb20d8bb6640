"""Writes of the policy cycle (services): the cycle's structure and threat assessments, and
indicator entries."""

from paccto.policy.services.cycles import (
    action_create,
    action_update,
    assessment_save,
    cycle_create,
    cycle_next_statuses,
    cycle_status_set,
    goal_create,
    plan_create,
    priority_create,
)
from paccto.policy.services.indicators import (
    EntryData,
    ImportReport,
    entry_check,
    indicator_entry_create,
    indicator_entry_delete,
    indicator_entry_update,
    indicator_import,
    indicator_import_check,
)

__all__ = [
    "EntryData",
    "ImportReport",
    "action_create",
    "action_update",
    "assessment_save",
    "cycle_create",
    "cycle_next_statuses",
    "cycle_status_set",
    "entry_check",
    "goal_create",
    "indicator_entry_create",
    "indicator_entry_delete",
    "indicator_entry_update",
    "indicator_import",
    "indicator_import_check",
    "plan_create",
    "priority_create",
]
