"""Prisons: inmates with their custody history, organised-crime affiliation, separation
orders and release watches; prison intelligence reports (sent through secure exchange);
transfers of sentenced persons between states; the prison academies' training."""

from paccto.prisons.models.academy import Course, CourseSession, Enrolment
from paccto.prisons.models.inmates import (
    Affiliation,
    Inmate,
    InmateEvent,
    PrisonReport,
    ReleaseAlert,
    ReleaseWatch,
    SeparationOrder,
)
from paccto.prisons.models.transfers import TransferDocument, TransferDossier, TransferStep

__all__ = [
    "Affiliation",
    "Course",
    "CourseSession",
    "Enrolment",
    "Inmate",
    "InmateEvent",
    "PrisonReport",
    "ReleaseAlert",
    "ReleaseWatch",
    "SeparationOrder",
    "TransferDocument",
    "TransferDossier",
    "TransferStep",
]
