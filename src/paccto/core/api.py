"""The directory in the API: countries, groupings, institutions, networks, criminal markets."""

from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from paccto.api.pagination import Pagination
from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core import selectors
from paccto.core.choices import CriminalMarket, Sector
from paccto.core.permissions import actor_for
from paccto.core.schemas import (
    ChoiceOut,
    CountryOut,
    GroupingOut,
    InstitutionDetailOut,
    InstitutionOut,
    NetworkDetailOut,
    NetworkOut,
)

router = Router(tags=["directory"])


class CountryFilter(Schema):
    q: str = ""
    grouping: str = ""
    language: Literal["", "es", "pt", "fr", "en", "nl", "it"] = ""


@router.get("/countries", response=list[CountryOut])
def country_list(request: HttpRequest, filters: Query[CountryFilter]) -> list[CountryOut]:
    countries = selectors.country_list(
        q=filters.q[:100], grouping=filters.grouping[:32], language=filters.language
    )
    return [CountryOut.from_country(c) for c in countries]


@router.get("/countries/{code}", response=CountryOut)
def country_detail(request: HttpRequest, code: str) -> CountryOut:
    return CountryOut.from_country(selectors.country_get(code=code))


@router.get("/groupings", response=list[GroupingOut])
def grouping_list(request: HttpRequest):
    return list(selectors.grouping_list())


SectorParam = Literal[
    "",
    "police",
    "customs",
    "fiu",
    "prosecution",
    "judiciary",
    "penitentiary",
    "ministry",
    "central_authority",
]


class InstitutionFilter(Schema):
    q: str = ""
    sector: SectorParam = ""
    country: str = ""
    network: str = ""


@router.get("/institutions", response=list[InstitutionOut])
@paginate(Pagination)
def institution_list(request: HttpRequest, filters: Query[InstitutionFilter]):
    params = {
        "q": filters.q[:100],
        "sector": filters.sector,
        "country": filters.country[:2],
        "network": filters.network[:40],
    }
    audit_record(
        actor=actor_for(request.user),
        action=AuditAction.CONSULT,
        object_type="core.institution",
        details={"search": {k: v for k, v in params.items() if v}, "via": "api"},
    )
    return selectors.institution_search(**params)


@router.get("/institutions/{int:institution_id}", response=InstitutionDetailOut)
def institution_detail(request: HttpRequest, institution_id: int):
    return selectors.institution_get(pk=institution_id)


@router.get("/networks", response=list[NetworkOut])
def network_list(request: HttpRequest, q: str = ""):
    return list(selectors.network_list(q=q[:100]))


@router.get("/networks/{key}", response=NetworkDetailOut)
def network_detail(request: HttpRequest, key: str):
    return selectors.network_get(key=key[:40])


@router.get("/criminal-markets", response=list[ChoiceOut])
def criminal_market_list(request: HttpRequest):
    return [ChoiceOut(code=code, label=str(label)) for code, label in CriminalMarket.choices]


@router.get("/sectors", response=list[ChoiceOut])
def sector_list(request: HttpRequest):
    return [ChoiceOut(code=code, label=str(label)) for code, label in Sector.choices]
