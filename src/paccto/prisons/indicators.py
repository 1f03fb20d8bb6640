"""Automatic indicators of the policy cycle counted from prisons: transfers of sentenced
persons completed, by the sending (sentencing) state, the criminal markets of the case the
inmate is linked to, if any, and the year of the transfer. Aggregates only: never a dossier,
never the person transferred."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

from django.utils.translation import gettext_lazy as _

from paccto.policy.sources import IndicatorSource, SourceCount


def prison_transfers_completed(start: date, end: date) -> Iterator[SourceCount]:
    """Transfers of sentenced persons carried out from ``start`` to ``end`` inclusive (the
    transfer date), once each, by sending state, criminal markets and year. Refused,
    withdrawn and pending dossiers do not count."""
    from paccto.prisons.choices import TransferStatus
    from paccto.prisons.models import TransferDossier

    rows = (
        TransferDossier.objects.filter(
            status=TransferStatus.TRANSFERRED, transfer_date__range=(start, end)
        )
        .order_by()
        .values_list(
            "sentencing_country_id", "inmate__case__criminal_markets", "transfer_date__year"
        )
    )
    counter: Counter[tuple[str, tuple[str, ...], int]] = Counter()
    for country, markets, year in rows.iterator():
        counter[(country, tuple(sorted(markets or ())), year)] += 1
    for (country, markets, year), n in sorted(counter.items()):
        yield SourceCount(country=country, year=year, value=n, criminal_markets=markets)


PRISON_TRANSFERS = IndicatorSource(
    "prison_transfers_completed",
    _("Transfers of sentenced persons carried out"),
    prison_transfers_completed,
)
