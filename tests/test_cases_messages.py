"""Messages linked to cases: who may link them, and the rule that a link gives nobody
access: the case's pages, API and timeline show a linked message only to readers who may
already see it through secure exchange (sender, owner, recipients)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from paccto.audit.models import AuditEntry
from paccto.cases import selectors, services
from paccto.cases.models import CaseMessage
from paccto.core.permissions import actor_for
from paccto.exchange.models import Message
from paccto.exchange.services import forward_request_decide, message_forward
from tests.cases_factories import make_case
from tests.exchange_helpers import send
from tests.factories import make_user, verify_session
from tests.matrix import PermissionMatrix

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


class World:
    """A Colombian case (owner's police leads; the Portuguese police is a member; the
    Colombian prosecutor takes part in person as observer) and messages around it:

    - ``to_pt``: from the owner to the Portuguese police (both read it);
    - ``to_fr``: from the owner to the French police (the Portuguese member cannot read it);
    - ``secret``: H2 content of the owner sent to the Portuguese police, which asked to
      forward it to the Colombian prosecutor (pending: the prosecutor reads nothing).
    """

    def __init__(self, actors):
        self.actors = actors
        self.owner, self.pt = actors.owner, actors.other_country
        self.observer = actors.other_institution
        self.fr = make_user("FR", "police", ("investigator",), username="fr.police")
        self.case = make_case(self.owner, reference="CO-2026-077", title="Operación Ámbar")
        lead = actor_for(self.owner)
        services.case_add_participant(
            actor=lead, case=self.case, role="member", institution=self.pt.institution
        )
        services.case_add_participant(
            actor=lead, case=self.case, role="observer", user=self.observer
        )
        self.to_pt = send(self.owner, self.pt, subject="Contenedor MSCU 481")
        self.to_fr = send(self.owner, self.fr, subject="Ruta de Le Havre")
        self.secret = send(self.owner, self.pt, subject="Informante Halcón", handling_code="H2")
        self.forward = message_forward(
            actor=actor_for(self.pt), message=self.secret, target_ids=[self.observer.institution_id]
        )

    def link(self, message, who=None):
        return services.case_link_message(
            actor=actor_for(who or self.owner), case=self.case, message=message
        )


@pytest.fixture
def world(actors):
    return World(actors)


def _subjects(actor, case):
    return [link.message.subject for link in selectors.case_messages(actor=actor, case=case)]


def test_a_lead_links_a_message_it_reads_and_the_link_is_audited(world):
    link = world.link(world.to_pt)
    assert (link.case, link.message, link.added_by) == (world.case, world.to_pt, world.owner)
    entry = AuditEntry.objects.filter(object_type="cases.case", action="combine").get()
    assert entry.details == {"message": world.to_pt.pk, "reference": world.to_pt.reference}
    assert entry.actor_id == world.owner.pk
    with pytest.raises(ValidationError) as info:
        world.link(world.to_pt)
    assert "already linked" in " ".join(info.value.messages)
    assert CaseMessage.objects.count() == 1


def test_a_member_who_reads_the_message_may_link_it(world):
    world.link(world.to_pt, who=world.pt)
    assert CaseMessage.objects.filter(case=world.case, message=world.to_pt).exists()


@pytest.mark.parametrize(
    ("who", "message", "error", "why"),
    [
        ("observer", "to_pt", PermissionDenied, "observers read a case, they do not add to it"),
        ("observer", "secret", PermissionDenied, "nor does a pending H2 forward let them"),
        ("fr", "to_fr", PermissionDenied, "a reader of the message outside the case"),
        ("pt", "to_fr", Http404, "a member who may not read the message"),
    ],
)
def test_linking_needs_a_lead_or_member_who_reads_the_message(world, who, message, error, why):
    with pytest.raises(error):
        world.link(getattr(world, message), who=getattr(world, who))
    assert not CaseMessage.objects.exists(), why
    assert not AuditEntry.objects.filter(object_type="cases.case", action="combine").exists()


def test_a_linked_message_shows_only_to_those_who_already_read_it(world):
    for message in (world.to_pt, world.to_fr, world.secret):
        world.link(message)
    owner, pt, observer = (actor_for(u) for u in (world.owner, world.pt, world.observer))
    assert _subjects(owner, world.case) == [
        "Contenedor MSCU 481",
        "Ruta de Le Havre",
        "Informante Halcón",
    ]
    # The Portuguese member reads what was sent to it, not what went to France.
    assert _subjects(pt, world.case) == ["Contenedor MSCU 481", "Informante Halcón"]
    # The observer (Colombian prosecution) received none of them: the pending H2 forward
    # gives it nothing, and neither does the case.
    assert _subjects(observer, world.case) == []
    lanes = {
        who: [
            e.title
            for e in selectors.case_timeline_events(actor=a, case=world.case)
            if e.lane == "exchange"
        ]
        for who, a in (("owner", owner), ("pt", pt), ("observer", observer))
    }
    assert lanes["owner"] == [
        f"{world.to_pt.reference} · Contenedor MSCU 481",
        f"{world.to_fr.reference} · Ruta de Le Havre",
        f"{world.secret.reference} · Informante Halcón",
    ]
    assert lanes["pt"] == [lanes["owner"][0], lanes["owner"][2]]
    assert lanes["observer"] == []
    assert list(selectors.message_cases(actor=pt, message=world.to_fr)) == []
    assert [c.case for c in selectors.message_cases(actor=pt, message=world.to_pt)] == [world.case]


def test_the_owner_grant_is_what_opens_h2_content_not_the_case(world):
    world.link(world.secret)
    observer = actor_for(world.observer)
    assert _subjects(observer, world.case) == []
    owner = actor_for(world.owner)
    forward_request_decide(actor=owner, request=world.forward, grant=True, note="")
    world.forward.refresh_from_db()
    # The prosecution now reads its own copy; the original linked to the case stays unseen.
    assert Message.objects.filter(pk=world.forward.copy_id).exists()
    assert _subjects(observer, world.case) == []
    world.link(world.forward.copy)
    assert _subjects(observer, world.case) == ["Informante Halcón"]


def test_the_case_page_and_api_show_no_trace_of_a_message_one_cannot_read(client, world):
    world.link(world.to_pt)
    world.link(world.to_fr)
    verify_session(client, world.pt)
    page = client.get(f"/cases/{world.case.pk}/").content.decode()
    assert "Contenedor MSCU 481" in page and world.to_pt.reference in page
    assert "Ruta de Le Havre" not in page and world.to_fr.reference not in page
    listed = client.get(f"/api/v1/cases/{world.case.pk}/messages").json()
    assert listed["count"] == 1
    assert [m["reference"] for m in listed["items"]] == [world.to_pt.reference]
    timeline = client.get(f"/api/v1/cases/{world.case.pk}/timeline").json()
    titles = " ".join(e["title"] for e in timeline)
    assert world.to_pt.reference in titles and world.to_fr.reference not in titles
    link = world.case.message_links.get(message=world.to_fr)
    unlink = client.delete(f"/api/v1/cases/{world.case.pk}/messages/{link.pk}")
    assert unlink.status_code == 404 and unlink.json() == {"detail": "Not found."}
    assert client.post(f"/cases/{world.case.pk}/messages/{link.pk}/unlink/").status_code == 404
    assert CaseMessage.objects.count() == 2


def test_a_message_sent_about_a_case_is_linked_at_once(world):
    message = send(world.owner, world.pt, subject="Informe de seguimiento", case=world.case)
    assert CaseMessage.objects.get().message == message
    assert AuditEntry.objects.filter(object_type="cases.case", action="combine").count() == 1


def test_sending_about_a_case_one_may_not_add_to_sends_nothing(world):
    before = Message.objects.count()
    with pytest.raises(ValidationError) as info:
        send(world.observer, world.pt, subject="Nota", case=world.case)
    assert "case" in info.value.message_dict
    assert Message.objects.count() == before and not CaseMessage.objects.exists()


def test_the_compose_page_offers_ones_cases_and_links_the_message(client, world):
    other = make_case(world.fr, reference="FR-2026-9", title="Affaire du port")
    verify_session(client, world.pt)
    page = client.get(f"/exchange/compose/?case={world.case.pk}").content.decode()
    assert f'<option value="{world.case.pk}" selected>CO-2026-077 · Operación Ámbar' in page
    assert "FR-2026-9" not in page
    form = {
        "message_type": "spontaneous",
        "recipients": [str(world.owner.institution_id)],
        "subject": "Nuevo contenedor",
        "body": "Otro contenedor con la misma ruta.",
        "language": "pt",
        "handling_code": "H0",
        "source_reliability": "B",
        "information_reliability": "2",
    }
    refused = client.post("/exchange/compose/", {**form, "case": str(other.pk)})
    assert refused.status_code == 400 and not CaseMessage.objects.exists()
    assert not Message.objects.filter(subject="Nuevo contenedor").exists()
    sent = client.post("/exchange/compose/", {**form, "case": str(world.case.pk)})
    assert sent.status_code == 302
    message = Message.objects.get(subject="Nuevo contenedor")
    assert CaseMessage.objects.get().message == message


def test_a_reply_is_offered_the_case_of_the_message_it_answers(client, world):
    world.link(world.to_pt)
    verify_session(client, world.pt)
    page = client.get(f"/exchange/compose/?reply_to={world.to_pt.pk}").content.decode()
    assert f'<option value="{world.case.pk}" selected>' in page


def test_the_api_sends_about_a_case(client, world):
    verify_session(client, world.pt)
    body = {
        "message_type": "spontaneous",
        "recipient_ids": [world.owner.institution_id],
        "subject": "Por la API",
        "body": "Texto",
        "handling_code": "H0",
    }
    sent = client.post(
        "/api/v1/exchange/messages", {**body, "case_id": world.case.pk}, "application/json"
    )
    assert sent.status_code == 201, sent.json()
    assert CaseMessage.objects.get().message_id == sent.json()["id"]
    verify_session(client, world.observer)
    refused = client.post(
        "/api/v1/exchange/messages",
        {**body, "recipient_ids": [world.pt.institution_id], "case_id": world.case.pk},
        "application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"][-1] == "case"
    unknown = client.post(
        "/api/v1/exchange/messages", {**body, "case_id": 999999}, "application/json"
    )
    assert unknown.status_code == 404
    assert (
        CaseMessage.objects.count() == 1
        and not Message.objects.filter(sender_institution_id=world.observer.institution_id).exists()
    )


def test_the_message_page_links_it_to_a_case(client, world):
    verify_session(client, world.pt)
    page = client.get(f"/exchange/messages/{world.to_pt.pk}/").content.decode()
    assert 'data-testid="case-link-form"' in page and "CO-2026-077" in page
    response = client.post(
        f"/exchange/messages/{world.to_pt.pk}/cases/", {"case": str(world.case.pk)}
    )
    assert response.status_code == 302
    assert CaseMessage.objects.get().added_by == world.pt
    page = client.get(f"/exchange/messages/{world.to_pt.pk}/").content.decode()
    assert 'data-testid="case-link-form"' not in page  # no case left to link it to
    assert f'href="/cases/{world.case.pk}/"' in page
    # A case one does not take part in cannot be chosen.
    other = make_case(world.fr, reference="FR-2026-9")
    client.post(f"/exchange/messages/{world.to_pt.pk}/cases/", {"case": str(other.pk)})
    assert CaseMessage.objects.count() == 1


def test_unlinking_needs_a_lead_or_member_and_is_audited(client, world):
    link = world.link(world.to_pt)
    verify_session(client, world.observer)
    # The observer does not read the message: the link does not exist for it.
    assert client.post(f"/cases/{world.case.pk}/messages/{link.pk}/unlink/").status_code == 404
    world.link(world.to_fr)
    with pytest.raises(PermissionDenied):
        services.case_unlink_message(actor=actor_for(world.observer), link=link)
    verify_session(client, world.pt)
    assert client.post(f"/cases/{world.case.pk}/messages/{link.pk}/unlink/").status_code == 302
    assert list(CaseMessage.objects.values_list("message_id", flat=True)) == [world.to_fr.pk]
    entry = AuditEntry.objects.filter(object_type="cases.case", action="alter").latest("seq")
    assert entry.details == {"message_unlinked": world.to_pt.pk, "reference": world.to_pt.reference}


def test_the_case_page_reads_linked_messages_in_a_fixed_number_of_queries(client, world):
    verify_session(client, world.owner)
    world.link(world.to_pt)
    client.get(f"/cases/{world.case.pk}/")
    with CaptureQueriesContext(connection) as one:
        client.get(f"/cases/{world.case.pk}/")
    for n in range(5):
        world.link(send(world.owner, world.pt, subject=f"Seguimiento {n}"))
    with CaptureQueriesContext(connection) as six:
        page = client.get(f"/cases/{world.case.pk}/").content.decode()
    assert "Seguimiento 4" in page
    assert len(six.captured_queries) == len(one.captured_queries)


class TestCaseMessageList(PermissionMatrix):
    """The messages of a case in the API: its participants (the list holds only what each
    reads); 404 for anyone else."""

    api = True
    matrix = {
        "anonymous": 401,
        "owner": 200,
        "colleague_no_role": 404,
        "other_institution": 404,
        "other_country": 200,
        "co_admin": 404,
        "fr_admin": 404,
        "co_dpo": 404,
        "fr_dpo": 404,
        "platform_admin": 404,
    }

    def prepare(self, actors):
        case = make_case(actors.owner, reference="CO-MATRIX-9")
        services.case_add_participant(
            actor=actor_for(actors.owner),
            case=case,
            role="member",
            institution=actors.other_country.institution,
        )
        services.case_link_message(
            actor=actor_for(actors.owner),
            case=case,
            message=send(actors.owner, actors.other_country),
        )
        self.case = case

    def request(self, client, actors):
        return f"/api/v1/cases/{self.case.pk}/messages", {}


def test_the_demo_case_holds_two_messages_that_only_colombia_reads(settings):
    import io

    from django.core.management import call_command

    from paccto.accounts.models import User
    from paccto.cases.models import Case
    from paccto.core.demo import DEMO_CASE_REFERENCE

    settings.DEMO = True
    call_command("seed_demo", stdout=io.StringIO())
    case = Case.objects.get(reference=DEMO_CASE_REFERENCE)
    assert case.message_links.count() == 2
    readers = {
        name: len(_subjects(actor_for(User.objects.get(username=name)), case))
        for name in ("co.investigator", "co.prosecutor", "pt.prosecutor")
    }
    # The Portuguese prosecutor takes part in the case but was sent neither message.
    assert readers == {"co.investigator": 2, "co.prosecutor": 0, "pt.prosecutor": 0}
