"""Secure exchange pages: the permission matrix, composing with attachments, status,
forwarding, mentions, the bell, the hit/no-hit request and the request-size limits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.entities.services import entity_create
from paccto.exchange import services
from paccto.exchange.models import (
    ExchangeDefaults,
    ForwardRequest,
    Message,
    MessageEntity,
    Notification,
)
from tests.exchange_helpers import PDF, PNG, pdf, rule, send
from tests.matrix import PermissionMatrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(signed_in):
    """Signed-in clients that read the pages in English."""

    def sign_in(user):
        client = signed_in(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return sign_in


OPERATIONAL = {
    "anonymous": 302,
    "owner": 200,
    "colleague_no_role": 403,
    "other_institution": 200,
    "other_country": 200,
    "co_admin": 403,
    "fr_admin": 403,
    "co_dpo": 403,
    "fr_dpo": 403,
    "platform_admin": 403,
}
SENDER_AND_RECIPIENT = {**OPERATIONAL, "other_institution": 404}


class TestInbox(PermissionMatrix):
    matrix = OPERATIONAL

    def request(self, client, actors):
        return "/exchange/", {}


class TestMessagePage(PermissionMatrix):
    matrix = SENDER_AND_RECIPIENT

    def prepare(self, actors):
        self.message = send(actors.owner, actors.other_country, uploads=[pdf()])

    def request(self, client, actors):
        return f"/exchange/messages/{self.message.pk}/", {}


class TestAttachmentDownload(PermissionMatrix):
    matrix = SENDER_AND_RECIPIENT

    def prepare(self, actors):
        self.message = send(actors.owner, actors.other_country, uploads=[pdf()])

    def request(self, client, actors):
        return f"/exchange/attachments/{self.message.attachments.get().pk}/", {}


class TestAcknowledge(PermissionMatrix):
    method = "post"
    matrix = {**SENDER_AND_RECIPIENT, "owner": 404, "other_country": 302}

    def prepare(self, actors):
        self.message = send(actors.owner, actors.other_country)

    def request(self, client, actors):
        return f"/exchange/messages/{self.message.pk}/acknowledge/", {}


class TestDecideForwarding(PermissionMatrix):
    method = "post"
    matrix = {**SENDER_AND_RECIPIENT, "owner": 302, "other_country": 404}

    def prepare(self, actors):
        secret = send(actors.owner, actors.other_country, handling_code="H2")
        self.forward = services.message_forward(
            actor=actor_for(actors.other_country),
            message=secret,
            target_ids=[actors.other_institution.institution_id],
        )

    def request(self, client, actors):
        return f"/exchange/forward-requests/{self.forward.pk}/decide/", {
            "data": {"decision": "grant"}
        }


# Journeys -------------------------------------------------------------------------------------


def _compose(client, **data):
    values = {
        "message_type": "request",
        "subject": "Vehículo ABC-123",
        "body": "¿Consta el vehículo ABC-123 en sus registros?",
        "language": "es",
        "handling_code": "H0",
        "source_reliability": "B",
        "information_reliability": "2",
        "clock_rule": str(rule().pk),
    }
    values.update(data)
    return client.post("/exchange/compose/", values)


def test_compose_with_an_attachment_then_the_recipient_reads_and_acknowledges(actors, signed_in):
    client = signed_in(actors.owner)
    form = client.get("/exchange/compose/")
    assert b'enctype="multipart/form-data"' in form.content
    response = _compose(
        client, recipients=[str(actors.other_country.institution_id)], attachments=[pdf()]
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert response["Location"] == f"/exchange/messages/{message.pk}/"
    assert message.attachments.get().file_name == "informe.pdf" and message.due_at
    recipient = signed_in(actors.other_country)
    inbox = recipient.get("/exchange/").content.decode()
    assert message.reference in inbox and message.due_at.strftime("%Y") in inbox
    page = recipient.get(f"/exchange/messages/{message.pk}/").content.decode()
    assert "¿Consta el vehículo ABC-123" in page and 'data-testid="acknowledge"' in page
    download = recipient.get(f"/exchange/attachments/{message.attachments.get().pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/pdf"
    assert recipient.post(f"/exchange/messages/{message.pk}/acknowledge/").status_code == 302
    sender_page = signed_in(actors.owner).get(f"/exchange/messages/{message.pk}/")
    row = sender_page.content.decode().split('data-testid="recipient-ack"')[1][:200]
    assert actors.other_country.get_full_name() in row


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Choose at least one institution or a network."),
        ({"recipients": ["999999"]}, "999999"),
        ({"handling_code": ""}, "Choose a handling code (H0 to H3)."),
        ({"handling_code": "H3"}, "H3 needs the restrictions stated in free text."),
        ({"attachments": [pdf("foto.pdf", PNG)]}, "does not match its extension .pdf"),
        ({"attachments": [pdf("vacio.pdf", b"")]}, "The submitted file is empty."),
        ({"clock_rule": ""}, "Choose the legal instrument and urgency of the request."),
    ],
)
def test_compose_refuses_bad_input_with_a_clear_error(actors, signed_in, data, error):
    client = signed_in(actors.owner)
    base = {"recipients": [str(actors.other_country.institution_id)]}
    if "recipients" in data or data == {}:
        base = {}
    response = _compose(client, **{**base, **data})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Message.objects.exists()


def test_a_traversal_file_name_arrives_cut_to_its_base_name(actors, signed_in):
    client = signed_in(actors.owner)
    upload = SimpleUploadedFile("informe.pdf", PDF)
    upload.name = "../../../etc/informe.pdf"
    response = _compose(
        client, recipients=[str(actors.other_country.institution_id)], attachments=[upload]
    )
    assert response.status_code == 302
    assert Message.objects.get().attachments.get().file_name == "informe.pdf"


def test_an_upload_larger_than_the_body_limit_passes_on_the_upload_route_only(
    actors, signed_in, settings
):
    big = b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024)
    assert len(big) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    client = signed_in(actors.owner)
    response = _compose(
        client,
        recipients=[str(actors.other_country.institution_id)],
        attachments=[pdf("grande.pdf", big)],
    )
    assert response.status_code == 302
    assert Message.objects.get().attachments.get().size == len(big)
    elsewhere = client.post("/exchange/search/", {"file": pdf("grande.pdf", big)})
    assert elsewhere.status_code == 413
    api = client.post("/api/v1/exchange/messages", {"file": pdf("grande.pdf", big)})
    assert api.status_code == 413 and api.json() == {"detail": "The request body is too large."}


def test_the_reply_page_answers_the_request_and_joins_its_thread(actors, signed_in):
    request = send(actors.owner, actors.other_country)
    client = signed_in(actors.other_country)
    form = client.get(f"/exchange/compose/?reply_to={request.pk}").content.decode()
    assert f'name="in_reply_to" value="{request.pk}"' in form
    response = _compose(
        client,
        message_type="reply",
        recipients=[str(actors.owner.institution_id)],
        in_reply_to=str(request.pk),
        clock_rule="",
        subject="Re: Vehículo",
        body="No consta.",
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.answered_at is not None
    thread = signed_in(actors.owner).get(f"/exchange/threads/{request.thread_id}/")
    assert thread.content.decode().count("/exchange/messages/") == 2


def test_the_sender_following_up_writes_to_its_recipients_again(actors, signed_in):
    request = send(actors.owner, actors.other_country, actors.other_institution)
    form = signed_in(actors.owner).get(f"/exchange/compose/?reply_to={request.pk}")
    text = form.content.decode()
    for user in (actors.other_country, actors.other_institution):
        assert f'<option value="{user.institution_id}" selected>' in text
    assert f'<option value="{actors.owner.institution_id}" selected>' not in text


def test_replying_to_a_message_one_does_not_see_is_not_found(actors, signed_in):
    request = send(actors.owner, actors.other_country)
    client = signed_in(actors.other_institution)
    assert client.get(f"/exchange/compose/?reply_to={request.pk}").status_code == 404
    refused = AuditEntry.objects.filter(
        object_type="exchange.message", object_id=str(request.pk), details__has_key="refused"
    )
    assert refused.get().details == {"refused": "not_found", "attempted": "reply"}


def test_the_h1_mark_and_the_owner_show_on_every_copy(actors, signed_in):
    original = send(actors.owner, actors.other_country, handling_code="H1")
    client = signed_in(actors.other_country)
    response = client.post(
        f"/exchange/messages/{original.pk}/forward/",
        {"targets": [str(actors.other_institution.institution_id)], "note": "Para la Fiscalía"},
    )
    copy = Message.objects.get(forwarded_from=original)
    assert response["Location"] == f"/exchange/messages/{copy.pk}/"
    page = signed_in(actors.other_institution).get(f"/exchange/messages/{copy.pk}/")
    text = page.content.decode()
    assert 'data-testid="h1-mark"' in text and "not for use in judicial proceedings" in text
    assert actors.owner.institution.name in text.split('data-testid="owner"')[1][:200]
    assert 'data-testid="copy-of"' in text and "Para la Fiscalía" in text


def test_forwarding_h2_content_asks_the_owner_on_the_page(actors, signed_in):
    original = send(actors.owner, actors.other_country, handling_code="H2")
    client = signed_in(actors.other_country)
    page = client.get(f"/exchange/messages/{original.pk}/").content.decode()
    assert "forwarding it sends a request to its owner" in page
    response = client.post(
        f"/exchange/messages/{original.pk}/forward/",
        {"targets": [str(actors.other_institution.institution_id)]},
    )
    assert response["Location"] == "/exchange/forward-requests/"
    assert ForwardRequest.objects.get().status == "pending"
    assert Message.objects.count() == 1
    owner = signed_in(actors.owner)
    listing = owner.get("/exchange/forward-requests/").content.decode()
    assert 'data-testid="decide"' in listing
    forward = ForwardRequest.objects.get()
    owner.post(f"/exchange/forward-requests/{forward.pk}/decide/", {"decision": "grant"})
    forward.refresh_from_db()
    assert forward.status == "granted" and forward.copy is not None


def test_forwarding_someone_elses_message_is_not_found_and_audited(actors, signed_in):
    original = send(actors.owner, actors.other_country)
    client = signed_in(actors.other_institution)
    response = client.post(
        f"/exchange/messages/{original.pk}/forward/",
        {"targets": [str(actors.fr_admin.institution_id)]},
    )
    assert response.status_code == 404
    assert Message.objects.count() == 1
    entry = AuditEntry.objects.filter(object_type="exchange.message").latest("seq")
    assert entry.action == "disclose" and entry.details["refused"] == "not_found"


def test_overdue_requests_stand_out_in_the_inbox(actors, signed_in):
    message = send(
        actors.owner, actors.other_country, clock_rule=rule("eu-2023-977", "urgent-direct")
    )
    Message.objects.filter(pk=message.pk).update(due_at=message.sent_at - timedelta(hours=1))
    client = signed_in(actors.other_country)
    page = client.get("/exchange/").content.decode()
    assert 'class="overdue' in page and "overdue" in page
    assert message.reference in client.get("/exchange/?overdue=1").content.decode()
    outbox = signed_in(actors.owner).get("/exchange/outbox/").content.decode()
    assert 'class="overdue"' in outbox


def test_the_inbox_page_costs_a_fixed_number_of_queries(actors, signed_in):
    client = signed_in(actors.other_country)
    send(actors.owner, actors.other_country)
    client.get("/exchange/")  # caches of the first request (directory, session)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/exchange/").status_code == 200
    for _ in range(10):
        send(actors.owner, actors.other_country)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/exchange/").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_bell_counts_unread_notifications_and_the_list_reads_them(actors, signed_in):
    send(actors.owner, actors.other_country)
    send(actors.owner, actors.other_country)
    client = signed_in(actors.other_country)
    page = client.get("/exchange/").content.decode()
    assert 'data-testid="unread-count">2<' in page
    listing = client.get("/exchange/notifications/").content.decode()
    assert listing.count('class="unseen"') == 2 and "New message" in listing
    assert 'data-testid="unread-count"' not in client.get("/exchange/").content.decode()


def test_search_page_finds_and_audits(actors, signed_in):
    message = send(actors.owner, actors.other_country, body="Contenedor MSKU 123 en Santos")
    client = signed_in(actors.other_country)
    page = client.get("/exchange/search/?q=santos+msku").content.decode()
    assert message.reference in page
    assert AuditEntry.objects.filter(details__search="santos msku").exists()


def test_a_person_mentioned_is_recorded_from_the_message_page(actors, signed_in):
    message = send(actors.owner, actors.other_country, handling_code="H2")
    client = signed_in(actors.other_country)
    form = client.get(f"/exchange/messages/{message.pk}/entities/new/?schema=Person")
    assert 'name="p_firstName"' in form.content.decode()
    response = client.post(
        f"/exchange/messages/{message.pk}/entities/new/?schema=Person",
        {
            "p_firstName": "Lucía",
            "p_lastName": "Mendoza",
            "source_reliability": "A",
            "information_reliability": "1",
            "handling_code": "H0",
            "share_scope": "platform",
        },
    )
    assert response.status_code == 302
    mention = MessageEntity.objects.select_related("entity").get()
    assert mention.entity.source_ref == message.reference and mention.entity.handling_code == "H2"
    page = client.get(f"/exchange/messages/{message.pk}/").content.decode()
    assert "Lucía Mendoza" in page


def test_linking_an_entity_one_may_not_see_is_not_found(actors, signed_in):
    message = send(actors.owner, actors.other_country)
    hidden = entity_create(
        actor=actor_for(actors.other_institution), schema="Person", properties={"firstName": "X"}
    )
    client = signed_in(actors.other_country)
    response = client.post(
        f"/exchange/messages/{message.pk}/entities/link/", {"entity": hidden.reference}
    )
    assert response.status_code == 404 and not MessageEntity.objects.exists()


def test_administrators_set_the_defaults_of_their_countrys_institutions(actors, signed_in):
    client = signed_in(actors.co_admin)
    url = f"/exchange/defaults/{actors.owner.institution_id}/"
    bad = client.post(
        url, {"handling_code": "H3", "source_reliability": "A", "information_reliability": "1"}
    )
    assert bad.status_code == 400 and "H3 needs the restrictions" in bad.content.decode()
    good = client.post(
        url,
        {
            "handling_code": "H1",
            "source_reliability": "A",
            "information_reliability": "1",
            "language": "es",
        },
    )
    assert good.status_code == 302
    defaults = ExchangeDefaults.objects.get()
    assert (defaults.handling_code, defaults.updated_by_id) == ("H1", actors.co_admin.pk)
    form = signed_in(actors.owner).get("/exchange/compose/").content.decode()
    assert '<option value="H1" selected>' in form
    pt_police = actors.other_country.institution_id
    client = signed_in(actors.co_admin)
    assert client.get(f"/exchange/defaults/{pt_police}/").status_code == 404


# Hit/no-hit -----------------------------------------------------------------------------------


def test_the_record_request_after_a_hit_opens_a_request_to_the_owner(
    actors, signed_in, django_capture_on_commit_callbacks
):
    from django.core import mail

    from paccto.hits.models import HitNotification
    from paccto.hits.services import hit_check

    record = entity_create(
        actor=actor_for(actors.owner),
        schema="Person",
        properties={"firstName": "Francisco", "lastName": "Vásquez", "birthDate": "1982-09-05"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        hit_check(
            actor=actor_for(actors.other_country),
            query={"full_name": "Francisco Vásquez", "date_of_birth": "1982-09-05"},
            justification="Operação Tejo",
        )
    # The owner is told under the bell and by e-mail, with the reference only.
    (email,) = mail.outbox
    assert record.reference in email.subject and "Francisco" not in email.subject + email.body
    assert Notification.objects.get(user=actors.owner).kind == "hit"
    hit = HitNotification.objects.get()
    client = signed_in(actors.other_country)
    response = client.post(f"/hits/{hit.pk}/request/")
    assert response["Location"] == f"/exchange/compose/?hit={hit.pk}"
    form = client.get(response["Location"]).content.decode()
    assert record.reference in form and f'name="hit" value="{hit.pk}"' in form
    assert f'<option value="{actors.owner.institution_id}" selected>' in form
    sent = _compose(
        client,
        recipients=[str(actors.owner.institution_id)],
        hit=str(hit.pk),
        subject=f"Request for record {record.reference}",
        clock_rule=str(rule("prum-ii", "core-data").pk),
    )
    assert sent.status_code == 302
    message = Message.objects.get()
    assert message.hit_notification_id == hit.pk and message.due_at
    owner_page = signed_in(actors.owner).get(f"/exchange/messages/{message.pk}/").content.decode()
    assert record.reference in owner_page
    # Someone else cannot use that hit.
    other = signed_in(actors.other_institution)
    assert other.get(f"/exchange/compose/?hit={hit.pk}").status_code == 404
