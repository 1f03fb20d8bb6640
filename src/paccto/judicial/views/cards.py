"""The judicial cards other pages show: on the dashboard (counts of the institution's open,
overdue and draft requests) and on a case's page (its requests and judgments)."""

from __future__ import annotations

from typing import Any

from paccto.cases.models import Case
from paccto.core.permissions import Actor
from paccto.judicial import selectors
from paccto.judicial.permissions import (
    can_create_judicial_request,
    can_record_judgment_in,
    can_use_judicial,
)


def dashboard_card(actor: Actor) -> dict[str, Any] | None:
    """Counts for judges, prosecutors and the other operational users (one query)."""
    if not can_use_judicial(actor):
        return None
    return {
        "template": "judicial/partials/dashboard_card.html",
        "counts": selectors.judicial_counts(actor=actor),
    }


def case_card(actor: Actor, case: Case) -> dict[str, Any] | None:
    """The requests and judgments of a case that the actor may see, and what they may add."""
    requests = list(selectors.judicial_request_list(actor=actor, case=case)[:50])
    judgments = list(selectors.judgment_list(actor=actor, case=case)[:50])
    can_request = can_create_judicial_request(actor)
    can_judge = can_record_judgment_in(actor, case)
    if not (requests or judgments or can_request or can_judge):
        return None
    return {
        "template": "judicial/partials/case_card.html",
        "requests": requests,
        "judgments": judgments,
        "can_request": can_request,
        "can_judge": can_judge,
    }
