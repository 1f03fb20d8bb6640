"""Batch cross-referencing of an imported dataset, and the review queue of its pairs."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.entities import services as entity_services
from paccto.entities.models import ImportBatch, Link
from paccto.xref import services
from paccto.xref.models import MatchCandidate, XrefRun

pytestmark = pytest.mark.django_db

DATASET = (
    "nombre,apellido,segundo_apellido,fecha_nacimiento\n"
    "Francisco,Vásquez,Ruiz,1982-09-05\n"
    "María José,Quintero,Lopera,1990-01-17\n"
    "Lucía,Ferreira,,1975-03-30\n"
)


def _dataset(actor, content=DATASET) -> ImportBatch:
    batch = entity_services.import_batch_create(
        actor=actor, file_name="d.csv", content=content.encode(), schema="Person"
    )
    batch = entity_services.import_batch_map(
        actor=actor,
        batch=batch,
        mapping={
            "nombre": "firstName",
            "apellido": "lastName",
            "segundo_apellido": "secondLastName",
            "fecha_nacimiento": "birthDate",
        },
        provenance={"share_scope": "country"},
        in_background=False,
    )
    entity_services.import_batch_validate(batch=batch)
    entity_services.import_batch_confirm(actor=actor, batch=batch, in_background=False)
    return entity_services.import_batch_run(batch=batch)


@pytest.fixture
def store(actors):
    owner = actor_for(actors.owner)
    paco = entity_services.entity_create(
        actor=owner,
        schema="Person",
        properties={"firstName": "Paco", "lastName": "Basquez", "birthDate": "1982-05-09"},
    )
    maria = entity_services.entity_create(
        actor=owner,
        schema="Person",
        properties={"name": "Maria Jose Quintero Lopera", "birthDate": "1990-01-17"},
    )
    foreign = entity_services.entity_create(  # another country's record, not shared
        actor=actor_for(actors.other_country),
        schema="Person",
        properties={"firstName": "Lucía", "lastName": "Ferreira", "birthDate": "1975-03-30"},
    )
    return paco, maria, foreign


def _run(actor, left, right=None, **kw):
    run = services.xref_run_create(
        actor=actor,
        left_batch=left,
        right_batch=right,
        threshold=kw.get("threshold", 0.5),
        justification="Operation Andes",
        in_background=False,
    )
    return services.xref_run_execute(run=run, progress=kw.get("progress"))


def test_a_dataset_against_the_store_queues_the_pairs(actors, store):
    paco, maria, foreign = store
    owner = actor_for(actors.owner)
    batch = _dataset(owner)
    steps = []
    run = _run(owner, batch, progress=lambda d, t: steps.append((d, t)))
    assert run.status == XrefRun.Status.DONE and run.candidate_count == 2
    pairs = {(c.left.caption, c.right_id) for c in run.candidates.all()}
    assert pairs == {("Francisco Vásquez Ruiz", paco.pk), ("María José Quintero Lopera", maria.pk)}
    assert all(c.right_id != foreign.pk for c in run.candidates.all())  # not visible: not used
    candidate = run.candidates.get(right=paco)
    assert candidate.probability > 0.5 and {f[0] for f in candidate.features} >= {"surname"}
    assert AuditEntry.objects.filter(action="combine", object_type="xref.xrefrun").exists()


def test_review_confirm_links_reject_is_never_proposed_again(actors, store):
    paco, maria, _foreign = store
    owner = actor_for(actors.owner)
    batch = _dataset(owner)
    run = _run(owner, batch)
    confirm = run.candidates.get(right=paco)
    reject = run.candidates.get(right=maria)
    services.candidate_review(actor=owner, candidate=confirm, decision="confirmed")
    services.candidate_review(actor=owner, candidate=reject, decision="rejected")
    link = Link.objects.get()
    assert link.link_type == "same_as" and {link.source_id, link.target_id} == {
        confirm.left_id,
        paco.pk,
    }
    with pytest.raises(ValidationError):
        services.candidate_review(actor=owner, candidate=reject, decision="confirmed")
    again = _run(owner, batch)
    assert again.candidate_count == 0  # both pairs were decided


def test_unsure_pairs_stay_in_the_queue(actors, store):
    owner = actor_for(actors.owner)
    run = _run(owner, _dataset(owner))
    candidate = run.candidates.first()
    services.candidate_review(actor=owner, candidate=candidate, decision="unsure")
    candidate.refresh_from_db()
    assert candidate.decision == "unsure" and candidate.reviewed_at is not None
    assert _run(owner, run.left_batch).candidate_count == 2  # undecided pairs come back


def test_two_datasets(actors):
    owner = actor_for(actors.owner)
    left = _dataset(owner)
    right = _dataset(
        owner,
        "nombre,apellido,segundo_apellido,fecha_nacimiento\nFrancisco,Vasquez,Ruiz,1982-09-05\n",
    )
    run = _run(owner, left, right)
    assert run.candidate_count == 1


def test_bad_runs_are_refused(actors, store):
    owner = actor_for(actors.owner)
    batch = _dataset(owner)
    for kwargs in (
        {"threshold": 2.0},
        {"threshold": 0.5, "justification": " "},
    ):
        with pytest.raises(ValidationError):
            services.xref_run_create(
                actor=owner,
                left_batch=batch,
                right_batch=None,
                threshold=kwargs["threshold"],
                justification=kwargs.get("justification", "x"),
            )
    with pytest.raises(ValidationError):
        services.xref_run_create(
            actor=owner, left_batch=batch, right_batch=batch, threshold=0.5, justification="x"
        )
    foreign = _dataset(actor_for(actors.other_institution))
    with pytest.raises(ValidationError):
        services.xref_run_create(
            actor=owner, left_batch=foreign, right_batch=None, threshold=0.5, justification="x"
        )
    with pytest.raises(PermissionDenied):
        services.xref_run_create(
            actor=actor_for(actors.co_dpo),
            left_batch=batch,
            right_batch=None,
            threshold=0.5,
            justification="x",
        )
    assert not XrefRun.objects.exists()


def test_pages_start_progress_and_review(
    actors, store, signed_in, django_capture_on_commit_callbacks
):
    paco = store[0]
    owner = actor_for(actors.owner)
    batch = _dataset(owner)
    client = signed_in(actors.owner)
    assert client.get("/xref/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/xref/",
            {"left_batch": batch.pk, "threshold": "0.5", "justification": "Operation Andes"},
        )
    assert response.status_code == 302
    run = XrefRun.objects.get()
    assert run.status == "done"
    page = client.get(f"/xref/{run.pk}/").content.decode()
    assert 'data-testid="review-queue"' in page and paco.reference in page
    partial = client.get(f"/xref/{run.pk}/", headers={"HX-Request": "true"})
    assert b"<html" not in partial.content
    candidate = run.candidates.get(right=paco)
    client.post(f"/xref/candidates/{candidate.pk}/review/", {"decision": "confirmed"})
    candidate.refresh_from_db()
    assert candidate.decision == "confirmed"
    response = client.post(f"/xref/candidates/{candidate.pk}/review/", {"decision": "nonsense"})
    assert response.status_code == 302
    other = signed_in(actors.other_institution)
    assert other.get(f"/xref/{run.pk}/").status_code == 404
    assert (
        other.post(f"/xref/candidates/{candidate.pk}/review/", {"decision": "rejected"}).status_code
        == 404
    )
    assert client.post("/xref/", {"threshold": "9"}).status_code in (400, 302)


def test_the_queue_explains_pairs_in_the_user_s_language_and_stores_codes(actors, store, signed_in):
    from django.utils import translation

    from paccto.core.explanations import feature_explanation, feature_label

    paco = store[0]
    owner = actor_for(actors.owner)
    run = _run(owner, _dataset(owner))
    candidate = run.candidates.get(right=paco)
    stored = {f[0]: f for f in candidate.features}
    # Stored as the engine wrote it, in no user's language: translated when shown.
    assert stored["date of birth"][1] == "swapped"
    assert stored["date of birth"][3] == "day and month swapped"
    page = signed_in(actors.owner).get(f"/xref/{run.pk}/", headers={"Accept-Language": "es"})
    body = page.content.decode()
    assert "Fecha de nacimiento: fechas de nacimiento con el día y el mes invertidos" in body
    with translation.override("es"):
        for field, level, _weight, english in candidate.features:
            shown = f"{feature_label(field)}: {feature_explanation(field, level, english)}"
            assert shown in body
            assert f"{field}: {english}" not in body


def test_api(actors, store, signed_in, django_capture_on_commit_callbacks):
    owner = actor_for(actors.owner)
    batch = _dataset(owner)
    client = signed_in(actors.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/xref/runs",
            {"left_batch_id": batch.pk, "justification": "x"},
            content_type="application/json",
        )
    assert response.status_code == 201
    run_id = response.json()["id"]
    queue = client.get(f"/api/v1/xref/runs/{run_id}/candidates", HTTP_ACCEPT_LANGUAGE="es").json()
    items = queue["items"] if isinstance(queue, dict) else queue
    assert len(items) == 2
    surname = next(f for f in items[0]["features"] if f["field"] == "surname")
    assert set(surname) == {"field", "level", "weight", "explanation"}
    stored = MatchCandidate.objects.get(pk=items[0]["id"]).features
    english = next(f[3] for f in stored if f[0] == "surname")
    assert surname["explanation"] and surname["explanation"] != english, "in Spanish"
    decided = client.post(
        f"/api/v1/xref/candidates/{items[0]['id']}/review",
        {"decision": "rejected"},
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["decision"] == "rejected"
    bad = client.post(
        f"/api/v1/xref/candidates/{items[1]['id']}/review",
        {"decision": "maybe"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert client.get("/api/v1/xref/runs/999999/candidates").status_code == 404
    assert MatchCandidate.objects.filter(decision="pending").count() == 1


def test_the_queue_hides_pairs_whose_record_one_may_no_longer_see(actors):
    owner = actor_for(actors.owner)
    colleague = actor_for(actors.other_institution)
    shared = entity_services.entity_create(
        actor=colleague,
        schema="Person",
        properties={"firstName": "Lucía", "lastName": "Ferreira", "birthDate": "1975-03-30"},
        provenance={"share_scope": "country"},
    )
    run = _run(owner, _dataset(owner))
    from paccto.xref import selectors

    assert [c.right_id for c in selectors.candidate_list(actor=owner, run=run)] == [shared.pk]
    entity_services.entity_update(
        actor=colleague, entity=shared, provenance={"share_scope": "owner"}
    )
    assert not selectors.candidate_list(actor=owner, run=run).exists()
    with pytest.raises(PermissionDenied):
        services.candidate_review(actor=owner, candidate=run.candidates.get(), decision="confirmed")


def test_another_institution_s_decisions_do_not_hide_its_pairs(actors):
    """The police's rejections of their pairs hid the same pairs from the prosecution's own
    run: its candidates were lost, and the police's decisions showed through."""
    police = actor_for(actors.owner)
    prosecution = actor_for(actors.other_institution)
    theirs = _dataset(prosecution)  # shared with the country: the police see it
    police_run = _run(police, _dataset(police))
    assert police_run.candidate_count >= 3
    for candidate in police_run.candidates.all():
        services.candidate_review(actor=police, candidate=candidate, decision="rejected")
    assert _run(police, police_run.left_batch).candidate_count == 0
    assert _run(prosecution, theirs).candidate_count == police_run.candidate_count


def test_a_pair_decided_in_one_run_is_not_decided_again_in_another(actors, store):
    """Two runs of one dataset held the same pair pending: it was confirmed in both (two
    'same as' links), or confirmed in one and rejected in the other."""
    owner = actor_for(actors.owner)
    batch = _dataset(owner)
    first, second = _run(owner, batch), _run(owner, batch)
    paco = store[0]
    services.candidate_review(
        actor=owner, candidate=first.candidates.get(right=paco), decision="confirmed"
    )
    for decision in ("confirmed", "rejected"):
        with pytest.raises(ValidationError):
            services.candidate_review(
                actor=owner, candidate=second.candidates.get(right=paco), decision=decision
            )
    assert Link.objects.count() == 1
    assert second.candidates.get(right=paco).decision == "pending"


def test_a_pair_with_a_merged_or_hidden_record_answers_404(actors, store):
    """The queue hides them; reviewing one answered 403 (hidden) or made a 'same as' link
    to a merged record."""
    from django.http import Http404

    from paccto.xref import selectors

    owner = actor_for(actors.owner)
    paco, maria, _foreign = store
    run = _run(owner, _dataset(owner))
    merged = run.candidates.get(right=paco)
    entity_services.entity_merge(actor=owner, kept=paco, merged=merged.left, reason="same")
    assert merged.pk not in {c.pk for c in selectors.candidate_list(actor=owner, run=run)}
    with pytest.raises(Http404):
        selectors.candidate_get(actor=owner, pk=merged.pk)
    other = run.candidates.get(right=maria)
    assert selectors.candidate_get(actor=owner, pk=other.pk) == other
    # A decision taken stays in the run's history when the merge follows it.
    services.candidate_review(actor=owner, candidate=other, decision="confirmed")
    entity_services.entity_merge(actor=owner, kept=maria, merged=other.left, reason="same")
    assert other.pk in {c.pk for c in selectors.candidate_list(actor=owner, run=run)}


def test_a_dataset_whose_names_were_cut_at_a_fixed_width(actors):
    """A dataset exported from a register that keeps the whole name in 20 characters
    (Manuel Francisco Dom): its cut names are read as cut, and paired with the same persons
    in a dataset of whole names."""
    from faker import Faker

    fake = Faker(["es_ES", "es_MX", "pt_BR"])
    fake.seed_instance(3)
    whole = ["nombre,apellido,segundo_apellido,fecha_nacimiento"]
    cut = ["nombre,fecha_nacimiento"]
    for _ in range(120):
        given = f"{fake.first_name()} {fake.first_name()}"
        first, second = fake.last_name(), fake.last_name()
        dob = fake.date_of_birth(minimum_age=18, maximum_age=80).isoformat()
        whole.append(f"{given},{first},{second},{dob}")
        cut.append(f"{f'{given} {first} {second}'[:20].rstrip()},{dob}")
    owner = actor_for(actors.owner)
    right = _dataset(owner, "\n".join(whole) + "\n")
    batch = entity_services.import_batch_create(
        actor=owner, file_name="cut.csv", content=("\n".join(cut) + "\n").encode(), schema="Person"
    )
    batch = entity_services.import_batch_map(
        actor=owner,
        batch=batch,
        mapping={"nombre": "name", "fecha_nacimiento": "birthDate"},
        provenance={"share_scope": "country"},
        in_background=False,
    )
    entity_services.import_batch_validate(batch=batch)
    entity_services.import_batch_confirm(actor=owner, batch=batch, in_background=False)
    left = entity_services.import_batch_run(batch=batch)
    run = _run(owner, left, right)
    pairs = {(c.left.caption, c.right.caption) for c in run.candidates.all()}
    assert len(pairs) >= 110
    assert all(b.startswith(a) or a.startswith(b.split()[0]) for a, b in pairs)
