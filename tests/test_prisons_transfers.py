"""Transfers of sentenced persons: the state machine, consent and its legal exceptions,
both states' decisions, documents with their SHA-256, who may see and act."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from paccto.audit.models import AuditEntry
from paccto.core.choices import Role
from paccto.core.models import Country
from paccto.core.permissions import actor_for, visible_to
from paccto.core.uploads import Upload
from paccto.prisons import selectors, services
from paccto.prisons.models import TransferDossier, TransferStep
from paccto.prisons.services.transfers import TRANSFER_FILES
from tests.factories import make_user
from tests.prisons_factories import (
    PDF,
    admit,
    attach_documents,
    dated,
    identity,
    open_transfer,
    prison_officer,
    run_transfer,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def co():
    return prison_officer("CO", username="co.prison")


@pytest.fixture
def es():
    return prison_officer("ES", username="es.prison")


def _step(user, dossier, step, **data):
    return services.transfer_step(actor=actor_for(user), dossier=dossier, step=step, data=data)


def test_a_transfer_runs_its_steps_in_order_and_the_inmate_leaves_custody(co, es):
    inmate = admit(co)
    dossier = open_transfer(co, inmate, instrument="bilateral", to="ES")
    assert dossier.reference == f"CO-TSP-{dossier.pk:06d}"
    assert (dossier.person_name, dossier.sentence_months) == (inmate.full_name, 96)
    run_transfer(co, es, dossier)
    dossier.refresh_from_db()
    inmate.refresh_from_db()
    assert dossier.status == "transferred" and dossier.transfer_date == TODAY
    assert (inmate.status, inmate.released_on) == ("transferred", TODAY)
    abroad = inmate.events.get(kind="transfer_abroad")
    assert abroad.to_value == Country.objects.get(pk="ES").name
    steps = list(TransferStep.objects.filter(dossier=dossier).order_by("at", "pk"))
    assert [(s.kind, s.from_status, s.to_status) for s in steps] == [
        ("open", "", "opened"),
        ("consent", "opened", "consent"),
        ("sentencing_decision", "consent", "sentencing_approved"),
        ("forward", "sentencing_approved", "forwarded"),
        ("administering_decision", "forwarded", "accepted"),
        ("adapt", "accepted", "adapted"),
        ("transfer", "adapted", "transferred"),
    ]
    assert [s.institution_id for s in steps[4:6]] == [es.institution_id] * 2
    assert all(s.at is not None for s in steps)


STEPS_OUT_OF_ORDER = [  # dates as days from today (``dated``)
    ("sentencing_decision", "opened", {"decision": "approve"}),
    ("forward", "opened", {}),
    ("transfer", "opened", {"transfer_date": timedelta(0)}),
    ("consent", "consent", {"consent_given": True, "consent_date": timedelta(0)}),
    ("forward", "consent", {}),
    ("consent", "forwarded", {"consent_given": True, "consent_date": timedelta(0)}),
    ("transfer", "accepted", {"transfer_date": timedelta(0)}),
]


@pytest.mark.parametrize(("step", "reached", "data"), STEPS_OUT_OF_ORDER)
def test_steps_out_of_order_are_refused_change_nothing_and_are_audited(co, es, step, reached, data):
    dossier = open_transfer(co, admit(co), to="ES")
    until = {
        "opened": None,
        "consent": "consent",
        "forwarded": "forward",
        "accepted": "administering_decision",
    }[reached]
    if until:
        run_transfer(co, es, dossier, until=until)
    dossier.refresh_from_db()
    assert dossier.status == reached
    steps = dossier.steps.count()
    with pytest.raises(ValidationError) as error:
        _step(co, dossier, step, **dated(data))
    assert "This step is not possible now" in error.value.messages[0]
    dossier.refresh_from_db()
    assert dossier.status == reached and dossier.steps.count() == steps
    entry = AuditEntry.objects.filter(details__event=step, details__refused=True).get()
    assert entry.object_id == str(dossier.pk)


CONSENT_CASES = [
    # (instrument, sentencing, administering, nationality, data, error field or "")
    ("bilateral", "CO", "ES", "ES", {"consent_given": False}, "consent_exception"),
    (
        "managua_1993",
        "CO",
        "MX",
        "MX",
        {"consent_exception": "nationality_residence", "note": "Lives in Puebla"},
        "consent_exception",
    ),
    (
        "coe_1983",
        "ES",
        "CO",
        "CO",
        {"consent_exception": "nationality_residence", "note": "Lives in Cali"},
        "consent_exception",
    ),
    (
        "eu_fd_2008_909",
        "ES",
        "PT",
        "FR",
        {"consent_exception": "nationality_residence", "note": "Lives in Porto"},
        "consent_exception",
    ),
    ("eu_fd_2008_909", "ES", "PT", "PT", {"consent_exception": "fled"}, "note"),
    ("bilateral", "CO", "ES", "ES", {"consent_given": True}, "consent_date"),
    (
        "bilateral",
        "CO",
        "ES",
        "ES",
        {"consent_given": True, "consent_date": timedelta(0), "consent_exception": "fled"},
        "consent_exception",
    ),
    (
        "eu_fd_2008_909",
        "ES",
        "PT",
        "PT",
        {"consent_exception": "nationality_residence", "note": "Lives in Porto with family"},
        "",
    ),
    ("coe_1983", "ES", "CO", "CO", {"consent_exception": "deportation", "note": "Expulsion"}, ""),
    ("managua_1993", "CO", "MX", "MX", {"consent_given": True, "consent_date": timedelta(0)}, ""),
]


@pytest.mark.parametrize(
    ("instrument", "sentencing", "administering", "nationality", "data", "field"), CONSENT_CASES
)
def test_a_transfer_needs_consent_or_an_exception_the_instrument_allows(
    instrument, sentencing, administering, nationality, data, field
):
    officer = prison_officer(sentencing)
    inmate = admit(officer, person_identity=identity(nationality))
    dossier = open_transfer(officer, inmate, instrument=instrument, to=administering)
    if field:
        with pytest.raises(ValidationError) as error:
            _step(officer, dossier, "consent", **dated(data))
        assert field in error.value.message_dict
        dossier.refresh_from_db()
        assert dossier.status == "opened" and dossier.consent_given is None
    else:
        _step(officer, dossier, "consent", **dated(data))
        dossier.refresh_from_db()
        assert dossier.status == "consent"


def test_the_instrument_must_bind_both_states(co):
    with pytest.raises(ValidationError) as error:
        open_transfer(co, admit(co), instrument="eu_fd_2008_909", to="ES")
    assert "does not apply between these two states" in error.value.message_dict["instrument"][0]
    with pytest.raises(ValidationError) as error:
        open_transfer(co, admit(co), instrument="bilateral", to="CO")
    assert "administering_country" in error.value.message_dict
    dossier = open_transfer(co, admit(co), instrument="mercosur_2004", to="AR")
    assert dossier.instrument == "mercosur_2004"


def test_only_a_sentenced_person_in_custody_is_transferred_once_at_a_time(co):
    remand = admit(
        co,
        legal_status="remand",
        sentence_type="",
        sentence_months=None,
        sentence_court="",
        sentence_date=None,
    )
    with pytest.raises(ValidationError, match="sentenced person in custody"):
        open_transfer(co, remand)
    inmate = admit(co)
    open_transfer(co, inmate)
    with pytest.raises(ValidationError, match="already under way"):
        open_transfer(co, inmate)


def test_decisions_in_the_wrong_order_of_dates_and_refusals(co, es):
    dossier = open_transfer(co, admit(co), to="ES")
    _step(co, dossier, "consent", consent_given=True, consent_date=TODAY)
    with pytest.raises(ValidationError) as error:
        _step(
            co, dossier, "sentencing_decision", decision="approve", decided_on=TODAY - timedelta(5)
        )
    assert "decided_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _step(co, dossier, "sentencing_decision", decision="refuse")
    assert "grounds" in error.value.message_dict
    _step(co, dossier, "sentencing_decision", decision="approve", decided_on=TODAY)
    with pytest.raises(ValidationError, match="certificate and the judgment"):
        _step(co, dossier, "forward")
    attach_documents(co, dossier)
    _step(co, dossier, "forward")
    with pytest.raises(PermissionDenied):
        _step(co, dossier, "administering_decision", decision="accept")
    _step(es, dossier, "administering_decision", decision="refuse", grounds="Not a national")
    dossier.refresh_from_db()
    assert (dossier.status, dossier.refused_by_id) == ("refused", "ES")
    with pytest.raises(ValidationError):
        _step(co, dossier, "withdraw", note="Too late")


def test_an_adaptation_may_not_aggravate_the_sentence(co, es):
    dossier = open_transfer(co, admit(co, sentence_months=48), to="ES")
    run_transfer(co, es, dossier, until="administering_decision")
    for data, field in (
        (
            {"adapted": True, "adapted_sentence_months": 60, "grounds": "Spanish law"},
            "adapted_sentence_months",
        ),
        ({"adapted": True, "adapted_sentence_months": 30}, "grounds"),
        ({"adapted": False, "adapted_sentence_months": 30}, "adapted_sentence_months"),
        (
            {"adapted": False, "planned_transfer_date": TODAY - timedelta(days=1)},
            "planned_transfer_date",
        ),
    ):
        with pytest.raises(ValidationError) as error:
            _step(es, dossier, "adapt", **data)
        assert field in error.value.message_dict
    _step(
        es,
        dossier,
        "adapt",
        adapted=True,
        adapted_sentence_months=36,
        grounds="Maximum under Spanish law",
        planned_transfer_date=TODAY + timedelta(days=20),
    )
    dossier.refresh_from_db()
    assert (dossier.status, dossier.adapted_sentence_months) == ("adapted", 36)
    with pytest.raises(ValidationError, match="once it has happened"):
        _step(co, dossier, "transfer", transfer_date=TODAY + timedelta(days=20))


def test_the_sentencing_state_withdraws_an_open_dossier(co):
    dossier = open_transfer(co, admit(co), to="ES")
    with pytest.raises(ValidationError) as error:
        _step(co, dossier, "withdraw")
    assert "note" in error.value.message_dict
    _step(co, dossier, "withdraw", note="The person withdrew the request")
    dossier.refresh_from_db()
    assert dossier.status == "withdrawn"
    with pytest.raises(ValidationError):
        _step(co, dossier, "unknown")


def test_dossiers_are_seen_by_the_prison_services_and_central_authorities_of_both_states(co, es):
    dossier = open_transfer(co, admit(co), to="ES")
    co_central = actor_for(make_user("CO", "central_authority", (Role.PROSECUTOR,)))
    es_central = actor_for(make_user("ES", "central_authority", (Role.PROSECUTOR,)))
    seeing = [actor_for(co), actor_for(es), co_central, es_central]
    not_seeing = [
        actor_for(prison_officer("PE")),
        actor_for(make_user("CO", "police", (Role.ANALYST,))),
        actor_for(make_user("CO", "prosecution", (Role.PROSECUTOR,))),
        actor_for(make_user("CO", "penitentiary", (Role.ANALYST,))),  # not a prison officer
        actor_for(make_user("ES", "central_authority", ())),
    ]
    for actor in seeing:
        assert list(visible_to(actor, TransferDossier)) == [dossier]
    for actor in not_seeing:
        assert not visible_to(actor, TransferDossier).exists()
        with pytest.raises(Http404):
            selectors.transfer_get(actor=actor, pk=dossier.pk)
    assert list(visible_to(es_central, TransferDossier, "administering")) == [dossier]
    assert not visible_to(es_central, TransferDossier, "sentencing").exists()
    # A central authority of the sentencing state takes its steps too.
    services.transfer_step(
        actor=co_central,
        dossier=dossier,
        step="consent",
        data={"consent_given": True, "consent_date": TODAY},
    )


def test_documents_are_checked_stored_and_verified_when_downloaded(co, es):
    dossier = open_transfer(co, admit(co), to="ES")
    with pytest.raises(ValidationError, match="is a program"):
        services.transfer_document_add(
            actor=actor_for(co),
            dossier=dossier,
            kind="judgment",
            upload=Upload("judgment.exe", b"MZ" + b"\0" * 100),
        )
    with pytest.raises(ValidationError, match="does not match its extension"):
        services.transfer_document_add(
            actor=actor_for(co),
            dossier=dossier,
            kind="judgment",
            upload=Upload("judgment.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 40),
        )
    with pytest.raises(PermissionDenied):
        services.transfer_document_add(
            actor=actor_for(es), dossier=dossier, kind="judgment", upload=Upload("j.pdf", PDF)
        )
    document = services.transfer_document_add(
        actor=actor_for(co), dossier=dossier, kind="judgment", upload=Upload("sentencia.pdf", PDF)
    )
    assert document.media_type == "application/pdf" and len(document.sha256) == 64
    assert services.transfer_document_open(actor=actor_for(es), document=document) == PDF
    TRANSFER_FILES.path(document.stored_name).write_bytes(PDF + b"tampered")
    with pytest.raises(services.TransferDocumentIntegrityError):
        services.transfer_document_open(actor=actor_for(es), document=document)
    refused = AuditEntry.objects.filter(
        object_type="prisons.transferdocument", details__refused="integrity"
    )
    assert refused.count() == 1
    run_transfer(co, es, dossier, until="forward")
    with pytest.raises(ValidationError, match="before the dossier is forwarded"):
        services.transfer_document_add(
            actor=actor_for(co), dossier=dossier, kind="other", upload=Upload("x.pdf", PDF)
        )


# --- the policy cycle's automatic indicator -------------------------------------------------


def test_completed_transfers_are_counted_for_the_policy_cycle_by_sending_state_and_year(co, es):
    from datetime import date

    from paccto.cases import services as case_services
    from paccto.policy.sources import indicator_source
    from tests.cases_factories import make_case

    investigator = make_user("CO", "police", (Role.INVESTIGATOR,))
    case = make_case(investigator, reference="CO-2026-909", criminal_markets=["drugs", "firearms"])
    lead = actor_for(investigator)
    for stage in ("investigation", "prosecution", "trial", "sentence_execution"):
        case_services.case_change_stage(actor=lead, case=case, to_stage=stage, reason=stage)
    case_services.case_add_participant(
        actor=lead, case=case, role="member", institution=co.institution
    )
    with_case = open_transfer(co, admit(co, case=case), to="ES")
    run_transfer(co, es, with_case)
    run_transfer(co, es, open_transfer(co, admit(co), to="ES"))
    run_transfer(es, co, open_transfer(es, admit(es), to="CO"))
    # Not completed: accepted but not yet moved, and withdrawn.
    run_transfer(co, es, open_transfer(co, admit(co), to="ES"), until="administering_decision")
    withdrawn = open_transfer(co, admit(co), to="ES")
    _step(co, withdrawn, "withdraw", note="The person withdrew the request")

    source = indicator_source("prison_transfers_completed")
    assert source is not None and not source.counts_people
    year = TODAY.year
    counts = list(source.count(date(year, 1, 1), date(year, 12, 31)))
    assert {(c.country, c.criminal_markets, c.year, c.value) for c in counts} == {
        ("CO", ("drugs", "firearms"), year, 1),
        ("CO", (), year, 1),
        ("ES", (), year, 1),
    }
    assert all((c.sex, c.age_group) == ("", "") for c in counts)  # no one's breakdown
    assert not list(source.count(date(2000, 1, 1), date(2000, 12, 31)))
