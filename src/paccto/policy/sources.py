"""Indicators counted automatically from the platform's own records.

Apps that hold countable records (cases and joint investigation teams, protection orders,
judicial requests, transfers of sentenced persons) register an ``IndicatorSource`` in their
``AppConfig.ready()``, as they register case-timeline sources. A source counts records in a
period and returns aggregates only (country, criminal market, year, sex, age group, a
number): never a record, never a person. The dashboards and the public statistics page read
every registered source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise


@dataclass(frozen=True)
class SourceCount:
    """A number of records counted by a source for one country, year, set of criminal
    markets (a record of two markets is counted once, under both) and, when people are
    counted, sex and age group (``policy.choices.AgeGroup`` codes)."""

    country: str
    year: int
    value: int
    criminal_markets: tuple[str, ...] = ()
    sex: str = ""
    age_group: str = ""


@dataclass(frozen=True)
class IndicatorSource:
    """A kind of record the platform counts: a stable code, a translated label, whether it
    counts people (then broken down by sex and age group and suppressed when published),
    and the function that counts the records created from ``start`` to ``end``
    inclusive."""

    code: str
    label: str | Promise
    count: Callable[[date, date], Iterable[SourceCount]]
    counts_people: bool = False


_sources: dict[str, IndicatorSource] = {}


def register_indicator_source(source: IndicatorSource) -> None:
    """Add (or replace, by code) a source of automatic indicators."""
    _sources[source.code] = source


def indicator_sources() -> tuple[IndicatorSource, ...]:
    return tuple(_sources[code] for code in sorted(_sources))


def indicator_source(code: str) -> IndicatorSource | None:
    return _sources.get(code)
