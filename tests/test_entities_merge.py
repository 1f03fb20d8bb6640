"""Duplicates of one institution are merged, the decision kept, and can be undone."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.entities import selectors, services
from paccto.entities.models import Entity, MergeDecision
from paccto.hits import services as hit_services

pytestmark = pytest.mark.django_db


def _person(user, **props):
    return services.entity_create(
        actor=actor_for(user),
        schema="Person",
        properties=props,
        provenance={"share_scope": "country"},
    )


@pytest.fixture
def twins(actors):
    a = _person(actors.owner, firstName="Julián", lastName="Castaño", birthDate="1979-11-02")
    b = _person(actors.owner, firstName="Julian", lastName="Castano", birthDate="1979-11-02")
    return a, b


def test_merge_hides_the_duplicate_and_keeps_the_decision(actors, twins):
    kept, dup = twins
    owner = actor_for(actors.owner)
    decision = services.entity_merge(actor=owner, kept=kept, merged=dup, reason="Same DNI")
    dup.refresh_from_db()
    assert dup.merged_into_id == kept.pk and dup.version == 2
    assert list(selectors.entity_search(actor=owner, q="Cast")) == [kept]
    # The duplicate stays readable with its history.
    assert selectors.entity_get(actor=owner, pk=dup.pk).merged_into == kept
    assert dup.versions.count() == 2
    entry = AuditEntry.objects.filter(action="combine").get()
    assert entry.justification == "Same DNI" and entry.details["merged"] == dup.pk
    # Hit/no-hit answers with the record kept only.
    hits = hit_services.hit_check(
        actor=actor_for(actors.other_country),
        query={"given_name": "Julian", "surname": "Castano", "date_of_birth": "1979-11-02"},
        justification="x",
    )
    assert [h.reference for h in hits] == [kept.reference]
    services.entity_unmerge(actor=owner, decision=decision, reason="Different fathers")
    dup.refresh_from_db()
    decision.refresh_from_db()
    assert dup.merged_into_id is None and decision.undone_at is not None
    assert decision.undo_reason == "Different fathers"
    assert set(selectors.entity_search(actor=owner, q="Cast")) == {kept, dup}
    with pytest.raises(ValidationError):
        services.entity_unmerge(actor=owner, decision=decision, reason="again")


def test_a_chain_of_merges_follows_into_the_record_kept(actors, twins):
    kept, dup = twins
    third = _person(actors.owner, firstName="J.", lastName="Castaño")
    owner = actor_for(actors.owner)
    services.entity_merge(actor=owner, kept=dup, merged=third, reason="r")
    dup.refresh_from_db()
    services.entity_merge(actor=owner, kept=kept, merged=dup, reason="r")
    third.refresh_from_db()
    assert third.merged_into_id == kept.pk


@pytest.mark.parametrize("case", ["itself", "no reason", "other kind", "already merged"])
def test_impossible_merges_are_refused_and_change_nothing(actors, twins, case):
    kept, dup = twins
    owner = actor_for(actors.owner)
    reason = "" if case == "no reason" else "r"
    merged = dup
    if case == "itself":
        merged = kept
    if case == "other kind":
        merged = services.entity_create(
            actor=owner, schema="Vehicle", properties={"registrationNumber": "ABC123"}
        )
    if case == "already merged":
        third = _person(actors.owner, firstName="X", lastName="Y")
        services.entity_merge(actor=owner, kept=third, merged=dup, reason="r")
        dup.refresh_from_db()
    before = MergeDecision.objects.count()
    with pytest.raises(ValidationError):
        services.entity_merge(actor=owner, kept=kept, merged=merged, reason=reason)
    assert MergeDecision.objects.count() == before


def test_only_the_owner_merges(actors, twins):
    kept, dup = twins
    with pytest.raises(PermissionDenied):
        services.entity_merge(
            actor=actor_for(actors.other_institution), kept=kept, merged=dup, reason="r"
        )
    foreign = _person(actors.other_institution, firstName="Julián", lastName="Castaño")
    with pytest.raises(PermissionDenied):
        services.entity_merge(actor=actor_for(actors.owner), kept=kept, merged=foreign, reason="r")
    assert Entity.objects.filter(merged_into__isnull=False).count() == 0


def test_pages_merge_and_unmerge(actors, twins, signed_in):
    kept, dup = twins
    client = signed_in(actors.owner)
    page = client.get(f"/entities/{kept.pk}/?justification=x").content.decode()
    assert 'data-testid="merge-form"' in page
    response = client.post(
        f"/entities/{kept.pk}/merge/", {"target": dup.reference, "reason": "Same passport"}
    )
    assert response.status_code == 302
    dup.refresh_from_db()
    assert dup.merged_into_id == kept.pk
    page = client.get(f"/entities/{dup.pk}/?justification=x").content.decode()
    assert 'data-testid="merged-into"' in page and kept.reference in page
    decision = MergeDecision.objects.get()
    response = client.post(f"/entities/merges/{decision.pk}/undo/", {"reason": ""})
    dup.refresh_from_db()
    assert dup.merged_into_id == kept.pk  # no reason, nothing undone
    client.post(f"/entities/merges/{decision.pk}/undo/", {"reason": "Twins"})
    dup.refresh_from_db()
    assert dup.merged_into_id is None
    other = signed_in(actors.other_institution)
    assert other.post(f"/entities/merges/{decision.pk}/undo/", {"reason": "x"}).status_code == 404
    client = signed_in(actors.owner)
    response = client.post(f"/entities/{kept.pk}/merge/", {"target": "nonsense", "reason": "r"})
    assert response.status_code == 302 and MergeDecision.objects.count() == 1
