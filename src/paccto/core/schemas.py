from typing import Annotated

from ninja import Field, Schema

from paccto.core.models import Country

# The largest id a request may name: ids beyond 64 bits cannot be stored, and a list of
# them in a query (pk__in) is a database error; refused with a clear 422 instead.
MAX_ID = 2**62
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class GroupingMembershipOut(Schema):
    code: str
    name: str
    status: str


class CountryOut(Schema):
    code: str
    iso3: str
    name: str
    languages: list[str]
    region: str
    groupings: list[GroupingMembershipOut]

    @staticmethod
    def from_country(country: Country) -> "CountryOut":
        return CountryOut(
            code=country.code,
            iso3=country.iso3,
            name=country.name,
            languages=country.language_list,
            region=country.region,
            groupings=[
                GroupingMembershipOut(code=m.grouping.code, name=m.grouping.name, status=m.status)
                for m in country.memberships.all()
            ],
        )


class GroupingOut(Schema):
    code: str
    name: str
    country_count: int


class InstitutionOut(Schema):
    id: int
    key: str
    country: str
    sector: str
    name: str
    acronym: str
    city: str
    website: str

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id


class NetworkMembershipOut(Schema):
    institution: InstitutionOut
    is_contact_point: bool


class NetworkOut(Schema):
    key: str
    name: str
    full_name: str
    scope: str
    description: str


class NetworkDetailOut(NetworkOut):
    members: list[NetworkMembershipOut]

    @staticmethod
    def resolve_members(obj) -> list:
        from paccto.core.selectors import network_members

        return list(network_members(network=obj))


class InstitutionDetailOut(InstitutionOut):
    networks: list[NetworkOut]

    @staticmethod
    def resolve_networks(obj) -> list:
        return list(obj.networks.order_by("name"))


class ChoiceOut(Schema):
    code: str
    label: str
