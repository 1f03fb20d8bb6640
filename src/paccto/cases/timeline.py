"""One timeline of a case along the criminal chain, gathered from every app that has
something to say about it.

The cases app contributes its own stage changes; the apps further down the chain (judicial
requests, court outcomes, prison admissions, messages...) register a source in their
``AppConfig.ready()``. A source answers for one actor and one case already obtained through
``case_get`` (so the actor takes part in it), and returns only events of records that the
actor may see: the timeline never reveals a record through its date or its title.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from paccto.cases.models import Case
    from paccto.core.permissions import Actor


@dataclass(frozen=True)
class TimelineEvent:
    """Something that happened to a case: when, in which lane, what, and by whom."""

    at: datetime
    lane: str  # a TimelineLane value
    title: str
    detail: str = ""
    who: str = ""
    url: str = ""

    @property
    def lane_label(self) -> str:
        from paccto.cases.choices import TimelineLane

        return str(TimelineLane(self.lane).label)


TimelineSource = Callable[["Actor", "Case"], Iterable[TimelineEvent]]
_sources: list[TimelineSource] = []


def register_case_timeline_source(source: TimelineSource) -> None:
    """Add a source of events to every case's timeline (once per source)."""
    if source not in _sources:
        _sources.append(source)


def timeline_sources() -> tuple[TimelineSource, ...]:
    return tuple(_sources)
