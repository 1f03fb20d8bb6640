"""Automatic indicators of the policy cycle counted from judicial cooperation: requests sent
(drafts never count), by the requesting state, the kind of request's criminal markets and
the year sent. Aggregates only: never a request, never a person named on one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paccto.policy.sources import IndicatorSource, SourceCount


def judicial_requests_sent(start: date, end: date) -> Iterator[SourceCount]:
    """Judicial requests sent from ``start`` to ``end`` inclusive, once each, by the
    requesting institution's country, the request's criminal markets and year."""
    from paccto.judicial.models import JudicialRequest

    tz = timezone.get_current_timezone()
    low = datetime.combine(start, time.min, tzinfo=tz)
    high = datetime.combine(end, time.max, tzinfo=tz)
    rows = (
        JudicialRequest.objects.filter(sent_at__range=(low, high))
        .order_by()
        .values_list("requesting_institution__country_id", "criminal_markets", "sent_at")
    )
    counter: Counter[tuple[str, tuple[str, ...], int]] = Counter()
    for country, markets, sent in rows.iterator():
        year = timezone.localtime(sent).year
        counter[(country, tuple(sorted(markets or ())), year)] += 1
    for (country, markets, year), n in sorted(counter.items()):
        yield SourceCount(country=country, year=year, value=n, criminal_markets=markets)


JUDICIAL_REQUESTS = IndicatorSource(
    "judicial_requests_sent", _("Judicial requests sent"), judicial_requests_sent
)
