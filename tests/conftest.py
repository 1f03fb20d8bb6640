import pytest

from paccto.core.choices import Role
from tests.factories import make_user, verify_session


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference data once, after migrations."""
    from paccto.core.services import reference_data_load

    with django_db_blocker.unblock():
        reference_data_load()


class Actors:
    """The people of the permission matrix.

    - ``owner``: analyst of the Colombian police (the institution that owns test records);
    - ``colleague_no_role``: same institution, no role;
    - ``other_institution``: prosecutor of Colombia's prosecution service (same country);
    - ``other_country``: analyst of a Portuguese police force;
    - plus administrators and data-protection officers of Colombia and France.
    """

    def __init__(self):
        self.owner = make_user("CO", "police", (Role.ANALYST,), username="co.owner")
        self.colleague_no_role = make_user("CO", "police", (), username="co.norole")
        self.other_institution = make_user(
            "CO", "prosecution", (Role.PROSECUTOR,), username="co.other"
        )
        self.other_country = make_user("PT", "police", (Role.ANALYST,), username="pt.other")
        self.co_admin = make_user("CO", "police", (Role.NATIONAL_ADMIN,), username="co.admin")
        self.fr_admin = make_user("FR", "police", (Role.NATIONAL_ADMIN,), username="fr.admin")
        self.co_dpo = make_user("CO", "police", (Role.DPO,), username="co.dpo")
        self.fr_dpo = make_user("FR", "police", (Role.DPO,), username="fr.dpo")
        self.platform_admin = make_user("ES", "ministry", (Role.PLATFORM_ADMIN,), username="root")

    def get(self, name):
        return None if name == "anonymous" else getattr(self, name)


@pytest.fixture(autouse=True)
def _today_is_the_day_the_test_runs(request):
    """A test module's ``TODAY`` is the date its test runs on, not the one the module was
    imported on: a run crossing midnight (UTC) dated "tomorrow" as today. Dates in
    parameter lists, built at import, are days from ``TODAY`` (``prisons_factories.dated``)."""
    from django.utils import timezone

    if hasattr(request.module, "TODAY"):
        request.module.TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _fresh_hit_index():
    """Each test starts with fresh per-process caches: the hit/no-hit index, the directory."""
    from paccto.core.selectors import directory_cache_clear
    from paccto.hits.index import index_reset

    index_reset()
    directory_cache_clear()
    yield
    index_reset()
    directory_cache_clear()


@pytest.fixture
def actors(db):
    return Actors()


@pytest.fixture
def signed_in(client):
    """Returns a function that signs the test client in as a user (second factor done)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            verify_session(client, user)
        return client

    return sign_in
