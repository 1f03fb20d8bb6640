"""Automatic indicators of the policy cycle counted from protection orders: orders issued
(drafts excluded) by issuing country, year and the protected person's age group at issue.
Counts only; the protected person's data are never read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paccto.policy.sources import IndicatorSource, SourceCount
from paccto.protection.choices import AgeGroup, OrderStatus

# The protection statistics' age groups on the policy cycle's (minors, youth, adults).
AGE_GROUPS = {
    AgeGroup.MINOR: "minor",
    AgeGroup.YOUNG: "youth",
    AgeGroup.ADULT: "adult",
    AgeGroup.SENIOR: "adult",
}


def protection_orders_issued(start: date, end: date) -> Iterator[SourceCount]:
    """Protection orders issued, by issuing country, year and age group. The order does not
    record the protected person's sex for statistics, so none is given."""
    from paccto.protection.models import ProtectionOrder

    tz = timezone.get_current_timezone()
    low = datetime.combine(start, time.min, tzinfo=tz)
    high = datetime.combine(end, time.max, tzinfo=tz)
    rows = (
        ProtectionOrder.objects.exclude(status=OrderStatus.DRAFT)
        .filter(created_at__range=(low, high))
        .order_by()
        .values_list("issuing_institution__country_id", "victim_age_group", "created_at")
    )
    counter: Counter = Counter()
    for country, group, created in rows.iterator():
        year = timezone.localtime(created).year
        counter[(country, AGE_GROUPS.get(group, "unknown"), year)] += 1
    for (country, group, year), n in sorted(counter.items()):
        yield SourceCount(country=country, year=year, value=n, age_group=group)


PROTECTION_ORDERS = IndicatorSource(
    "protection_orders",
    _("Protection orders issued"),
    protection_orders_issued,
    counts_people=True,
)
