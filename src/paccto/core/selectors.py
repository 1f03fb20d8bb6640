"""Reads of the directory: countries, institutions, networks. Reference data is visible to
every signed-in user; it is not protected, so these selectors need no permission filter."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import translation

from paccto.core.models import (
    Country,
    Grouping,
    GroupingMembership,
    Institution,
    Network,
    NetworkMembership,
    country_name,
)


def country_list(*, q: str = "", grouping: str = "", language: str = "") -> list[Country]:
    """Countries matching a search (code or name in any platform language), a grouping and a
    working language, sorted by their name in the active language."""
    qs: QuerySet[Country] = Country.objects.prefetch_related(
        Prefetch("memberships", queryset=GroupingMembership.objects.select_related("grouping"))
    ).annotate(institution_count=Count("institutions"))
    if grouping:
        qs = qs.filter(memberships__grouping__code=grouping)
    if language:
        qs = qs.filter(languages__contains=language)
    countries = list(qs)
    if q:
        needle = _fold(q)
        countries = [c for c in countries if _country_matches(c, needle)]
    return sorted(countries, key=lambda c: _fold(c.name))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


@lru_cache(maxsize=256)
def _country_search_names(code: str) -> tuple[str, ...]:
    """A country's names in the six platform languages, folded for searching."""
    return tuple(_fold(country_name(code, lang)) for lang in ("es", "pt", "fr", "en", "nl", "it"))


def _country_matches(country: Country, needle: str) -> bool:
    if needle in (country.code.lower(), country.iso3.lower()):
        return True
    return any(needle in name for name in _country_search_names(country.code))


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by name in the active language. Cached: the
    directory changes only when reference data is loaded."""
    language = translation.get_language() or "es"
    key = f"directory:country-choices:{language}"
    choices = cache.get(key)
    if choices is None:
        codes = Country.objects.values_list("code", flat=True)
        choices = sorted(((c, country_name(c)) for c in codes), key=lambda c: _fold(c[1]))
        cache.set(key, choices, CHOICES_TTL)
    return choices


def network_choices() -> list[tuple[str, str]]:
    """(key, name) of every network. Cached like ``country_choices``."""
    choices = cache.get("directory:network-choices")
    if choices is None:
        choices = list(Network.objects.order_by("name").values_list("key", "name"))
        cache.set("directory:network-choices", choices, CHOICES_TTL)
    return choices


CHOICES_TTL = 300


def country_get(*, code: str) -> Country:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Country.objects.prefetch_related(
            Prefetch("memberships", queryset=GroupingMembership.objects.select_related("grouping"))
        ),
        code=code.upper()[:2],
    )


def grouping_list() -> QuerySet[Grouping]:
    return Grouping.objects.annotate(country_count=Count("memberships")).order_by("name")


DIRECTORY_SECONDS = 60
_directory: tuple[float, list[Institution], dict[str, frozenset[int]]] | None = None


def _institution_directory() -> tuple[list[Institution], dict[str, frozenset[int]]]:
    """Every institution (with its country), in directory order, and the members of each
    network, kept a minute in this process: a few hundred rows of reference data, searched
    on every directory request."""
    import time

    global _directory
    now = time.monotonic()
    if _directory is None or now - _directory[0] > DIRECTORY_SECONDS:
        institutions = list(
            Institution.objects.select_related("country").order_by("country_id", "sector", "name")
        )
        members: dict[str, set[int]] = {}
        for key, institution_id in NetworkMembership.objects.values_list(
            "network__key", "institution_id"
        ):
            members.setdefault(key, set()).add(institution_id)
        _directory = (now, institutions, {k: frozenset(v) for k, v in members.items()})
    return _directory[1], _directory[2]


def directory_cache_clear() -> None:
    """Forget this process's copies of the directory (after loading reference data)."""
    global _directory
    _directory = None
    _institutions.clear()


def institution_search(
    *, q: str = "", sector: str = "", country: str = "", network: str = ""
) -> list[Institution]:
    """Institutions matching a free-text search (name, acronym, city; the key exactly), a
    sector, a country and a network, in directory order."""
    institutions, members = _institution_directory()
    q = q.strip()[:100]
    needle = q.casefold()
    country = country.upper()[:2]
    ids = members.get(network, frozenset()) if network else None
    found = []
    for i in institutions:
        if (sector and i.sector != sector) or (country and i.country_id != country):
            continue
        if ids is not None and i.pk not in ids:
            continue
        if needle and not (
            needle in i.name.casefold()
            or needle in i.acronym.casefold()
            or needle in i.city.casefold()
            or i.key == q
        ):
            continue
        found.append(i)
    return found


def institution_get(*, pk: object) -> Institution:
    from django.http import Http404

    try:
        return Institution.objects.select_related("country").get(pk=int(str(pk)))
    except (Institution.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def institution_networks(*, institution: Institution) -> QuerySet[NetworkMembership]:
    return institution.network_memberships.select_related("network").order_by("network__name")


INSTITUTION_CACHE_SECONDS = 60
_institutions: dict[int, tuple[float, Institution]] = {}


def institution_cached(institution_id: int) -> Institution:
    """An institution with its country, kept a minute in this process: every signed-in
    request needs the user's; the directory is reference data."""
    import time

    now = time.monotonic()
    found = _institutions.get(institution_id)
    if found is None or now - found[0] > INSTITUTION_CACHE_SECONDS:
        institution = Institution.objects.select_related("country").get(pk=institution_id)
        found = (now, institution)
        _institutions[institution_id] = found
    return found[1]


def institution_network_summary(*, institution_id: int) -> list[dict[str, object]]:
    """The networks of an institution (key, name, contact point) for the dashboard, cached
    briefly like the network ids of the permission engine."""
    from paccto.core.permissions import NETWORK_CACHE_SECONDS

    key = f"directory:institution-networks:{institution_id}"
    summary = cache.get(key)
    if summary is None:
        summary = list(
            NetworkMembership.objects.filter(institution_id=institution_id)
            .order_by("network__name")
            .values("network__key", "network__name", "is_contact_point")
        )
        cache.set(key, summary, NETWORK_CACHE_SECONDS)
    return summary


def network_list(*, q: str = "") -> QuerySet[Network]:
    qs = Network.objects.annotate(member_count=Count("memberships"))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(full_name__icontains=q) | Q(key=q))
    return qs.order_by("name")


def network_get(*, key: str) -> Network:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Network, key=key)


def network_members(*, network: Network) -> QuerySet[NetworkMembership]:
    return network.memberships.select_related("institution", "institution__country").order_by(
        "institution__country_id", "institution__name"
    )


def sector_counts() -> dict[str, int]:
    """How many institutions each sector has (cached like ``country_choices``)."""
    counts = cache.get("directory:sector-counts")
    if counts is None:
        rows = Institution.objects.values("sector").annotate(n=Count("id"))
        counts = {row["sector"]: row["n"] for row in rows}
        cache.set("directory:sector-counts", counts, CHOICES_TTL)
    return counts
