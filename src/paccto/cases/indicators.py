"""Automatic indicators of the policy cycle counted from cases and joint investigation
teams: aggregates only (country, criminal market, year)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paccto.policy.sources import IndicatorSource, SourceCount


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end, time.max, tzinfo=tz),
    )


def _counted(counter: Counter) -> Iterator[SourceCount]:
    for (country, markets, year), n in sorted(counter.items()):
        yield SourceCount(country=country, year=year, value=n, criminal_markets=markets)


def cases_opened(start: date, end: date) -> Iterator[SourceCount]:
    """Cases opened, by the owner institution's country, criminal markets and year."""
    from paccto.cases.models import Case

    low, high = _bounds(start, end)
    rows = Case.objects.filter(created_at__range=(low, high)).values_list(
        "owner_institution__country_id", "criminal_markets", "created_at"
    )
    counter: Counter = Counter()
    for country, markets, created in rows.order_by().iterator():
        year = timezone.localtime(created).year
        counter[(country, tuple(sorted(markets or ())), year)] += 1
    return _counted(counter)


def jits_set_up(start: date, end: date) -> Iterator[SourceCount]:
    """Joint investigation teams set up (by start date), once for each country party to
    the agreement, by the criminal markets of the team's case."""
    from paccto.cases.models import Jit

    teams = (
        Jit.objects.filter(start_date__range=(start, end))
        .order_by()
        .prefetch_related("parties__institution")
        .select_related("case")
    )
    counter: Counter = Counter()
    for jit in teams:
        markets = tuple(sorted((jit.case.criminal_markets if jit.case else None) or ()))
        for country in {p.institution.country_id for p in jit.parties.all()}:
            counter[(country, markets, jit.start_date.year)] += 1
    return _counted(counter)


CASES_OPENED = IndicatorSource("cases_opened", _("Cases opened"), cases_opened)
JITS_SET_UP = IndicatorSource("jits_set_up", _("Joint investigation teams set up"), jits_set_up)
