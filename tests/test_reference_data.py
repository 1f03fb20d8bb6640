import pytest

from paccto.core.choices import Sector
from paccto.core.models import Country, GroupingMembership, Institution, Network, country_name

pytestmark = pytest.mark.django_db

CELAC = [
    "AG",
    "AR",
    "BS",
    "BB",
    "BZ",
    "BO",
    "BR",
    "CL",
    "CO",
    "CR",
    "CU",
    "DM",
    "DO",
    "EC",
    "SV",
    "GD",
    "GT",
    "GY",
    "HT",
    "HN",
    "JM",
    "MX",
    "NI",
    "PA",
    "PY",
    "PE",
    "KN",
    "LC",
    "VC",
    "SR",
    "TT",
    "UY",
    "VE",
]


def test_the_38_countries_are_loaded_with_their_languages():
    codes = set(Country.objects.values_list("code", flat=True))
    assert codes == {"FR", "IT", "NL", "PT", "ES", *CELAC}
    assert Country.objects.get(code="BR").language_list == ["pt"]
    assert Country.objects.get(code="SR").language_list == ["nl"]
    assert Country.objects.get(code="JM").language_list == ["en"]


@pytest.mark.parametrize("sector", [Sector.POLICE, Sector.PROSECUTION, Sector.PENITENTIARY])
def test_every_country_has_a_police_prosecution_and_prison_institution(sector):
    covered = set(Institution.objects.filter(sector=sector).values_list("country_id", flat=True))
    assert covered == set(Country.objects.values_list("code", flat=True))


def test_groupings_record_member_status():
    status = {
        (m.grouping.code, m.country_id): m.status
        for m in GroupingMembership.objects.select_related("grouping")
    }
    assert status[("mercosur", "BR")] == "member"
    assert status[("mercosur", "VE")] == "suspended"
    assert status[("mercosur", "CL")] == "associate"
    assert status[("can", "PE")] == "member"
    assert status[("eu", "NL")] == "member"
    assert ("caricom", "JM") in status and ("sica", "GT") in status


def test_the_networks_are_there_with_members_and_contact_points():
    keys = set(Network.objects.values_list("key", flat=True))
    for key in ("ameripol", "clasi", "aiamp", "iberred", "redcopen", "rap", "europol", "interpol"):
        assert key in keys
    ameripol = Network.objects.get(key="ameripol")
    assert ameripol.memberships.filter(is_contact_point=True).exists()
    assert ameripol.memberships.filter(institution__country_id="CO").exists()


def test_network_descriptions_exist_in_all_six_languages():
    for network in Network.objects.all():
        assert set(network.descriptions) >= {"es", "pt", "fr", "en", "nl", "it"}, network.key


def test_reloading_reference_data_changes_nothing():
    from paccto.core.services import reference_data_load

    before = Institution.objects.count()
    reference_data_load()
    assert Institution.objects.count() == before


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [("BR", "pt", "Brasil"), ("NL", "nl", "Nederland"), ("DO", "es", "República Dominicana")],
)
def test_country_names_follow_the_language(code, language, name):
    assert country_name(code, language) == name
