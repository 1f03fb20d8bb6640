"""Judicial cooperation requests: the state machine (a table an analyst can read), the
rules of drafting and sending, human-rights safeguards, who sees and acts, refusals that
change nothing and are audited, and the hand-off of a case along the chain."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404

from paccto.audit.models import AuditEntry
from paccto.cases import services as case_services
from paccto.cases.models import CaseParticipant
from paccto.cases.selectors import case_timeline_events
from paccto.core.permissions import actor_for, visible_to
from paccto.exchange.models import Notification
from paccto.judicial import machine, selectors, services
from paccto.judicial.models import (
    DeadlineRule,
    JudicialRequest,
    LegalBasis,
    RefusalGround,
    SafeguardRule,
)
from tests.cases_factories import make_case
from tests.factories import institution
from tests.judicial_data import (
    JudicialActors,
    answer_all,
    basis,
    draft,
    person,
    sent,
    step,
    values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return JudicialActors()


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English (the platform's default language is Spanish)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def refusals(event: str | None = None):
    qs = AuditEntry.objects.filter(details__refused__isnull=False)
    return [e for e in qs if event is None or e.details.get("event") == event]


# The state machine, as a table --------------------------------------------------------------------

R, E = "requesting", "executing"
STEP_TABLE = [
    # (from, action, side taking it, refusal or None, why)
    ("draft", "send", R, None, "the requesting side sends its draft"),
    ("draft", "send", E, "wrong_side", "the executing side never sends"),
    ("draft", "confirm_receipt", E, "out_of_order", "nothing to confirm before sending"),
    ("draft", "withdraw", R, None, "a draft may be withdrawn"),
    ("sent", "confirm_receipt", E, None, "the executing side confirms receipt"),
    ("sent", "confirm_receipt", R, "wrong_side", "the requester cannot confirm for them"),
    ("sent", "recognise", E, "out_of_order", "receipt is confirmed first"),
    ("sent", "send", R, "out_of_order", "a request is sent once"),
    ("receipt_confirmed", "recognise", E, None, "decision on recognition"),
    ("receipt_confirmed", "refuse", E, None, "refusal (with a ground)"),
    ("receipt_confirmed", "ask_clarification", E, None, "the executing side asks"),
    ("receipt_confirmed", "start_execution", E, "out_of_order", "recognition comes first"),
    ("clarification_asked", "give_clarification", R, None, "the requester answers"),
    ("clarification_asked", "recognise", E, "out_of_order", "wait for the answer"),
    ("clarification_asked", "give_clarification", E, "wrong_side", "only the requester answers"),
    ("clarification_given", "recognise", E, None, "back to the executing side"),
    ("clarification_given", "ask_clarification", E, None, "it may ask again"),
    ("clarification_given", "refuse", E, None, "or refuse"),
    ("recognised", "start_execution", E, None, "execution starts"),
    ("recognised", "execute", E, "out_of_order", "execution starts first"),
    ("recognised", "refuse", E, "out_of_order", "already recognised"),
    ("in_execution", "execute", E, None, "executed in full"),
    ("in_execution", "execute_partially", E, None, "executed in part"),
    ("in_execution", "withdraw", R, None, "the requester may withdraw until executed"),
    ("executed", "transfer_results", E, None, "results go back"),
    ("executed", "withdraw", R, "out_of_order", "too late to withdraw"),
    ("partially_executed", "transfer_results", E, None, "partial results go back"),
    ("results_transferred", "close", R, None, "the requester closes"),
    ("results_transferred", "close", E, "wrong_side", "the executing side does not close"),
    ("refused", "close", R, None, "a refused request is closed"),
    ("refused", "recognise", E, "out_of_order", "a refusal is final for that side"),
    ("closed", "withdraw", R, "final", "nothing after closing"),
    ("withdrawn", "send", R, "final", "nothing after withdrawal"),
    ("sent", "confirm_receipt", None, "wrong_side", "an actor on neither side"),
    ("sent", "approve", E, "unknown", "no such step"),
]


@pytest.mark.parametrize(
    ("status", "action", "side", "refusal", "why"),
    STEP_TABLE,
    ids=[f"{s}-{a}-{side}" for s, a, side, _, _ in STEP_TABLE],
)
def test_state_machine_table(status, action, side, refusal, why):
    assert machine.step_refusal(status, action, side) == refusal, why


def test_every_status_is_reachable_and_every_step_leads_somewhere_known():
    from paccto.judicial.choices import RequestStatus

    targets = {step.target for step in machine.TRANSITIONS.values()}
    sources = set().union(*(step.sources for step in machine.TRANSITIONS.values()))
    assert targets | {"draft"} == set(RequestStatus.values)
    assert sources <= set(RequestStatus.values)
    assert machine.allowed_steps("sent", frozenset({E})) == ["confirm_receipt"]
    assert machine.allowed_steps("sent", frozenset({R})) == ["withdraw"]


# Reference data -----------------------------------------------------------------------------------


def test_reference_data_is_loaded_and_reloads_without_duplicates():
    counts = (
        LegalBasis.objects.count(),
        DeadlineRule.objects.count(),
        SafeguardRule.objects.count(),
    )
    assert counts[0] >= 15 and counts[1] >= 8 and counts[2] >= 8
    assert RefusalGround.objects.filter(key="dual-criminality", active=True).exists()
    call_command("load_reference")
    assert (
        LegalBasis.objects.count(),
        DeadlineRule.objects.count(),
        SafeguardRule.objects.count(),
    ) == counts


@pytest.mark.parametrize(
    ("key", "requesting", "executing", "applies"),
    [
        ("eu-eio", "PT", "ES", True),
        ("eu-eio", "ES", "CO", False),  # an EU instrument between EU states only
        ("untoc", "ES", "CO", True),  # every state is a party
        ("mercosur-mla", "AR", "UY", True),
        ("mercosur-mla", "AR", "CO", False),
        ("caracas-1981", "CO", "ES", False),
        ("bilateral", "CO", "CO", False),  # two states, not one
    ],
)
def test_a_legal_basis_applies_between_its_states_parties(key, requesting, executing, applies):
    assert selectors.legal_basis_applies(basis(key), requesting, executing) is applies


def test_the_most_specific_deadline_rule_wins():
    def rule(**kwargs):
        found = selectors.deadline_rule_for(**kwargs)
        return found.hours if found else None

    eio = {"instrument": "eu-eio", "request_type": "evidence_order", "urgency": "normal"}
    assert rule(**eio, phase="recognition") == 720
    assert rule(**eio, phase="execution") == 2160
    freezing = {"instrument": "eu-2018-1805", "request_type": "assets"}
    assert rule(**freezing, urgency="urgent", phase="recognition") == 48
    assert rule(**freezing, urgency="normal", phase="recognition") == 1080
    arrest = {"instrument": "untoc", "request_type": "provisional_arrest", "urgency": "normal"}
    assert rule(**arrest, phase="recognition") == 48
    mla = {"instrument": "untoc", "request_type": "mla_evidence", "urgency": "urgent"}
    assert rule(**mla, phase="recognition") is None


# Drafting: bad input is refused, changes nothing, and is audited ----------------------------------


BAD_DRAFTS = [
    ({"legal_basis": None}, "legal_basis", "no legal basis"),
    ({"executing_institution": None}, "executing_institution", "unknown institution"),
    (
        {"executing_institution": "es-fiscalia-general"},
        "executing_institution",
        "one's own institution",
    ),
    ({"executing_institution": "es-tribunal-supremo"}, "executing_institution", "same state"),
    (
        {"executing_institution": "co-policia-nacional"},
        "executing_institution",
        "police do not execute judicial requests",
    ),
    ({"legal_basis": "eu-eio", "request_type": "evidence_order"}, "legal_basis", "EU basis to CO"),
    ({"legal_basis": "caracas-1981", "request_type": "extradition"}, "legal_basis", "not parties"),
    ({"legal_basis": "eu-2008-909"}, "legal_basis", "basis does not cover the kind"),
    ({"legal_basis": "bilateral"}, "legal_basis_detail", "a bilateral treaty must be named"),
    ({"facts_from": date(2025, 6, 1), "facts_to": date(2025, 1, 1)}, "facts_to", "dates reversed"),
    ({"facts_from": date(2999, 1, 1), "facts_to": None}, "facts_from", "facts in the future"),
    ({"urgency": "urgent"}, "urgency_reasons", "urgency needs reasons"),
    ({"title": "  "}, "title", "no subject"),
    ({"language": "de"}, "language", "not a platform language"),
    ({"criminal_markets": ["piracy"]}, "criminal_markets", "unknown market"),
    ({"request_type": "surrender"}, "request_type", "unknown kind"),
    ({"requesting_central_authority": "co-fgn-dai"}, "requesting_central_authority", "wrong state"),
    ({"executing_central_authority": "co-fiscalia"}, "executing_central_authority", "not central"),
]


@pytest.mark.parametrize(("change", "field", "why"), BAD_DRAFTS, ids=[w for _, _, w in BAD_DRAFTS])
def test_a_bad_draft_is_refused_with_its_field_audited_and_nothing_is_written(
    people, change, field, why
):
    data = dict(change)
    for key in (
        "executing_institution",
        "requesting_central_authority",
        "executing_central_authority",
    ):
        if isinstance(data.get(key), str):
            data[key] = institution(data[key])
    if isinstance(data.get("legal_basis"), str):
        data["legal_basis"] = basis(data["legal_basis"])
    kind = data.pop("request_type", "mla_evidence")
    with pytest.raises(ValidationError) as caught:
        services.judicial_request_create(
            actor=actor_for(people.es_prosecutor),
            values=values("co-fiscalia", kind, **{"legal_basis": "untoc", **data}),
        )
    assert field in caught.value.message_dict, why
    assert not JudicialRequest.objects.exists()
    assert [e.details["fields"] for e in refusals("create")] == [sorted(caught.value.message_dict)]


def test_error_messages_are_translated(people):
    from django.utils import translation

    with translation.override("es"), pytest.raises(ValidationError) as caught:
        services.judicial_request_create(
            actor=actor_for(people.es_prosecutor),
            values=values("co-fiscalia", "evidence_order", legal_basis=basis("eu-eio")),
        )
    assert "no se aplica entre" in caught.value.message_dict["legal_basis"][0]


def test_only_judges_and_prosecutors_draft_and_the_refusal_is_audited(people):
    for user in (people.es_analyst, people.es_police, people.co_admin):
        with pytest.raises(PermissionDenied):
            draft(user, "co-fiscalia")
    assert not JudicialRequest.objects.exists()
    assert len(refusals("create")) == 3


def test_a_draft_gets_its_number_event_and_audit_entry(people):
    request = draft(people.es_prosecutor, "co-fiscalia", "evidence_order")
    year = request.created_at.year
    assert request.number == f"ES-EIO-{year}-{request.pk:06d}"
    assert request.status == "draft" and request.sent_at is None
    event = request.events.get()
    assert (event.action, event.to_status, event.by_id) == (
        "create",
        "draft",
        people.es_prosecutor.pk,
    )
    entry = AuditEntry.objects.get(object_type="judicial.judicialrequest", action="collect")
    assert entry.details["to"] == "co-fiscalia" and entry.details["legal_basis"] == "untoc"


def test_a_draft_is_changed_by_its_institution_only_and_its_kind_never(people):
    request = draft(people.es_prosecutor, "co-fiscalia")
    services.judicial_request_update(
        actor=actor_for(people.es_prosecutor), request=request, changes={"title": "New subject"}
    )
    request.refresh_from_db()
    assert request.title == "New subject"
    with pytest.raises(ValidationError):
        services.judicial_request_update(
            actor=actor_for(people.es_prosecutor),
            request=request,
            changes={"request_type": "extradition"},
        )
    with pytest.raises(PermissionDenied):
        services.judicial_request_update(
            actor=actor_for(people.es_analyst), request=request, changes={"title": "x"}
        )
    step(people.es_prosecutor, request, "send")
    with pytest.raises(PermissionDenied):
        services.judicial_request_update(
            actor=actor_for(people.es_prosecutor), request=request, changes={"title": "x"}
        )
    request.refresh_from_db()
    assert request.title == "New subject"


# Human-rights safeguards --------------------------------------------------------------------------


def test_an_extradition_cannot_leave_without_the_four_answers_and_the_person(people):
    request = draft(people.co_prosecutor, "es-fiscalia-general", "extradition", language="es")
    assert services.safeguards_required_for(request)
    with pytest.raises(ValidationError) as caught:
        step(people.co_prosecutor, request, "send")
    assert {"safeguards", "entities"} <= set(caught.value.message_dict)
    request.refresh_from_db()
    assert request.status == "draft" and request.sent_at is None
    assert refusals("send")[-1].details["fields"] == ["entities", "safeguards"]
    answer_all(people.co_prosecutor, request)
    services.request_entity_add(
        actor=actor_for(people.co_prosecutor),
        request=request,
        entity=person(people.co_prosecutor),
        role="sought",
    )
    step(people.co_prosecutor, request, "send")
    request.refresh_from_db()
    assert request.status == "sent" and request.sent_at is not None


def test_safeguards_are_required_by_the_requested_states_law_for_any_kind(people):
    to_spain = draft(people.co_prosecutor, "es-fiscalia-general", "mla_evidence")
    to_colombia = draft(people.es_prosecutor, "co-fiscalia", "mla_evidence")
    assert services.safeguards_required_for(to_spain)
    assert not services.safeguards_required_for(to_colombia)
    step(people.es_prosecutor, to_colombia, "send")  # nothing to answer


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        (
            {"question": "death_penalty", "answer": True, "explanation": "Risk."},
            "death_penalty_assurance",
        ),
        ({"question": "torture", "answer": None, "explanation": "x"}, "torture_answer"),
        ({"question": "fair_trial", "answer": False, "explanation": " "}, "fair_trial_explanation"),
        ({"question": "astrology", "answer": False, "explanation": "x"}, "question"),
    ],
)
def test_bad_safeguard_answers_are_refused(people, answer, field):
    request = draft(people.co_prosecutor, "es-fiscalia-general", "extradition")
    with pytest.raises(ValidationError) as caught:
        services.safeguards_answer(
            actor=actor_for(people.co_prosecutor), request=request, answers=[answer]
        )
    assert field in caught.value.message_dict
    assert not request.safeguards.exists()
    assert refusals("safeguards")


def test_a_yes_on_the_death_penalty_with_its_assurance_is_kept_and_shown_to_the_executing_side(
    people,
):
    request = draft(people.co_prosecutor, "es-fiscalia-general", "extradition")
    answer_all(people.co_prosecutor, request, death_penalty=True)
    services.request_entity_add(
        actor=actor_for(people.co_prosecutor),
        request=request,
        entity=person(people.co_prosecutor),
        role="sought",
    )
    step(people.co_prosecutor, request, "send")
    seen = selectors.judicial_request_get(actor=actor_for(people.es_prosecutor), pk=request.pk)
    death = selectors.request_safeguards(request=seen).get(question="death_penalty")
    assert death.answer is True and "undertakes" in death.assurance


def test_only_the_requesting_side_answers(people):
    request = sent(people.co_prosecutor, "es-fiscalia-general", "extradition")
    with pytest.raises(PermissionDenied):
        answer_all(people.es_prosecutor, request)


# Persons and assets -------------------------------------------------------------------------------


def test_a_person_named_on_a_request_is_snapshotted_and_disclosed_with_an_audit_entry(people):
    request = draft(people.co_prosecutor, "es-fiscalia-general", "extradition")
    someone = person(people.co_prosecutor)
    link = services.request_entity_add(
        actor=actor_for(people.co_prosecutor), request=request, entity=someone, role="sought"
    )
    assert (link.caption, link.reference) == (someone.caption, someone.reference)
    entry = AuditEntry.objects.get(action="disclose", object_id=str(someone.pk))
    assert entry.justification == request.number


def test_records_one_may_not_see_or_others_h2_records_cannot_be_named(people):
    from paccto.entities.services import entity_create

    request = draft(people.es_prosecutor, "co-fiscalia")
    hidden = person(people.co_police)  # owned by the Colombian police, not shared
    h2 = entity_create(
        actor=actor_for(people.co_police),
        schema="Person",
        properties={"firstName": "Ana", "lastName": "Díaz"},
        provenance={"share_scope": "platform", "handling_code": "H2"},
    )
    for entity, role in (
        (hidden, "suspect"),
        (h2, "suspect"),
        (person(people.es_prosecutor), "asset"),
    ):
        with pytest.raises(ValidationError):
            services.request_entity_add(
                actor=actor_for(people.es_prosecutor), request=request, entity=entity, role=role
            )
    assert not request.entity_links.exists()
    assert len(refusals("entity_add")) == 3


# Steps, sides and refusals ------------------------------------------------------------------------


def test_a_request_runs_its_course_with_time_stamped_steps_by_each_side(people):
    request = sent(people.es_prosecutor, "co-fiscalia")
    co = people.co_prosecutor
    step(co, request, "confirm_receipt")
    step(co, request, "ask_clarification", reason="Which account numbers?")
    step(people.es_prosecutor, request, "give_clarification", reason="IBAN ES00 0000 (synthetic)")
    step(co, request, "recognise")
    step(co, request, "start_execution")
    step(co, request, "execute_partially", reason="One witness could not be found.")
    step(co, request, "transfer_results", reason="Results sent through the central authority.")
    step(people.es_prosecutor, request, "close")
    request.refresh_from_db()
    assert request.status == "closed"
    trail = list(request.events.values_list("action", "from_status", "to_status", "side"))
    assert trail[0][:3] == ("create", "", "draft")
    assert [t[0] for t in trail[1:]] == [
        "send",
        "confirm_receipt",
        "ask_clarification",
        "give_clarification",
        "recognise",
        "start_execution",
        "execute_partially",
        "transfer_results",
        "close",
    ]
    assert all(
        t[3]
        == ("executing" if t[0] not in ("send", "give_clarification", "close") else "requesting")
        for t in trail[1:]
    )
    events = list(request.events.all())
    assert [e.at for e in events] == sorted(e.at for e in events)


def test_steps_out_of_order_are_refused_clearly_audited_and_change_nothing(people):
    request = sent(people.es_prosecutor, "co-fiscalia")
    before = request.events.count()
    with pytest.raises(ValidationError) as caught:
        step(people.co_prosecutor, request, "recognise")
    assert "not possible now" in caught.value.messages[0]
    with pytest.raises(PermissionDenied):
        step(people.es_prosecutor, request, "confirm_receipt")  # the other side's step
    with pytest.raises(PermissionDenied):
        step(people.co_analyst, request, "confirm_receipt")  # sees it, acts on nothing
    with pytest.raises(ValidationError):
        step(people.co_prosecutor, request, "approve")
    request.refresh_from_db()
    assert request.status == "sent" and request.events.count() == before
    assert [e.details["refused"] for e in refusals()][-4:] == [
        "invalid",
        "forbidden",
        "forbidden",
        "invalid",
    ]


def test_a_refusal_needs_a_ground_of_the_list_and_the_reason_when_other(people):
    request = sent(people.es_prosecutor, "co-fiscalia")
    step(people.co_prosecutor, request, "confirm_receipt")
    with pytest.raises(ValidationError) as caught:
        step(people.co_prosecutor, request, "refuse")
    assert "ground" in caught.value.message_dict
    nationality = RefusalGround.objects.get(key="nationality")  # extradition only
    with pytest.raises(ValidationError):
        step(people.co_prosecutor, request, "refuse", ground=nationality)
    with pytest.raises(ValidationError) as caught:
        step(people.co_prosecutor, request, "refuse", ground=RefusalGround.objects.get(key="other"))
    assert "reason" in caught.value.message_dict
    ground = RefusalGround.objects.get(key="dual-criminality")
    event = step(people.co_prosecutor, request, "refuse", ground=ground)
    assert event.ground == ground and event.to_status == "refused"
    step(people.es_prosecutor, request, "close")


def test_steps_that_need_a_reason_say_so(people):
    request = sent(people.es_prosecutor, "co-fiscalia")
    with pytest.raises(ValidationError) as caught:
        step(people.es_prosecutor, request, "withdraw")
    assert "reason" in caught.value.message_dict


def test_a_central_authority_named_on_the_request_sees_and_acts_for_its_side(people):
    request = sent(
        people.es_prosecutor,
        "co-fiscalia",
        executing_central_authority=institution("co-fgn-dai"),
        requesting_central_authority=institution("es-sgcji"),
    )
    step(people.co_central, request, "confirm_receipt")
    step(people.co_central, request, "ask_clarification", reason="Translation missing.")
    step(people.es_central, request, "give_clarification", reason="Translation attached.")
    assert request.events.filter(institution=institution("co-fgn-dai")).count() == 2


# Who sees what ------------------------------------------------------------------------------------


def _sees(user, request) -> bool:
    return visible_to(actor_for(user), JudicialRequest).filter(pk=request.pk).exists()


def test_drafts_stay_home_sent_requests_reach_both_sides_and_nobody_else(people):
    request = draft(
        people.es_prosecutor,
        "co-fiscalia",
        executing_central_authority=institution("co-fgn-dai"),
    )
    assert _sees(people.es_prosecutor, request) and _sees(people.es_analyst, request)
    assert not _sees(people.co_prosecutor, request) and not _sees(people.co_central, request)
    step(people.es_prosecutor, request, "send")
    for user in (people.co_prosecutor, people.co_analyst, people.co_central):
        assert _sees(user, request)
    for user in (
        people.fr_prosecutor,
        people.co_police,
        people.es_police,
        people.co_admin,
        people.es_judge,
    ):
        assert not _sees(user, request)


def test_reading_another_institutions_request_by_id_answers_404(people):
    request = sent(people.es_prosecutor, "co-fiscalia")
    with pytest.raises(Http404):
        selectors.judicial_request_get(actor=actor_for(people.fr_prosecutor), pk=request.pk)
    with pytest.raises(Http404):
        selectors.judicial_request_get(actor=actor_for(people.fr_prosecutor), pk=10**9)


def test_police_of_the_requesting_state_taking_part_in_the_case_read_its_sent_requests(people):
    case = make_case(people.co_police, reference="CO-J-1")
    case_services.case_add_participant(
        actor=actor_for(people.co_police),
        case=case,
        role="member",
        institution=institution("co-fiscalia"),
    )
    case_services.case_add_participant(
        actor=actor_for(people.co_police),
        case=case,
        role="member",
        institution=institution("es-policia-nacional"),
    )
    request = draft(people.co_prosecutor, "es-fiscalia-general", case=case)
    assert not _sees(people.co_police, request)  # a draft stays with the prosecutor
    answer_all(people.co_prosecutor, request)
    step(people.co_prosecutor, request, "send")
    assert _sees(people.co_police, request)  # requesting state, member of the case
    assert not _sees(people.es_police, request)  # the requested state's police: not by the case
    with pytest.raises(PermissionDenied):
        step(people.co_police, request, "withdraw", reason="x")
    lanes = {e.lane for e in case_timeline_events(actor=actor_for(people.co_police), case=case)}
    assert "judicial" in lanes
    lanes = {e.lane for e in case_timeline_events(actor=actor_for(people.es_police), case=case)}
    assert "judicial" not in lanes


def test_a_request_links_only_to_a_case_the_requester_takes_part_in(people):
    case = make_case(people.co_police, reference="CO-J-2")
    with pytest.raises(ValidationError) as caught:
        draft(people.co_prosecutor, "es-fiscalia-general", case=case)
    assert "case" in caught.value.message_dict


# Notifications ------------------------------------------------------------------------------------


def test_the_executing_side_is_told_by_the_bell_and_e_mail_never_the_content(
    people, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        request = sent(people.es_prosecutor, "co-fiscalia")
    told = Notification.objects.filter(kind="judicial_received")
    assert set(told.values_list("user_id", flat=True)) == {
        people.co_prosecutor.pk,
        people.co_analyst.pk,
    }
    assert (
        told.first().text
        == f"New judicial request {request.number} from {institution('es-fiscalia-general').name}"
    )
    assert len(mailoutbox) == 2
    body = mailoutbox[0].body
    assert (
        request.number in body and "banana" not in body and "Cocaine" not in mailoutbox[0].subject
    )
    spanish = next(m for m in mailoutbox if m.to == ["co.fiscal@example.org"])
    assert "Nueva solicitud judicial" in spanish.subject
    with django_capture_on_commit_callbacks(execute=True):
        step(people.co_prosecutor, request, "confirm_receipt")
    note = Notification.objects.get(kind="judicial_step", user=people.es_prosecutor)
    assert note.topic == "receipt_confirmed" and "Receipt confirmed" in note.text


# Court outcomes and the hand-off along the chain --------------------------------------------------


def test_a_case_hands_off_from_police_to_prosecution_to_a_court_outcome(people):
    police = people.co_police
    case = make_case(police, reference="CO-J-3")
    case_services.case_add_participant(
        actor=actor_for(police), case=case, role="member", institution=institution("co-fiscalia")
    )
    with pytest.raises(PermissionDenied):  # not prosecuted yet
        case_services.case_take_lead(actor=actor_for(people.co_prosecutor), case=case, reason="x")
    for stage in ("investigation", "prosecution"):
        case_services.case_change_stage(
            actor=actor_for(police), case=case, to_stage=stage, reason="Evidence"
        )
    case_services.case_take_lead(
        actor=actor_for(people.co_prosecutor), case=case, reason="Indictment filed"
    )
    assert (
        CaseParticipant.objects.get(case=case, institution=institution("co-fiscalia")).role
        == "lead"
    )
    with pytest.raises(ValidationError):
        case_services.case_take_lead(
            actor=actor_for(people.co_prosecutor), case=case, reason="again"
        )
    request = sent(people.co_prosecutor, "es-fiscalia-general", case=case)
    defendant = person(people.co_prosecutor)
    judgment = services.judgment_record(
        actor=actor_for(people.co_prosecutor),
        case=case,
        values=services.JudgmentValues(
            court=institution("co-corte-suprema"),
            judgment_date=date.today() - timedelta(days=3),
            judgment_type="conviction",
            offences="Drug trafficking",
            defendant=defendant,
            sentence_type="imprisonment",
            sentence_months=96,
            fine_amount=None,
            confiscation_ordered=True,
            confiscation_details="Two trucks and an account (synthetic)",
        ),
    )
    services.judgment_mark_final(
        actor=actor_for(people.co_prosecutor), judgment=judgment, final_on=date.today()
    )
    events = case_timeline_events(actor=actor_for(police), case=case)
    lanes = [e.lane for e in events]
    assert {"case", "judicial", "court"} <= set(lanes)
    assert any(e.title.startswith(request.number) for e in events if e.lane == "judicial")
    court = [e.title for e in events if e.lane == "court"]
    assert court == ["Judgment: Conviction", "Judgment final: Conviction"]


BAD_JUDGMENTS = [
    ({"court": "co-fiscalia"}, "court", "a prosecution service is not a court"),
    ({"court": None}, "court", "unknown court"),
    ({"judgment_date": date(2999, 1, 1)}, "judgment_date", "a judgment in the future"),
    (
        {"judgment_type": "acquittal", "sentence_type": "imprisonment", "sentence_months": 3},
        "sentence_type",
        "acquitted with a sentence",
    ),
    ({"sentence_type": "imprisonment", "sentence_months": None}, "sentence_months", "no length"),
    ({"sentence_type": "none", "sentence_months": 4}, "sentence_months", "length without sentence"),
    ({"sentence_type": "fine_only"}, "fine_amount", "a fine without amount"),
    ({"fine_amount": 100, "fine_currency": "euros"}, "fine_currency", "currency code"),
    ({"confiscation_ordered": True}, "confiscation_details", "what is confiscated"),
    ({"finality": "final"}, "final_on", "final without date"),
    ({"finality": "final", "final_on": date(2020, 1, 1)}, "final_on", "final before judgment"),
    ({"finality": "appealable", "final_on": date.today()}, "final_on", "appealable with date"),
]


@pytest.mark.parametrize(
    ("change", "field", "why"), BAD_JUDGMENTS, ids=[w for *_, w in BAD_JUDGMENTS]
)
def test_a_bad_judgment_is_refused_audited_and_not_recorded(people, change, field, why):
    from paccto.judicial.models import Judgment

    case = make_case(people.co_police, reference="CO-J-4")
    case_services.case_add_participant(
        actor=actor_for(people.co_police),
        case=case,
        role="member",
        institution=institution("co-fiscalia"),
    )
    data = {
        "court": institution("co-corte-suprema"),
        "judgment_date": date.today() - timedelta(days=10),
        "judgment_type": "conviction",
        "offences": "Money laundering",
        "sentence_type": "suspended",
        "sentence_months": 12,
        **change,
    }
    if isinstance(data["court"], str):
        data["court"] = institution(data["court"])
    with pytest.raises(ValidationError) as caught:
        services.judgment_record(
            actor=actor_for(people.co_prosecutor), case=case, values=services.JudgmentValues(**data)
        )
    assert field in caught.value.message_dict, why
    assert not Judgment.objects.exists()
    assert refusals("judgment_record")


def test_judgments_are_recorded_by_judges_and_prosecutors_taking_part_only(people):
    case = make_case(people.co_police, reference="CO-J-5")
    values_ = services.JudgmentValues(
        court=institution("co-corte-suprema"),
        judgment_date=date.today(),
        judgment_type="acquittal",
        offences="Corruption",
    )
    for user in (people.co_police, people.co_prosecutor):  # police: no role; prosecutor: not in it
        with pytest.raises(PermissionDenied):
            services.judgment_record(actor=actor_for(user), case=case, values=values_)


def test_the_demo_seeds_two_requests_and_a_judgment_in_the_case_once(settings):
    import io

    from paccto.accounts.models import User
    from paccto.cases.models import Case
    from paccto.core.demo import DEMO_CASE_REFERENCE
    from paccto.judicial.models import Judgment

    settings.DEMO = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "2 demo judicial requests" in out.getvalue()
    evidence = JudicialRequest.objects.get(request_type="evidence_order")
    extradition = JudicialRequest.objects.get(request_type="extradition")
    assert (
        evidence.requesting_institution.country_id,
        evidence.executing_institution.country_id,
    ) == (
        "ES",
        "CO",
    )
    assert evidence.status == "in_execution" and evidence.case is None
    assert extradition.status == "receipt_confirmed"
    assert extradition.requesting_institution.country_id == "CO"
    case = Case.objects.get(reference=DEMO_CASE_REFERENCE)
    assert extradition.case == case and Judgment.objects.filter(case=case).count() == 1
    police = User.objects.get(username="co.investigator")
    lanes = [e.lane for e in case_timeline_events(actor=actor_for(police), case=case)]
    assert {"judicial", "court"} <= set(lanes)
    judge = actor_for(User.objects.get(username="es.judge"))
    assert set(visible_to(judge, JudicialRequest)) == {evidence, extradition}
    call_command("seed_demo", stdout=io.StringIO())
    assert JudicialRequest.objects.count() == 2 and Judgment.objects.count() == 1


def test_dashboard_counts_are_those_of_the_requests_the_policy_shows(people):
    """The dashboard's counts skip the policy's wider filter: they must still equal the
    counts over what ``visible_to`` shows each actor."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from paccto.judicial.selectors import OPEN

    sent(people.es_prosecutor, "co-fiscalia")
    late = sent(people.es_prosecutor, "co-fiscalia")
    JudicialRequest.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=1))
    draft(people.es_prosecutor, "co-fiscalia")
    sent(people.co_prosecutor, "es-fiscalia-general")
    draft(people.co_prosecutor, "es-fiscalia-general")

    def through_the_policy(user):
        actor = actor_for(user)
        inst, now = actor.institution_id, timezone.now()
        out = Q(requesting_institution_id=inst) | Q(requesting_central_authority_id=inst)
        inc = Q(executing_institution_id=inst) | Q(executing_central_authority_id=inst)
        return visible_to(actor, JudicialRequest).aggregate(
            outgoing=Count("pk", filter=out & OPEN),
            incoming=Count("pk", filter=inc & OPEN),
            overdue=Count("pk", filter=(out | inc) & OPEN & Q(due_at__lt=now)),
            drafts=Count("pk", filter=Q(requesting_institution_id=inst, status="draft")),
        )

    seen = {}
    for name in (
        "es_prosecutor",
        "es_analyst",
        "co_prosecutor",
        "co_analyst",
        "co_central",
        "es_police",
        "co_admin",
        "pt_prosecutor",
    ):
        user = getattr(people, name)
        seen[name] = selectors.judicial_counts(actor=actor_for(user))
        assert seen[name] == through_the_policy(user), name
    assert seen["es_prosecutor"] == {"outgoing": 2, "incoming": 1, "overdue": 1, "drafts": 1}
    assert seen["co_analyst"] == {"outgoing": 1, "incoming": 2, "overdue": 1, "drafts": 1}
    assert seen["co_admin"] == {"outgoing": 0, "incoming": 0, "overdue": 0, "drafts": 0}


def test_the_dashboard_card_links_each_count_to_its_list(people):
    from django.urls import reverse

    from tests.factories import signed_in_client

    sent(people.es_prosecutor, "co-fiscalia")
    page = signed_in_client(people.es_prosecutor).get(reverse("core:dashboard"))
    html = page.content.decode()
    assert 'data-testid="judicial-card"' in html
    base = reverse("judicial:request_list")
    for query in ("box=outgoing", "box=incoming", "overdue=on", "status=draft"):
        assert f'href="{base}?{query}"' in html, query


# The policy cycle's automatic indicator ----------------------------------------------------------


def test_requests_sent_are_counted_for_the_policy_cycle_by_country_market_and_year(people):
    from django.utils import timezone

    from paccto.policy.sources import indicator_source

    sent(people.es_prosecutor, "co-fiscalia")
    sent(people.es_prosecutor, "co-fiscalia", criminal_markets=["drugs", "money_laundering"])
    sent(people.co_prosecutor, "es-fiscalia-general", criminal_markets=[])
    draft(people.co_prosecutor, "es-fiscalia-general")  # a draft is not counted
    source = indicator_source("judicial_requests_sent")
    assert source is not None and not source.counts_people
    year = timezone.localdate().year
    counts = list(source.count(date(year, 1, 1), date(year, 12, 31)))
    assert {(c.country, c.criminal_markets, c.value) for c in counts} == {
        ("ES", ("drugs",), 1),
        ("ES", ("drugs", "money_laundering"), 1),
        ("CO", (), 1),
    }
    assert not list(source.count(date(2000, 1, 1), date(2000, 12, 31)))
