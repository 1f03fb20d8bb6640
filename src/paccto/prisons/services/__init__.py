"""Writes of prisons (the only code that writes): inmates and their custody, affiliation,
separation orders, release watches and alerts, intelligence reports (through secure
exchange), transfers of sentenced persons, and the academies' training. Every write is
audited in its transaction; refused steps are audited too."""

from paccto.prisons.services.academy import (
    enrolment_complete,
    enrolment_create,
    enrolment_withdraw,
    rap_catalogue_load,
    session_create,
)
from paccto.prisons.services.access import (
    inmate_consult,
    inmate_search_record,
    prisons_access_refused,
    prisons_refuse,
)
from paccto.prisons.services.inmates import (
    affiliation_add,
    affiliation_end,
    inmate_admit,
    inmate_move,
    inmate_release,
    inmate_update,
    separation_order_add,
    separation_order_lift,
)
from paccto.prisons.services.reports import prison_report_send
from paccto.prisons.services.transfers import (
    STEP_NAMES,
    TransferDocumentIntegrityError,
    transfer_document_add,
    transfer_document_open,
    transfer_open,
    transfer_step,
)
from paccto.prisons.services.watches import (
    alerts_for_event,
    release_alerts_run,
    watch_create,
    watch_end,
)

__all__ = [
    "STEP_NAMES",
    "TransferDocumentIntegrityError",
    "affiliation_add",
    "affiliation_end",
    "alerts_for_event",
    "enrolment_complete",
    "enrolment_create",
    "enrolment_withdraw",
    "inmate_admit",
    "inmate_consult",
    "inmate_move",
    "inmate_release",
    "inmate_search_record",
    "inmate_update",
    "prison_report_send",
    "prisons_access_refused",
    "prisons_refuse",
    "rap_catalogue_load",
    "release_alerts_run",
    "separation_order_add",
    "separation_order_lift",
    "session_create",
    "transfer_document_add",
    "transfer_document_open",
    "transfer_open",
    "transfer_step",
    "watch_create",
    "watch_end",
]
