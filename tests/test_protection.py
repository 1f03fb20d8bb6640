"""Protection orders: issuing, transmission, recognition, breaches, statistics (services)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from paccto.audit.models import AuditEntry
from paccto.entities.models import Entity
from paccto.protection import selectors, services
from paccto.protection.models import (
    BreachReport,
    OrderEvent,
    ProtectedPerson,
    ProtectionNotification,
    ProtectionOrder,
    Transmission,
)
from tests.factories import institution
from tests.protection_data import (
    MEASURES,
    ProtectionActors,
    issue,
    recognised_in_uruguay,
    victim_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return ProtectionActors()


@pytest.fixture(autouse=True)
def _in_english():
    """Messages are read in English here (the platform's default language is Spanish)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _transmit(people, order, key="uy-scj", who="ar_po"):
    return services.protection_order_transmit(
        actor=people.actor(who), order=order, executing_institution=institution(key)
    )


def _decide(people, transmission, decision, who="uy_po", **kwargs):
    return services.transmission_decide(
        actor=people.actor(who), transmission=transmission, decision=decision, **kwargs
    )


def test_an_order_issued_in_argentina_is_a_mercosur_order_with_its_respondent_in_the_store(
    people,
):
    order = issue(people.ar_po)
    assert order.framework == "omp" and order.status == "draft"
    assert order.number == f"AR-OMP-{order.created_at.year}-{order.pk:06d}"
    assert order.respondent.schema == "Person"
    assert order.respondent.owner_institution_id == people.ar_po.institution_id
    assert order.respondent_surname == "Benítez" and order.respondent_date_of_birth == "1985-11-02"
    assert order.victim_age_group == "30_59"
    assert sorted(order.measures.values_list("kind", flat=True)) == [
        "distance",
        "no_contact",
        "no_entry",
    ]
    roles = list(ProtectedPerson.objects.filter(order=order).values_list("role", flat=True))
    assert roles == ["victim", "child"]
    event = OrderEvent.objects.get(order=order)
    assert (event.kind, event.to_status, event.by_id) == ("issue", "draft", people.ar_po.pk)


def test_an_order_issued_in_spain_is_a_european_protection_order(people):
    order = issue(people.es_po)
    assert order.framework == "epo" and order.number.startswith("ES-EPO-")


def test_an_existing_person_of_the_store_can_be_the_respondent(people):
    from paccto.entities.services import entity_create

    person = entity_create(
        actor=people.actor("ar_po"),
        schema="Person",
        properties={"firstName": "Ramiro", "lastName": "Ocampo", "birthDate": "1979-03-30"},
    )
    order = issue(people.ar_po, respondent=person, respondent_identity=None)
    assert order.respondent_id == person.pk and order.respondent_name == "Ramiro Ocampo"
    # A person of another institution, not shared: refused.
    other = entity_create(
        actor=people.actor("br_po"), schema="Person", properties={"firstName": "X", "lastName": "Y"}
    )
    with pytest.raises(ValidationError) as info:
        issue(people.ar_po, respondent=other, respondent_identity=None)
    assert "respondent" in info.value.message_dict


def test_only_protection_officers_of_issuing_authorities_issue(people):
    for user in (people.ar_judge, people.uy_police, people.ar_analyst):
        with pytest.raises(PermissionDenied):
            issue(user)
    with pytest.raises(ValidationError) as info:
        issue(people.mx_po)  # Mexico is in neither the EU nor Mercosur
    assert "neither" in info.value.messages[0]
    assert not ProtectionOrder.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"valid_from": date(2026, 5, 1), "valid_to": date(2026, 4, 1)}, "valid_to"),
        ({"valid_from": date(2020, 1, 1), "valid_to": date(2020, 6, 1)}, "valid_to"),
        ({"national_measure_reference": " "}, "national_measure_reference"),
        ({"national_measure_date": date(2999, 1, 1)}, "national_measure_date"),
        ({"measures": []}, "measures"),
        ({"measures": [{"kind": "distance"}]}, "distance_metres"),
        ({"measures": [{"kind": "distance", "distance_metres": 0}]}, "distance_metres"),
        ({"measures": [{"kind": "distance", "distance_metres": "500"}]}, "distance_metres"),
        ({"measures": [{"kind": "no_entry", "places": ""}]}, "no_entry_places"),
        ({"measures": [{"kind": "no_contact", "contact_means": []}]}, "no_contact_means"),
        ({"measures": [{"kind": "no_contact", "contact_means": ["pigeons"]}]}, "no_contact_means"),
        ({"measures": [{"kind": "monitoring"}]}, "monitoring_system"),
        ({"measures": [{"kind": "monitoring", "monitoring": "other"}]}, "monitoring_note"),
        ({"measures": [{"kind": "weapons"}]}, "weapons_note"),
        ({"measures": [{"kind": "teleport"}]}, "measures"),
        ({"measures": [MEASURES[0], MEASURES[0]]}, "measures"),
        ({"victim": {**victim_data(), "given_names": ""}}, "victim_given_names"),
        ({"victim": {**victim_data(), "date_of_birth": None}}, "victim_date_of_birth"),
        ({"victim": {**victim_data(), "date_of_birth": date(2999, 1, 1)}}, "victim_date_of_birth"),
        ({"victim": {**victim_data(), "email": "not-an-address"}}, "victim_email"),
        ({"victim": {**victim_data(), "phone": "call me"}}, "victim_phone"),
        ({"children": [{"given_names": "Ana", "surnames": ""}]}, "child_1_surnames"),
        ({"respondent_identity": {"given_name": "Solo"}}, "respondent_surname"),
        (
            {"respondent_identity": {"given_name": "A", "surname": "B", "date_of_birth": "85"}},
            "respondent_date_of_birth",
        ),
    ],
)
def test_bad_orders_are_refused_change_nothing_and_are_audited(people, overrides, field):
    with pytest.raises(ValidationError) as info:
        issue(people.ar_po, **overrides)
    assert field in info.value.message_dict, info.value.message_dict
    assert not ProtectionOrder.objects.exists() and not ProtectedPerson.objects.exists()
    assert not Entity.objects.exists()
    entry = AuditEntry.objects.get(details__event="issue")
    assert entry.details["refused"] is True and field in entry.details["fields"]


def test_measures_may_not_repeat_the_protected_persons_address_or_contact_details(people):
    victim = victim_data()
    for text in (
        victim["address"],
        "call 099123456",
        f"{victim['given_names']} {victim['surnames']}",
    ):
        with pytest.raises(ValidationError) as info:
            issue(people.ar_po, victim=victim, measures=[{"kind": "no_entry", "places": text}])
        assert "no_entry_places" in info.value.message_dict


def test_transmission_recognition_and_putting_in_force_are_recorded_step_by_step(people):
    order = issue(people.ar_po)
    sent = _transmit(people, order)
    order.refresh_from_db()
    assert order.status == sent.status == "transmitted"
    _decide(people, sent, "recognise", reason="Recognised without new proceedings")
    order.refresh_from_db()
    assert order.status == "recognised"
    _decide(people, sent, "enforce")
    order.refresh_from_db()
    assert order.status == "in_force" and sent.in_force_at is not None
    steps = list(order.events.values_list("kind", "from_status", "to_status", "by__username"))
    assert steps == [
        ("issue", "", "draft", "ar.po"),
        ("transmit", "", "transmitted", "ar.po"),
        ("recognise", "transmitted", "recognised", "uy.po"),
        ("enforce", "recognised", "in_force", "uy.po"),
    ]
    kinds = list(
        ProtectionNotification.objects.order_by("pk").values_list("institution__key", "kind")
    )
    assert kinds == [("uy-scj", "transmitted"), ("ar-csjn", "recognised"), ("ar-csjn", "in_force")]
    disclosure = AuditEntry.objects.get(action="disclose", object_type="protection.protectionorder")
    assert disclosure.recipients == ["uy-scj"] and disclosure.justification == "Decision CMC 07/22"


def test_notifications_are_emailed_to_the_issuers_protection_officers_without_victim_data(
    people, django_capture_on_commit_callbacks
):
    victim = victim_data()
    order, sent = recognised_in_uruguay(people, victim=victim)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _decide(people, sent, "enforce")
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == ["ar.po2@example.org", "ar.po@example.org"]
    message = mail.outbox[0]
    assert order.number in message.subject
    for value in (victim["given_names"], victim["surnames"], victim["address"], "123 456"):
        assert value not in message.subject + message.body
    assert ProtectionNotification.objects.get(kind="in_force").emailed_to == 2


@pytest.mark.parametrize(
    ("steps", "bad"),
    [
        ([], "enforce"),  # in force before recognition
        (["recognise"], "recognise"),  # twice
        (["recognise"], "refuse"),  # refused after recognition
        (["refuse"], "recognise"),  # recognised after refusal
        ([], "teleport"),
    ],
)
def test_steps_out_of_order_are_refused_and_audited(people, steps, bad):
    order = issue(people.ar_po)
    sent = _transmit(people, order)
    for step in steps:
        _decide(people, sent, step, ground="not_present")
    before = (sent.status, OrderEvent.objects.count())
    with pytest.raises(ValidationError) as info:
        _decide(people, sent, bad, ground="not_present")
    assert info.value.messages
    sent.refresh_from_db()
    assert (sent.status, OrderEvent.objects.count()) == before
    event = bad if bad != "teleport" else "decide"
    assert AuditEntry.objects.filter(details__event=event, details__refused=True).exists()


def test_a_refusal_needs_a_ground_of_the_list_and_the_issuer_is_told(people):
    order = issue(people.ar_po)
    sent = _transmit(people, order)
    with pytest.raises(ValidationError) as info:
        _decide(people, sent, "refuse", ground="because")
    assert "ground" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        _decide(people, sent, "refuse", ground="other")
    assert "reason" in info.value.message_dict
    _decide(people, sent, "refuse", ground="not_present", reason="She lives in Brazil")
    sent.refresh_from_db()
    order.refresh_from_db()
    assert (sent.status, sent.refusal_ground, order.status) == ("refused", "not_present", "refused")
    assert ProtectionNotification.objects.filter(
        institution__key="ar-csjn", kind="refused", order=order
    ).exists()


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("ar-pfa", "another state"),  # the issuing state itself
        ("es-tribunal-supremo", "does not receive orders"),  # Spain is not in Mercosur
        ("uy-inr", "judicial, prosecution or police"),  # a prison service
    ],
)
def test_transmission_only_to_competent_authorities_of_other_framework_states(people, key, message):
    order = issue(people.ar_po)
    with pytest.raises(ValidationError) as info:
        _transmit(people, order, key=key)
    assert message in " ".join(info.value.messages)
    assert not Transmission.objects.exists()
    with pytest.raises(ValidationError):
        services.protection_order_transmit(
            actor=people.actor("ar_po"), order=order, executing_institution=None
        )


def test_one_transmission_per_state_and_several_states_each_decide(people):
    order = issue(people.ar_po)
    uy = _transmit(people, order)
    with pytest.raises(ValidationError):
        _transmit(people, order, key="uy-fgn")
    br = _transmit(people, order, key="br-stj")
    _decide(people, br, "refuse", who="br_po", ground="not_present")
    order.refresh_from_db()
    assert order.status == "transmitted"
    _decide(people, uy, "recognise")
    order.refresh_from_db()
    assert order.status == "recognised"
    # Each executing authority decides for its own state only.
    with pytest.raises(PermissionDenied):
        _decide(people, uy, "enforce", who="br_po")


def test_only_the_issuer_transmits_revokes_or_withdraws(people):
    order = issue(people.ar_po)
    for who in ("uy_po", "ar_judge", "ar_other_po"):
        with pytest.raises(PermissionDenied):
            _transmit(people, order, who=who)
        with pytest.raises(PermissionDenied):
            services.protection_order_close(
                actor=people.actor(who), order=order, closing="withdraw", reason="x"
            )


def test_revoking_ends_the_order_everywhere_and_tells_the_executing_states(people):
    order, sent = recognised_in_uruguay(people)
    with pytest.raises(ValidationError):
        services.protection_order_close(
            actor=people.actor("ar_po"), order=order, closing="revoke", reason=""
        )
    services.protection_order_close(
        actor=people.actor("ar_po"), order=order, closing="revoke", reason="Measure lifted"
    )
    order.refresh_from_db()
    sent.refresh_from_db()
    assert order.status == sent.status == "revoked"
    assert ProtectionNotification.objects.filter(institution__key="uy-scj", kind="ended").exists()
    with pytest.raises(ValidationError):
        _decide(people, sent, "enforce")
    with pytest.raises(ValidationError):
        _transmit(people, order, key="br-stj")
    with pytest.raises(ValidationError):
        services.protection_order_close(
            actor=people.actor("ar_po"), order=order, closing="withdraw", reason="again"
        )


def test_a_draft_is_withdrawn_not_revoked(people):
    order = issue(people.ar_po)
    with pytest.raises(ValidationError):
        services.protection_order_close(
            actor=people.actor("ar_po"), order=order, closing="revoke", reason="x"
        )
    services.protection_order_close(
        actor=people.actor("ar_po"), order=order, closing="withdraw", reason="Entered by mistake"
    )
    assert ProtectionOrder.objects.get().status == "withdrawn"


def test_orders_past_their_validity_expire(people):
    order, sent = recognised_in_uruguay(people)
    assert services.protection_orders_expire(today=order.valid_to) == 0
    assert services.protection_orders_expire(today=order.valid_to + timedelta(days=1)) == 1
    order.refresh_from_db()
    sent.refresh_from_db()
    assert order.status == sent.status == "expired"
    assert order.events.filter(kind="expire", by__isnull=True).count() == 2


def _breach(people, sent, **overrides):
    arguments = {
        "measure_id": sent.order.measures.get(kind="distance").pk,
        "occurred_at": timezone.now() - timedelta(hours=2),
        "place": "Avenida 18 de Julio, Montevideo",
        "description": "He approached to about 50 metres.",
        "action_taken": "Patrol sent; he was detained and released.",
        "victim_informed": False,
    }
    arguments.update(overrides)
    return services.breach_report(actor=people.actor("uy_po"), transmission=sent, **arguments)


def test_a_breach_report_reaches_the_issuer(people, django_capture_on_commit_callbacks):
    order, sent = recognised_in_uruguay(people)
    with pytest.raises(ValidationError) as info:  # recognised, but not in force yet
        _breach(people, sent)
    assert "__all__" in info.value.message_dict
    _decide(people, sent, "enforce")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        breach = _breach(people, sent)
    order.refresh_from_db()
    sent.refresh_from_db()
    assert order.status == sent.status == "breached"
    notification = ProtectionNotification.objects.get(kind="breach")
    assert notification.institution.key == "ar-csjn" and notification.breach == breach
    assert {m.to[0] for m in mail.outbox} == {"ar.po@example.org", "ar.po2@example.org"}
    # A second breach is reported the same way; the issuer records that she was informed.
    _breach(people, sent, measure_id=order.measures.get(kind="no_contact").pk)
    assert BreachReport.objects.count() == 2
    informed = services.breach_victim_informed(
        actor=people.actor("ar_po"), breach=breach, informed_at=timezone.now()
    )
    assert informed.victim_informed
    with pytest.raises(ValidationError):
        services.breach_victim_informed(
            actor=people.actor("ar_po"), breach=breach, informed_at=timezone.now()
        )
    with pytest.raises(PermissionDenied):
        services.breach_victim_informed(
            actor=people.actor("uy_po"), breach=breach, informed_at=timezone.now()
        )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"measure_id": None}, "measure"),
        ({"occurred_at": timezone.now() + timedelta(days=1)}, "occurred_at"),
        ({"occurred_at": timezone.now() - timedelta(days=30)}, "occurred_at"),
        ({"place": ""}, "place"),
        ({"description": " "}, "description"),
        ({"victim_informed": True}, "victim_informed_at"),
        ({"victim_informed_at": timezone.now()}, "victim_informed"),
    ],
)
def test_bad_breach_reports_are_refused(people, overrides, field):
    _order, sent = recognised_in_uruguay(people)
    _decide(people, sent, "enforce")
    with pytest.raises(ValidationError) as info:
        _breach(people, sent, **overrides)
    assert field in info.value.message_dict
    assert not BreachReport.objects.exists()


def test_a_breach_report_may_not_repeat_the_victims_address(people):
    victim = victim_data()
    _order, sent = recognised_in_uruguay(people, victim=victim)
    _decide(people, sent, "enforce")
    with pytest.raises(ValidationError) as info:
        _breach(people, sent, description=f"He waited at {victim['address']}.")
    assert "description" in info.value.message_dict


def test_the_measure_of_a_breach_belongs_to_the_order(people):
    _order, sent = recognised_in_uruguay(people)
    _decide(people, sent, "enforce")
    other = issue(people.ar_po)
    with pytest.raises(ValidationError) as info:
        _breach(people, sent, measure_id=other.measures.first().pk)
    assert "measure" in info.value.message_dict


@pytest.mark.parametrize(
    ("born", "group"),
    [
        (date(2010, 1, 1), "minor"),
        (date(2001, 1, 1), "18_29"),
        (date(1980, 1, 1), "30_59"),
        (date(1950, 1, 1), "60_plus"),
    ],
)
def test_age_groups_on_the_day_of_issue(born, group):
    assert services.age_group(born, date(2026, 6, 1)) == group


def test_age_group_boundaries_are_birthdays():
    assert services.age_group(date(2008, 6, 2), date(2026, 6, 1)) == "minor"
    assert services.age_group(date(2008, 6, 1), date(2026, 6, 1)) == "18_29"
    assert services.age_group(date(1966, 6, 1), date(2026, 6, 1)) == "60_plus"


def test_statistics_count_orders_by_country_and_age_group_without_personal_data(people):
    _order, sent = recognised_in_uruguay(people)
    _decide(people, sent, "enforce")
    _breach(people, sent)
    refused = issue(people.ar_po, victim=victim_data(born=date(2010, 3, 3)))
    refused_sent = _transmit(people, refused, key="br-stj")
    _decide(people, refused_sent, "refuse", who="br_po", ground="not_present")
    issue(people.ar_po)  # a draft: not counted
    issue(people.es_po)  # idem
    stats = selectors.protection_statistics()
    totals = stats["totals"]
    assert (totals.issued, totals.recognised, totals.refused, totals.breached) == (2, 1, 1, 1)
    rows = {r.key: r for r in stats["by_country"]}
    assert (rows["AR"].issued, rows["AR"].received) == (2, 0)
    assert (rows["UY"].received, rows["UY"].recognised, rows["UY"].breached) == (1, 1, 1)
    assert (rows["BR"].received, rows["BR"].refused) == (1, 1)
    ages = {r.key: r for r in stats["by_age_group"]}
    assert (ages["30_59"].issued, ages["30_59"].breached) == (1, 1)
    assert (ages["minor"].issued, ages["minor"].refused) == (1, 1)
    published = selectors.protection_statistics(suppress_below=2)
    assert published["totals"].issued == 2 and published["totals"].breached is None
    text = repr(stats)
    for p in ProtectedPerson.objects.all():
        assert p.surnames not in text and p.given_names not in text
