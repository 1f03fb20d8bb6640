"""Secure exchange through the API: the permission matrix, sending with attachments,
status, forwarding, notifications and defaults, and the refusals."""

from __future__ import annotations

import hashlib

import pytest

from paccto.accounts import services as account_services
from paccto.core.permissions import actor_for
from paccto.exchange.models import ForwardRequest, Message
from paccto.exchange.services.attachments import attachment_dir
from tests.exchange_helpers import PDF, PNG, pdf, send
from tests.matrix import PermissionMatrix

pytestmark = pytest.mark.django_db

SENDER_AND_RECIPIENT = {
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


class TestMessageDetail(PermissionMatrix):
    api = True
    matrix = SENDER_AND_RECIPIENT

    def prepare(self, actors):
        self.message = send(actors.owner, actors.other_country)

    def request(self, client, actors):
        return f"/api/v1/exchange/messages/{self.message.pk}", {}


class TestAttachmentDownload(PermissionMatrix):
    api = True
    matrix = SENDER_AND_RECIPIENT

    def prepare(self, actors):
        self.message = send(actors.owner, actors.other_country, uploads=[pdf()])

    def request(self, client, actors):
        return f"/api/v1/exchange/attachments/{self.message.attachments.get().pk}", {}


class TestForward(PermissionMatrix):
    api = True
    method = "post"
    # The Colombian recipient asks the Portuguese owner (202); the owner forwards (201).
    matrix = {**SENDER_AND_RECIPIENT, "owner": 202, "other_country": 201}

    def prepare(self, actors):
        # H2 content of the Portuguese police, delivered to the Colombian police.
        self.message = send(actors.other_country, actors.owner, handling_code="H2")

    def request(self, client, actors):
        target = actors.other_institution.institution_id
        return f"/api/v1/exchange/messages/{self.message.pk}/forward", {
            "data": {"target_ids": [target]},
            "content_type": "application/json",
        }


def _token(user, scope="write"):
    _, secret = account_services.api_token_create(
        actor=actor_for(user), user=user, name="t", scope=scope, days=1
    )
    return {"Authorization": f"Bearer {secret}"}


def _message(actors, **overrides):
    body = {
        "message_type": "request",
        "recipient_ids": [actors.other_country.institution_id],
        "subject": "Solicitud de antecedentes",
        "body": "Solicitamos antecedentes de la embarcación Estrella del Sur.",
        "handling_code": "H0",
        "instrument": "eu-2023-977",
        "urgency": "urgent-indirect",
        "language": "es",
    }
    body.update(overrides)
    return body


def test_upload_then_send_then_read_acknowledge_and_download(client, actors):
    sender = _token(actors.owner)
    upload = client.post("/api/v1/exchange/attachments", {"file": pdf("acta.pdf")}, headers=sender)
    assert upload.status_code == 201, upload.content
    staged = upload.json()
    assert staged["sha256"] == hashlib.sha256(PDF).hexdigest() and staged["message_id"] is None
    sent = client.post(
        "/api/v1/exchange/messages",
        _message(actors, attachment_ids=[staged["id"]]),
        content_type="application/json",
        headers=sender,
    )
    assert sent.status_code == 201, sent.content
    data = sent.json()
    assert data["due_at"] and data["attachments"][0]["id"] == staged["id"]
    assert data["owner"]["id"] == actors.owner.institution_id
    assert data["recipients"][0]["read_at"] is None
    reader = _token(actors.other_country)
    inbox = client.get("/api/v1/exchange/inbox", headers=reader).json()
    assert inbox["count"] == 1 and inbox["items"][0]["message"]["id"] == data["id"]
    detail = client.get(f"/api/v1/exchange/messages/{data['id']}", headers=reader).json()
    assert detail["body"].startswith("Solicitamos") and detail["recipients"][0]["read_at"]
    ack = client.post(
        f"/api/v1/exchange/messages/{data['id']}/acknowledge",
        content_type="application/json",
        headers=reader,
    )
    assert ack.status_code == 200 and ack.json()["acknowledged_by"] == "pt.other"
    download = client.get(f"/api/v1/exchange/attachments/{staged['id']}", headers=reader)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["X-Content-SHA256"] == staged["sha256"]
    outbox = client.get("/api/v1/exchange/outbox", headers=sender).json()
    assert outbox["items"][0]["recipients"][0]["acknowledged_at"]
    thread = client.get(f"/api/v1/exchange/threads/{data['thread_id']}", headers=reader).json()
    assert [m["id"] for m in thread["messages"]] == [data["id"]]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"recipient_ids": []}, "recipients"),
        ({"recipient_ids": [999_999]}, "recipients"),
        ({"network": "no-such-network"}, "network"),
        ({"instrument": "lex-imaginaria"}, "instrument"),
        ({"instrument": "", "urgency": ""}, "clock_rule"),
        ({"handling_code": "H3"}, "handling_note"),
        ({"handling_code": ""}, "handling_code"),
        ({"handling_code": None}, "handling_code"),
        ({"attachment_ids": [999_999]}, "attachments"),
        ({"message_type": "reply"}, "in_reply_to"),
    ],
)
def test_bad_messages_answer_422_and_change_nothing(client, actors, overrides, field):
    response = client.post(
        "/api/v1/exchange/messages",
        _message(actors, **overrides),
        content_type="application/json",
        headers={**_token(actors.owner), "Accept-Language": "en"},
    )
    assert response.status_code == 422, response.content
    assert field in {e["loc"][-1] for e in response.json()["errors"]}
    assert not Message.objects.exists()


def test_a_read_only_token_cannot_send(client, actors):
    response = client.post(
        "/api/v1/exchange/messages",
        _message(actors),
        content_type="application/json",
        headers=_token(actors.owner, "read"),
    )
    assert response.status_code == 403 and not Message.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("vacio.pdf", b""), ("foto.pdf", PNG), ("script.sh", b"#!/bin/sh\nrm -rf /\n")],
)
def test_bad_uploads_answer_422(client, actors, name, content):
    before = set(p.name for p in attachment_dir().iterdir())
    response = client.post(
        "/api/v1/exchange/attachments", {"file": pdf(name, content)}, headers=_token(actors.owner)
    )
    assert response.status_code == 422
    assert {p.name for p in attachment_dir().iterdir()} == before


def test_an_altered_attachment_answers_409(client, actors):
    message = send(actors.owner, actors.other_country, uploads=[pdf()])
    attachment = message.attachments.get()
    (attachment_dir() / attachment.stored_name).write_bytes(b"%PDF-1.7 forged")
    response = client.get(
        f"/api/v1/exchange/attachments/{attachment.pk}",
        headers={**_token(actors.other_country), "Accept-Language": "en"},
    )
    assert response.status_code == 409 and "fingerprint" in response.json()["detail"]


def test_forwarding_and_the_owners_decision(client, actors):
    message = send(actors.owner, actors.other_country, handling_code="H2")
    pending = client.post(
        f"/api/v1/exchange/messages/{message.pk}/forward",
        {"target_ids": [actors.other_institution.institution_id], "note": "Fiscalía"},
        content_type="application/json",
        headers=_token(actors.other_country),
    )
    assert pending.status_code == 202 and pending.json()["status"] == "pending"
    request_id = pending.json()["forward_request_id"]
    third = _token(actors.other_institution)
    assert client.get("/api/v1/exchange/inbox", headers=third).json()["count"] == 0
    # The requester cannot decide for the owner.
    refused = client.post(
        f"/api/v1/exchange/forward-requests/{request_id}/decide",
        {"grant": True},
        content_type="application/json",
        headers=_token(actors.other_country),
    )
    assert refused.status_code == 404
    owner = _token(actors.owner)
    listing = client.get("/api/v1/exchange/forward-requests", headers=owner).json()
    assert listing["items"][0]["status"] == "pending"
    decided = client.post(
        f"/api/v1/exchange/forward-requests/{request_id}/decide",
        {"grant": True, "note": "De acuerdo"},
        content_type="application/json",
        headers=owner,
    )
    assert decided.status_code == 200 and decided.json()["status"] == "granted"
    inbox = client.get("/api/v1/exchange/inbox", headers=third).json()
    copy = inbox["items"][0]["message"]
    assert copy["owner"]["id"] == actors.owner.institution_id
    assert copy["handling_code"] == "H2" and copy["forwarded_from_id"] == message.pk
    assert ForwardRequest.objects.get().copy_id == copy["id"]


def test_direct_forwarding_of_h1_content(client, actors):
    message = send(actors.owner, actors.other_country, handling_code="H1")
    response = client.post(
        f"/api/v1/exchange/messages/{message.pk}/forward",
        {"target_ids": [actors.other_institution.institution_id]},
        content_type="application/json",
        headers=_token(actors.other_country),
    )
    assert response.status_code == 201 and response.json()["status"] == "delivered"
    copy_id = response.json()["message"]["id"]
    detail = client.get(
        f"/api/v1/exchange/messages/{copy_id}", headers=_token(actors.other_institution)
    ).json()
    assert detail["not_for_judicial_use"] and detail["owner"]["id"] == actors.owner.institution_id


def test_search_notifications_and_clock_rules(client, actors):
    send(actors.owner, actors.other_country, body="Incautación en el puerto de Guayaquil")
    reader = _token(actors.other_country)
    found = client.get("/api/v1/exchange/messages?q=GUAYAQUIL", headers=reader).json()
    assert found["count"] == 1
    assert client.get("/api/v1/exchange/messages?q=", headers=reader).status_code == 422
    notes = client.get("/api/v1/exchange/notifications", headers=reader).json()
    assert notes["count"] == 1 and notes["items"][0]["kind"] == "delivered"
    marked = client.post(
        "/api/v1/exchange/notifications/read", {}, content_type="application/json", headers=reader
    )
    assert marked.json() == {"marked": 1}
    rules = client.get("/api/v1/exchange/clock-rules", headers=reader).json()
    assert {"instrument": "eu-2023-977", "urgency": "urgent-direct", "hours": 8}.items() <= next(
        r for r in rules if r["urgency"] == "urgent-direct"
    ).items()


def test_defaults_through_the_api(client, actors):
    url = f"/api/v1/exchange/defaults/{actors.owner.institution_id}"
    put = client.put(
        url,
        {"handling_code": "H2", "source_reliability": "B", "information_reliability": "2"},
        content_type="application/json",
        headers=_token(actors.co_admin),
    )
    assert put.status_code == 200 and put.json()["handling_code"] == "H2"
    sent = client.post(
        "/api/v1/exchange/messages",
        _message(actors, handling_code=None),
        content_type="application/json",
        headers=_token(actors.owner),
    )
    assert sent.status_code == 201 and sent.json()["handling_code"] == "H2"
    assert sent.json()["grade"] == "B2"


def test_mentions_through_the_api(client, actors):
    message = send(actors.owner, actors.other_country)
    response = client.post(
        f"/api/v1/exchange/messages/{message.pk}/entities",
        {"schema": "Phone", "properties": {"number": "+57 300 123 4567"}},
        content_type="application/json",
        headers=_token(actors.other_country),
    )
    assert response.status_code == 201, response.content
    assert response.json()["recorded"] is True
    missing = client.post(
        f"/api/v1/exchange/messages/{message.pk}/entities",
        {},
        content_type="application/json",
        headers=_token(actors.other_country),
    )
    assert missing.status_code == 422


def test_the_inbox_api_answers_what_its_schema_reads_from_the_models(client, actors):
    """The inbox API builds its items from plain values: the same JSON as the schema read
    from the model objects: overdue requests, answered ones, acknowledged spontaneous
    information."""
    import json
    from datetime import timedelta

    from django.utils import timezone
    from ninja.responses import NinjaJSONEncoder

    from paccto.exchange import selectors, services
    from paccto.exchange.models import MessageRecipient
    from paccto.exchange.schemas import InboxItemOut

    reader = actor_for(actors.other_country)
    late = send(actors.owner, actors.other_country, subject="Late")
    Message.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=1))
    answered = send(actors.owner, actors.other_country, subject="Answered")
    Message.objects.filter(pk=answered.pk).update(due_at=timezone.now() - timedelta(hours=1))
    MessageRecipient.objects.filter(message=answered).update(answered_at=timezone.now())
    read = send(actors.owner, actors.other_country, message_type="spontaneous")
    services.message_acknowledge(actor=reader, message=read)
    page = client.get("/api/v1/exchange/inbox?page_size=200", headers=_token(actors.other_country))
    assert page.status_code == 200
    expected = json.loads(
        json.dumps(
            [InboxItemOut.from_orm(r).model_dump() for r in selectors.inbox(actor=reader)],
            cls=NinjaJSONEncoder,
        )
    )
    assert page.json()["items"] == expected
    assert page.json()["count"] == len(expected) == 3
    overdue = {i["message"]["subject"]: i["overdue"] for i in expected}
    assert overdue == {"Late": True, "Answered": False, read.subject: False}
