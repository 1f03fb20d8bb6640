"""The provenance policy of the permission engine, as a table an analyst can read."""

import pytest
from django.http import Http404

from paccto.core.choices import ShareScope
from paccto.core.models import Network
from paccto.core.permissions import ANONYMOUS, actor_for, can, get_for, visible_to
from tests.provenance_app.models import Dossier

pytestmark = pytest.mark.django_db

# (record, actor, action, allowed, why)
CASES = [
    ("owner_only", "owner", "view", True, "the owner institution sees its own records"),
    ("owner_only", "colleague_no_role", "view", False, "no operational role, no access"),
    ("owner_only", "other_institution", "view", False, "owner-only records stay home"),
    ("owner_only", "other_country", "view", False, "owner-only records stay home"),
    ("owner_only", "platform_admin", "view", False, "administrators do not read intelligence"),
    ("owner_only", "co_dpo", "view", False, "the DPO reads the audit log, not the records"),
    ("country", "other_institution", "view", True, "shared with the owner's country"),
    ("country", "other_country", "view", False, "another country is outside the scope"),
    ("platform", "other_country", "view", True, "shared with the whole platform"),
    ("platform", "colleague_no_role", "view", False, "a role is still needed"),
    ("network", "other_country", "view", True, "shared with a network the reader belongs to"),
    ("network_not_member", "other_country", "view", False, "a network the reader is not in"),
    ("special_platform", "other_country", "view", False, "victims and witnesses stay with owner"),
    ("special_platform", "owner", "view", True, "the owner sees its special categories"),
    ("special_in_case", "other_country", "view", True, "case members see the case's records"),
    ("platform", "other_country", "change", False, "only the owner changes a record"),
    ("platform", "owner", "change", True, "the owner changes its records"),
    ("platform", "other_institution", "delete", False, "only the owner erases a record"),
    ("h2_platform", "other_country", "disclose", False, "H2: not passed on without the owner"),
]


@pytest.fixture
def records(actors):
    owner = actors.owner.institution
    pt_network = Network.objects.filter(memberships__institution=actors.other_country.institution)
    network_in = pt_network.first()
    network_out = Network.objects.exclude(pk__in=pt_network.values("pk")).first()

    def make(title, **kw):
        return Dossier.objects.create(title=title, owner_institution=owner, **kw)

    return {
        "owner_only": make("a"),
        "country": make("b", share_scope=ShareScope.COUNTRY),
        "platform": make("c", share_scope=ShareScope.PLATFORM),
        "network": make("d", share_scope=ShareScope.NETWORK, share_network=network_in),
        "network_not_member": make("e", share_scope=ShareScope.NETWORK, share_network=network_out),
        "special_platform": make("f", share_scope=ShareScope.PLATFORM, special_category=True),
        "special_in_case": make("g", special_category=True, case_id=77),
        "h2_platform": make("h", share_scope=ShareScope.PLATFORM, handling_code="H2"),
    }


@pytest.mark.parametrize(("record", "who", "action", "allowed", "why"), CASES)
def test_provenance_policy(records, actors, record, who, action, allowed, why):
    from paccto.core import permissions

    user = actors.get(who)
    actor = actor_for(user)
    if record == "special_in_case":
        actor = permissions.Actor(**{**actor.__dict__, "case_ids": frozenset({77})})
    assert can(actor, action, records[record]) is allowed, why


def test_forbidden_and_missing_records_raise_the_same_404(records, actors):
    actor = actor_for(actors.other_country)
    with pytest.raises(Http404):
        get_for(actor, Dossier, records["owner_only"].pk)
    with pytest.raises(Http404):
        get_for(actor, Dossier, 10**9)
    with pytest.raises(Http404):
        get_for(actor, Dossier, "not-a-number")


def test_anonymous_and_unregistered_models_see_nothing(records, actors):
    from paccto.accounts.models import LoginFailure

    assert not visible_to(ANONYMOUS, Dossier).exists()
    assert not visible_to(actor_for(actors.platform_admin), LoginFailure).exists()


def test_provenance_validation():
    from django.core.exceptions import ValidationError

    record = Dossier(title="x", owner_institution_id=1, share_scope=ShareScope.NETWORK)
    with pytest.raises(ValidationError) as info:
        record.clean()
    assert "share_network" in info.value.message_dict
    record = Dossier(title="x", owner_institution_id=1, handling_code="H3")
    with pytest.raises(ValidationError) as info:
        record.clean()
    assert "handling_note" in info.value.message_dict


def test_an_undeclared_action_is_allowed_to_nobody(records, actors):
    owner = actor_for(actors.owner)
    assert can(owner, "change", records["owner_only"])
    assert not can(owner, "export-everything", records["owner_only"])
    assert not can(owner, "veiw", records["owner_only"])
