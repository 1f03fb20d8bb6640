"""Sections (cards) that other apps add to the case page, as they add events to its
timeline: the judicial requests and court outcomes of the case, its prison admissions...

A section is a function of the actor and a case already obtained through ``case_get``; it
returns the context of its card (with ``template``, the card's template) or None when it
has nothing to show that actor. Like a timeline source, it shows only records the actor
may see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from paccto.cases.models import Case
    from paccto.core.permissions import Actor

CaseSection = Callable[["Actor", "Case"], "dict[str, Any] | None"]
_sections: list[CaseSection] = []


def register_case_section(section: CaseSection) -> None:
    """Add a card to every case page (once per section)."""
    if section not in _sections:
        _sections.append(section)


def case_sections(actor: Actor, case: Case) -> list[dict[str, Any]]:
    """The cards other apps show on a case page for this actor."""
    return [card for card in (section(actor, case) for section in _sections) if card]
