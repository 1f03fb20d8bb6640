"""The prison academies' network (RAP): the shipped catalogue, sessions, enrolment of
prison staff of member institutions (no double enrolment, never over capacity) and
completion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from paccto.audit.models import AuditEntry
from paccto.core.choices import Role
from paccto.core.permissions import actor_for, visible_to
from paccto.prisons import selectors, services
from paccto.prisons.models import Course, CourseSession, Enrolment
from tests.factories import make_user
from tests.prisons_factories import prison_officer

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def course():
    return Course.objects.get(code="rap-organised-crime")  # given by Colombia's INPEC


@pytest.fixture
def session(course):
    academy = prison_officer("CO", username="co.academy")
    return services.session_create(
        actor=actor_for(academy),
        course=course,
        starts_on=TODAY + timedelta(days=10),
        ends_on=TODAY + timedelta(days=12),
        language="es",
        capacity=2,
        place="Funza",
    )


def test_the_shipped_catalogue_covers_the_network_s_topics_in_six_languages():
    courses = list(Course.objects.filter(active=True))
    assert {c.topic for c in courses} >= {"corruption", "gender", "special_risk", "cooperation"}
    for course in courses:
        assert set(course.titles) == {"es", "pt", "fr", "en", "nl", "it"}
        assert course.languages and course.hours > 0
        assert course.provider.networks.filter(key="rap").exists()
        assert course.sessions.exists()
    assert services.rap_catalogue_load() == len(courses)  # loading again duplicates nothing
    assert CourseSession.objects.count() == sum(c.sessions.count() for c in courses)


def test_every_signed_in_user_sees_the_catalogue():
    nobody = actor_for(make_user("JM", "police", ()))
    assert len(selectors.course_list(actor=nobody)) == Course.objects.filter(active=True).count()
    assert [c.code for c in selectors.course_list(actor=nobody, topic="gender")] == ["rap-gender"]
    assert "rap-cooperation" in [c.code for c in selectors.course_list(actor=nobody, language="fr")]


def test_only_the_academy_giving_a_course_schedules_its_sessions(course):
    for user in (prison_officer("ES"), make_user("CO", "police", (Role.ANALYST,))):
        with pytest.raises(PermissionDenied):
            services.session_create(
                actor=actor_for(user),
                course=course,
                starts_on=TODAY + timedelta(days=5),
                ends_on=TODAY + timedelta(days=6),
                language="es",
                capacity=10,
                online=True,
            )
    academy = actor_for(prison_officer("CO"))
    bad = [
        ({"starts_on": TODAY - timedelta(days=1)}, "starts_on"),
        ({"ends_on": TODAY}, "ends_on"),
        ({"language": "fr"}, "language"),
        ({"capacity": 0}, "capacity"),
        ({"online": False, "place": ""}, "place"),
    ]
    for changes, field in bad:
        values = {
            "starts_on": TODAY + timedelta(days=5),
            "ends_on": TODAY + timedelta(days=6),
            "language": "es",
            "capacity": 10,
            "online": True,
            "place": "",
            **changes,
        }
        with pytest.raises(ValidationError) as error:
            services.session_create(actor=academy, course=course, **values)
        assert field in error.value.message_dict


def test_enrolment_is_once_per_person_and_never_over_capacity(session):
    ar = prison_officer("AR", username="ar.prison")
    pt = prison_officer("PT", username="pt.prison")
    br = prison_officer("BR", username="br.prison")
    first = services.enrolment_create(actor=actor_for(ar), session=session)
    assert (first.participant, first.institution_id) == (ar, ar.institution_id)
    with pytest.raises(ValidationError, match="already enrolled"):
        services.enrolment_create(actor=actor_for(ar), session=session)
    services.enrolment_create(actor=actor_for(pt), session=session)
    with pytest.raises(ValidationError, match="This session is full"):
        services.enrolment_create(actor=actor_for(br), session=session)
    assert Enrolment.objects.filter(session=session).count() == 2
    refusals = AuditEntry.objects.filter(details__event="enrol", details__refused=True)
    assert refusals.count() == 2
    services.enrolment_withdraw(
        actor=actor_for(pt), enrolment=Enrolment.objects.get(participant=pt)
    )
    services.enrolment_create(actor=actor_for(br), session=session)
    with pytest.raises(ValidationError, match="full"):
        services.enrolment_create(actor=actor_for(pt), session=session)


def test_only_prison_officers_of_rap_members_enrol_their_own_staff(session):
    mx = prison_officer("MX")  # Mexico's prison service is not in the RAP network
    with pytest.raises(PermissionDenied):
        services.enrolment_create(actor=actor_for(mx), session=session)
    with pytest.raises(PermissionDenied):
        services.enrolment_create(
            actor=actor_for(make_user("ES", "police", (Role.ANALYST,))), session=session
        )
    es = prison_officer("ES")
    colleague = prison_officer("ES")
    clerk = make_user("ES", "penitentiary", (Role.ANALYST,))
    foreigner = prison_officer("PT")
    services.enrolment_create(actor=actor_for(es), session=session, participant=colleague)
    for person in (clerk, foreigner):
        with pytest.raises(ValidationError, match="prison staff of your institution"):
            services.enrolment_create(actor=actor_for(es), session=session, participant=person)


def test_enrolment_closes_when_the_session_starts(course):
    academy = actor_for(prison_officer("CO"))
    started = CourseSession.objects.create(
        course=course, starts_on=TODAY, ends_on=TODAY, language="es", capacity=5, place="Bogotá"
    )
    with pytest.raises(ValidationError, match="closes when the session starts"):
        services.enrolment_create(actor=actor_for(prison_officer("ES")), session=started)
    assert academy.institution_id == course.provider_id


def test_the_academy_records_completion_and_certificates_after_the_start(session):
    es = prison_officer("ES")
    enrolment = services.enrolment_create(actor=actor_for(es), session=session)
    academy = actor_for(prison_officer("CO"))
    with pytest.raises(ValidationError, match="not started yet"):
        services.enrolment_complete(actor=academy, enrolment=enrolment, attended=True)
    CourseSession.objects.filter(pk=session.pk).update(starts_on=TODAY - timedelta(days=1))
    enrolment.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.enrolment_complete(actor=actor_for(es), enrolment=enrolment, attended=True)
    with pytest.raises(ValidationError) as error:
        services.enrolment_complete(
            actor=academy, enrolment=enrolment, attended=False, certificate=True
        )
    assert "certificate" in error.value.message_dict
    services.enrolment_complete(actor=academy, enrolment=enrolment, attended=True, certificate=True)
    enrolment.refresh_from_db()
    assert enrolment.status == "attended"
    assert enrolment.certificate_number == f"RAP-RAP-ORGANISED-CRIME-{session.pk}-{enrolment.pk}"
    with pytest.raises(ValidationError, match="recorded once"):
        services.enrolment_complete(actor=academy, enrolment=enrolment, attended=False)
    with pytest.raises(ValidationError):
        services.enrolment_withdraw(actor=actor_for(es), enrolment=enrolment)


def test_enrolments_are_seen_by_the_participant_their_institution_and_the_academy(session):
    es = prison_officer("ES")
    enrolment = services.enrolment_create(actor=actor_for(es), session=session)
    seeing = [es, prison_officer("ES"), prison_officer("CO")]
    for user in seeing:
        assert list(visible_to(actor_for(user), Enrolment)) == [enrolment]
    for user in (prison_officer("PT"), make_user("ES", "police", (Role.ANALYST,))):
        assert not visible_to(actor_for(user), Enrolment).exists()
