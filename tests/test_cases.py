"""Cases: opening, stages along the chain with their timeline, participants, linked
records, and how case membership reaches the permission engine."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from paccto.audit.models import AuditEntry
from paccto.cases import selectors, services
from paccto.cases.choices import CaseStage
from paccto.cases.models import Case, CaseEntity
from paccto.core.permissions import LazyIds, actor_for, can, get_for
from paccto.entities.models import Entity
from paccto.entities.selectors import entity_get, entity_search
from paccto.entities.services import entity_create
from tests.cases_factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English (the platform's default language is Spanish)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_open_a_case_owner_institution_leads_and_timeline_starts(actors):
    case = make_case(actors.owner, criminal_markets=["drugs", "money_laundering"])
    assert case.stage == CaseStage.INTELLIGENCE
    participant = case.participants.get()
    assert participant.institution_id == actors.owner.institution_id
    assert participant.role == "lead"
    [opening] = selectors.case_timeline(case=case)
    assert (opening.from_stage, opening.to_stage) == ("", "intelligence")
    assert AuditEntry.objects.filter(object_type="cases.case", action="collect").count() == 1


def test_reference_is_unique_per_owning_institution(actors):
    make_case(actors.owner, reference="REF-1")
    with pytest.raises(ValidationError) as info:
        make_case(actors.owner, reference="REF-1")
    assert "reference" in info.value.message_dict
    # Another institution may use the same reference for its own case.
    make_case(actors.other_institution, reference="REF-1")
    assert Case.objects.filter(reference="REF-1").count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"criminal_markets": ["piracy"]}, "criminal_markets"),
        ({"stage": "closed"}, "stage"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_case_input_is_refused_and_nothing_is_stored(actors, kwargs, field):
    with pytest.raises(ValidationError) as info:
        make_case(actors.owner, **kwargs)
    assert field in info.value.message_dict
    assert not Case.objects.exists()


def test_non_operational_users_open_no_case(actors):
    with pytest.raises(PermissionDenied):
        make_case(actors.co_admin)


# (from, to, allowed, why)
TRANSITIONS = [
    ("intelligence", "investigation", True, "intelligence becomes an investigation"),
    ("intelligence", "trial", False, "no trial without prosecution"),
    ("investigation", "prosecution", True, "the prosecutor takes the case"),
    ("prosecution", "investigation", True, "further investigation ordered"),
    ("prosecution", "trial", True, "charges brought to court"),
    ("trial", "sentence_execution", True, "a conviction is executed"),
    ("trial", "intelligence", False, "a trial does not go back to intelligence"),
    ("sentence_execution", "trial", False, "a served sentence does not reopen the trial"),
    ("sentence_execution", "closed", True, "the sentence is served"),
    ("investigation", "closed", True, "no grounds to go on"),
]


@pytest.mark.parametrize(("start", "to", "allowed", "why"), TRANSITIONS)
def test_stage_transitions(actors, start, to, allowed, why):
    case = make_case(actors.owner, stage=start)
    actor = actor_for(actors.owner)
    if allowed:
        services.case_change_stage(actor=actor, case=case, to_stage=to, reason=why)
        assert Case.objects.get(pk=case.pk).stage == to, why
    else:
        with pytest.raises(ValidationError):
            services.case_change_stage(actor=actor, case=case, to_stage=to, reason=why)
        assert Case.objects.get(pk=case.pk).stage == start, why


def test_every_stage_change_needs_a_reason_and_is_in_the_timeline(actors):
    case = make_case(actors.owner)
    actor = actor_for(actors.owner)
    with pytest.raises(ValidationError) as info:
        services.case_change_stage(actor=actor, case=case, to_stage="investigation", reason=" ")
    assert "reason" in info.value.message_dict
    services.case_change_stage(
        actor=actor, case=case, to_stage="investigation", reason="Phone taps authorised"
    )
    timeline = list(selectors.case_timeline(case=case))
    assert [(s.from_stage, s.to_stage) for s in timeline] == [
        ("", "intelligence"),
        ("intelligence", "investigation"),
    ]
    assert timeline[-1].reason == "Phone taps authorised"
    assert timeline[-1].changed_by == actors.owner
    entry = AuditEntry.objects.filter(object_type="cases.case", action="alter").get()
    assert entry.details["stage"] == {"from": "intelligence", "to": "investigation"}


def test_one_timeline_gathers_every_source_and_each_source_answers_for_the_actor(actors):
    from datetime import timedelta

    from paccto.cases.timeline import TimelineEvent, _sources, register_case_timeline_source

    case = make_case(actors.owner)
    actor = actor_for(actors.owner)
    services.case_change_stage(actor=actor, case=case, to_stage="investigation", reason="Taps")
    opened = case.stage_changes.order_by("pk").first().changed_at
    seen = []

    def court(source_actor, source_case):
        seen.append((source_actor, source_case.pk))
        return [
            TimelineEvent(at=opened + timedelta(days=400), lane="court", title="Judgment"),
            TimelineEvent(at=opened - timedelta(days=1), lane="judicial", title="Request"),
        ]

    register_case_timeline_source(court)
    register_case_timeline_source(court)  # once only
    try:
        events = selectors.case_timeline_events(actor=actor, case=case)
    finally:
        _sources.remove(court)
    assert seen == [(actor, case.pk)]
    assert [(e.lane, e.title) for e in events] == [
        ("judicial", "Request"),
        ("case", "Intelligence"),
        ("case", "Investigation"),
        ("court", "Judgment"),
    ]
    assert events[2].detail == "Taps" and events[2].who == actors.owner.get_username()
    assert events[3].lane_label == "Court"


def test_the_chain_picture_marks_stages_gone_through_and_the_current_one(actors):
    case = make_case(actors.owner)
    actor = actor_for(actors.owner)
    for stage in ("investigation", "prosecution", "closed"):
        services.case_change_stage(actor=actor, case=case, to_stage=stage, reason="Next")
    case.refresh_from_db()
    changes = list(selectors.case_timeline(case=case))
    steps = {s["value"]: s["state"] for s in selectors.case_stage_steps(case=case, changes=changes)}
    assert steps == {
        "intelligence": "done",
        "investigation": "done",
        "prosecution": "done",
        "trial": "ahead",
        "sentence_execution": "ahead",
        "closed": "current",
    }


def test_a_closed_case_reopens_only_into_the_stage_it_was_closed_from(actors):
    case = make_case(actors.owner, stage="prosecution")
    actor = actor_for(actors.owner)
    services.case_change_stage(actor=actor, case=case, to_stage="closed", reason="Dismissed")
    assert services.case_allowed_stages(case) == ["prosecution"]
    with pytest.raises(ValidationError):
        services.case_change_stage(actor=actor, case=case, to_stage="trial", reason="x")
    with pytest.raises(ValidationError):
        services.case_change_stage(actor=actor, case=case, to_stage="prosecution", reason="")
    services.case_change_stage(
        actor=actor, case=case, to_stage="prosecution", reason="New witness found"
    )
    case.refresh_from_db()
    assert case.stage == "prosecution"
    entry = AuditEntry.objects.filter(object_type="cases.case", action="alter").first()
    assert entry.details["reopened"] is True


def test_only_leads_change_a_case(actors):
    case = make_case(actors.owner)
    owner = actor_for(actors.owner)
    services.case_add_participant(
        actor=owner, case=case, role="member", institution=actors.other_country.institution
    )
    member = actor_for(actors.other_country)
    with pytest.raises(PermissionDenied):
        services.case_change_stage(actor=member, case=case, to_stage="investigation", reason="x")
    with pytest.raises(PermissionDenied):
        services.case_update(actor=member, case=case, title="Mine now")
    services.case_add_participant(actor=owner, case=case, role="lead", user=actors.other_country)
    # In person as lead: the stronger role wins.
    services.case_change_stage(actor=member, case=case, to_stage="investigation", reason="ok")


def test_participants_see_the_case_others_get_404(actors):
    case = make_case(actors.owner)
    services.case_add_participant(
        actor=actor_for(actors.owner), case=case, role="observer", user=actors.other_country
    )
    assert get_for(actor_for(actors.other_country), Case, case.pk) == case
    for name in ("other_institution", "colleague_no_role", "co_admin", "co_dpo", "platform_admin"):
        with pytest.raises(Http404):
            selectors.case_get(actor=actor_for(actors.get(name)), pk=case.pk)
    with pytest.raises(Http404):
        selectors.case_get(actor=actor_for(actors.owner), pk=10**9)


def test_an_institution_participant_brings_its_operational_users_only(actors):
    from tests.factories import make_user

    case = make_case(actors.owner)
    services.case_add_participant(
        actor=actor_for(actors.owner),
        case=case,
        role="member",
        institution=actors.other_country.institution,
    )
    colleague = make_user("PT", "police", ("investigator",), username="pt.colleague")
    colleague.institution = actors.other_country.institution
    colleague.save()
    no_role = make_user("PT", "police", (), username="pt.norole")
    no_role.institution = actors.other_country.institution
    no_role.save()
    assert selectors.case_list(actor=actor_for(colleague)).get() == case
    assert not selectors.case_list(actor=actor_for(no_role)).exists()
    assert case.pk in actor_for(colleague).case_ids
    assert not actor_for(no_role).case_ids


def test_participant_input_is_checked(actors):
    case = make_case(actors.owner)
    owner = actor_for(actors.owner)
    with pytest.raises(ValidationError):
        services.case_add_participant(actor=owner, case=case, role="member")
    with pytest.raises(ValidationError):
        services.case_add_participant(
            actor=owner, case=case, role="boss", institution=actors.other_country.institution
        )
    with pytest.raises(ValidationError):  # no operational role
        services.case_add_participant(actor=owner, case=case, role="member", user=actors.co_dpo)
    with pytest.raises(ValidationError):  # already in
        services.case_add_participant(
            actor=owner, case=case, role="member", institution=actors.owner.institution
        )
    owner_row = case.participants.get(institution=actors.owner.institution)
    with pytest.raises(ValidationError):
        services.case_remove_participant(actor=owner, participant=owner_row)
    assert case.participants.count() == 1


# --- linked records and the entity store --------------------------------------------------------


def _victim(user):
    return entity_create(
        actor=actor_for(user),
        schema="Person",
        properties={"firstName": "Marta", "lastName": "Quispe"},
        flags={"is_victim": True},
        provenance={"share_scope": "platform"},
    )


def test_a_special_category_record_linked_to_a_case_is_seen_by_its_participants(actors):
    victim = _victim(actors.owner)
    case = make_case(actors.owner)
    owner = actor_for(actors.owner)
    services.case_add_participant(
        actor=owner, case=case, role="member", institution=actors.other_country.institution
    )
    reader = actor_for(actors.other_country)
    with pytest.raises(Http404):
        entity_get(actor=reader, pk=victim.pk)  # a victim stays with its owner...
    services.case_link_entity(actor=owner, case=case, entity=victim, justification="Case file")
    reader = actor_for(actors.other_country)  # a new request
    assert entity_get(actor=reader, pk=victim.pk) == victim  # ...unless brought into a case
    assert [link.entity for link in selectors.case_entities(actor=reader, case=case)] == [victim]
    # Only to view: changing and passing it on stay with the owner.
    assert not can(reader, "change", victim)
    assert not can(reader, "disclose", victim)
    # Not to other participants of other cases, nor to non-participants.
    for name in ("other_institution", "co_admin"):
        with pytest.raises(Http404):
            entity_get(actor=actor_for(actors.get(name)), pk=victim.pk)
    entry = AuditEntry.objects.get(action="disclose", object_type="entities.entity")
    assert entry.recipients == [f"case:{case.pk}"]
    assert entry.justification == "Case file"


def test_a_record_in_two_cases_is_listed_once(actors):
    record = entity_create(
        actor=actor_for(actors.owner), schema="Vehicle", properties={"make": "Toyota"}
    )
    owner = actor_for(actors.owner)
    for ref in ("A", "B"):
        case = make_case(actors.owner, reference=ref)
        services.case_add_participant(
            actor=owner, case=case, role="member", user=actors.other_country
        )
        services.case_link_entity(actor=owner, case=case, entity=record, justification="x")
    reader = actor_for(actors.other_country)
    assert list(entity_search(actor=reader)) == [record]
    assert entity_get(actor=reader, pk=record.pk) == record


def test_unlinking_a_record_hides_it_again(actors):
    victim = _victim(actors.owner)
    case = make_case(actors.owner)
    owner = actor_for(actors.owner)
    services.case_add_participant(actor=owner, case=case, role="member", user=actors.other_country)
    link = services.case_link_entity(actor=owner, case=case, entity=victim, justification="x")
    with pytest.raises(ValidationError):
        services.case_unlink_entity(actor=owner, link=link, reason="")
    services.case_unlink_entity(actor=owner, link=link, reason="Not related after all")
    assert not CaseEntity.objects.exists()
    with pytest.raises(Http404):
        entity_get(actor=actor_for(actors.other_country), pk=victim.pk)


def test_only_the_owner_institution_brings_a_record_into_a_case(actors):
    shared = entity_create(
        actor=actor_for(actors.owner),
        schema="Vehicle",
        properties={"make": "Ford"},
        provenance={"share_scope": "platform"},
    )
    case = make_case(actors.other_country, reference="PT-1")
    pt = actor_for(actors.other_country)
    assert entity_get(actor=pt, pk=shared.pk) == shared  # visible, yet not theirs to pass on
    with pytest.raises(ValidationError) as info:
        services.case_link_entity(actor=pt, case=case, entity=shared, justification="x")
    assert "entity" in info.value.message_dict
    assert not CaseEntity.objects.exists()


def test_observers_do_not_link_records(actors):
    record = entity_create(
        actor=actor_for(actors.other_country), schema="Vehicle", properties={"make": "Fiat"}
    )
    case = make_case(actors.owner)
    services.case_add_participant(
        actor=actor_for(actors.owner), case=case, role="observer", user=actors.other_country
    )
    with pytest.raises(PermissionDenied):
        services.case_link_entity(
            actor=actor_for(actors.other_country), case=case, entity=record, justification="x"
        )


# --- cost on every request ----------------------------------------------------------------------


def test_case_ids_are_read_only_when_a_read_needs_them(actors, django_assert_num_queries):
    case = make_case(actors.owner)
    user = type(actors.owner).objects.get(pk=actors.owner.pk)
    user.role_codes  # loaded with the user in a request
    user.institution
    with CaptureQueriesContext(connection) as building:
        actor = actor_for(user)
    assert isinstance(actor.case_ids, LazyIds)
    assert not [q for q in building.captured_queries if "cases_" in q["sql"]]
    with django_assert_num_queries(1):
        assert case.pk in actor.case_ids
    with django_assert_num_queries(0):
        assert set(actor.case_ids) == {case.pk}  # read once per request


def test_an_entity_search_costs_one_more_query_at_most(actors, django_assert_max_num_queries):
    make_case(actors.owner)
    entity_create(actor=actor_for(actors.owner), schema="Vehicle", properties={"make": "Kia"})
    user = type(actors.owner).objects.get(pk=actors.owner.pk)
    actor = actor_for(user)
    with django_assert_max_num_queries(2):  # the case ids, then the search
        assert list(entity_search(actor=actor))
    assert Entity.objects.count() == 1
