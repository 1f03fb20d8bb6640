import pytest
from django.urls import reverse

from paccto.core.models import Institution
from tests.matrix import PermissionMatrix

SIGNED_IN = {
    "owner": 200,
    "colleague_no_role": 200,
    "other_institution": 200,
    "other_country": 200,
    "co_admin": 200,
    "fr_dpo": 200,
    "platform_admin": 200,
}


class TestCountryListPage(PermissionMatrix):
    matrix = {"anonymous": 302, **SIGNED_IN}

    def request(self, client, actors):
        return reverse("core:country_list"), {}


class TestInstitutionPage(PermissionMatrix):
    matrix = {"anonymous": 302, **SIGNED_IN}

    def request(self, client, actors):
        return reverse("core:institution_detail", args=[Institution.objects.first().pk]), {}


class TestDashboard(PermissionMatrix):
    matrix = {"anonymous": 302, **SIGNED_IN}

    def request(self, client, actors):
        return reverse("core:dashboard"), {}


class TestInstitutionApi(PermissionMatrix):
    api = True
    matrix = {"anonymous": 401, **SIGNED_IN}

    def request(self, client, actors):
        return "/api/v1/institutions?sector=police", {}


@pytest.mark.django_db
def test_country_search_ignores_accents_and_knows_names_in_every_language(signed_in, actors):
    client = signed_in(actors.owner)
    page = client.get(reverse("core:country_list"), {"q": "peru"}).content.decode()
    assert reverse("core:country_detail", args=["PE"]) in page
    page = client.get(reverse("core:country_list"), {"q": "Nederland"}).content.decode()
    assert reverse("core:country_detail", args=["NL"]) in page
    assert reverse("core:country_detail", args=["PE"]) not in page


@pytest.mark.django_db
def test_country_list_filters_by_grouping(signed_in, actors):
    client = signed_in(actors.owner)
    page = client.get(reverse("core:country_list"), {"grouping": "can"}).content.decode()
    for code in ("BO", "CO", "EC", "PE"):
        assert reverse("core:country_detail", args=[code]) in page
    assert reverse("core:country_detail", args=["BR"]) not in page


@pytest.mark.django_db
def test_htmx_search_returns_only_the_results_table(signed_in, actors):
    client = signed_in(actors.owner)
    response = client.get(
        reverse("core:institution_list"), {"q": "Policía"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="institution-table"' in body
    assert "<html" not in body


@pytest.mark.django_db
def test_institution_list_filters_by_sector_and_country(signed_in, actors):
    client = signed_in(actors.owner)
    response = client.get(
        reverse("core:institution_list"), {"sector": "penitentiary", "country": "BR"}
    )
    page = response.content.decode()
    prison = Institution.objects.filter(country_id="BR", sector="penitentiary").first()
    assert prison.name in page
    police = Institution.objects.filter(country_id="BR", sector="police").first()
    assert police.name not in page


@pytest.mark.django_db
def test_unknown_records_answer_not_found(signed_in, actors):
    client = signed_in(actors.owner)
    assert client.get(reverse("core:country_detail", args=["ZZ"])).status_code == 404
    assert client.get(reverse("core:institution_detail", args=[999999])).status_code == 404
    assert client.get(reverse("core:network_detail", args=["nope"])).status_code == 404


@pytest.mark.django_db
def test_network_page_lists_members_and_contact_points(signed_in, actors):
    client = signed_in(actors.owner)
    page = client.get(reverse("core:network_detail", args=["ameripol"])).content.decode()
    assert "Policía Nacional de Colombia" in page


@pytest.mark.django_db
def test_directory_list_pages_use_a_bounded_number_of_queries(
    signed_in, actors, django_assert_max_num_queries
):
    client = signed_in(actors.owner)
    client.get(reverse("core:institution_list"))  # warm the session
    with django_assert_max_num_queries(16):
        assert client.get(reverse("core:institution_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("core:country_list")).status_code == 200


@pytest.mark.django_db
def test_the_dashboard_lists_the_user_s_own_recent_activity(actors, signed_in):
    """The dashboard's own entries of the audit log, in the user's language."""
    from django.utils import translation

    client = signed_in(actors.owner)
    assert client.get(reverse("core:dashboard")).context["recent"] == ""
    with translation.override("es"):
        rows = client.get(reverse("core:dashboard"), HTTP_ACCEPT_LANGUAGE="es").context["recent"]
    assert rows.count("<tr>") == 1
    assert "Consulta" in rows and "core.dashboard" in rows
    # Only one's own entries.
    assert signed_in(actors.other_country).get(reverse("core:dashboard")).context["recent"] == ""
