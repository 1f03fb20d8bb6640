"""Attachments: how they are stored, checked and handed out, and the refusals."""

from __future__ import annotations

import hashlib
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.exchange import selectors, services
from paccto.exchange.models import Attachment
from paccto.exchange.services.attachments import attachment_dir
from tests.exchange_helpers import PDF, PNG, pdf, send

# What a file is, from its content, and which names are kept: tests/test_filetypes.py (the
# one table for every upload of the platform).


# Storing, checking, handing out --------------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages read in English (the platform's default language is Spanish)."""
    with translation.override("en"):
        yield


class RawUpload:
    """An upload whose name reaches the service as sent (Django's own upload classes and
    multipart parser already cut paths and drop unprintable characters)."""

    def __init__(self, name: str, content: bytes) -> None:
        self.name, self.content = name, content

    def chunks(self, chunk_size=None):
        yield self.content


def _upload(user, name="informe.pdf", content=PDF):
    return services.attachment_upload(actor=actor_for(user), upload=RawUpload(name, content))


def test_a_file_is_stored_outside_the_web_root_under_a_random_name(actors, settings):
    attachment = _upload(actors.owner)
    directory = Path(settings.DATA_DIR) / "attachments"
    path = directory / attachment.stored_name
    assert path.read_bytes() == PDF
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest() and attachment.size == len(PDF)
    assert len(attachment.stored_name) == 32 and attachment.stored_name not in ("informe.pdf",)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert (attachment.kind, attachment.media_type) == ("pdf", "application/pdf")
    assert not str(directory).startswith(str(settings.STATIC_ROOT))


def _files() -> set[str]:
    return {p.name for p in attachment_dir().iterdir()}


@pytest.mark.parametrize(
    ("name", "content", "message", "audited"),
    [
        ("vacio.pdf", b"", "is empty", False),
        ("foto.pdf", PNG, "does not match its extension .pdf", True),
        ("programa.exe", b"MZ\x90\x00", "not a kind of file", False),
        ("programa.pdf", b"MZ\x90\x00" + bytes(60), "is a program", True),
        ("run.sh", b"#!/bin/sh\nrm -rf /\n", "not a kind of file", False),
        ("pagina.html", b"<html><script>x</script></html>", "not a kind of file", False),
        ("../../secreto.pdf", PDF, "is not allowed", True),
        ("informe\x1b.pdf", PDF, "control or invisible", True),
        ("fdp\u202eexe.pdf", PDF, "control or invisible", True),
        ("informe", PDF, "has no extension", False),
    ],
)
def test_refused_files_leave_nothing_behind(actors, name, content, message, audited):
    before = _files()
    with pytest.raises(ValidationError) as info:
        _upload(actors.owner, name, content)
    assert message in " ".join(info.value.messages)
    assert _files() == before and not Attachment.objects.exists()
    refusals = AuditEntry.objects.filter(object_type="exchange.attachment")
    assert refusals.exists() is audited
    if audited:
        assert "refused" in refusals.get().details


def test_a_file_over_the_limit_is_refused(actors, settings):
    settings.PACCTO_ATTACHMENT_MAX_BYTES = len(PDF) - 1
    before = _files()
    with pytest.raises(ValidationError) as info:
        _upload(actors.owner)
    assert "larger than" in " ".join(info.value.messages)
    assert _files() == before


def test_a_download_checks_the_fingerprint_and_is_audited(actors):
    message = send(actors.owner, actors.other_country, uploads=[pdf()])
    attachment = selectors.message_attachments(message=message).get()
    reader = actor_for(actors.other_country)
    found = selectors.attachment_get(actor=reader, pk=attachment.pk)
    with services.attachment_open(actor=reader, attachment=found) as handle:
        assert handle.read() == PDF
    entry = AuditEntry.objects.filter(object_type="exchange.attachment").latest("seq")
    assert entry.action == "consult" and entry.actor_id == actors.other_country.pk
    assert entry.details["sha256"] == attachment.sha256


def test_an_altered_file_is_not_handed_out_and_the_refusal_is_audited(actors):
    message = send(actors.owner, actors.other_country, uploads=[pdf()])
    attachment = message.attachments.get()
    (attachment_dir() / attachment.stored_name).write_bytes(PDF.replace(b"1.7", b"1.4"))
    with pytest.raises(services.AttachmentIntegrityError):
        services.attachment_open(actor=actor_for(actors.other_country), attachment=attachment)
    entry = AuditEntry.objects.filter(object_type="exchange.attachment").latest("seq")
    assert entry.details["refused"] == "integrity"
    (attachment_dir() / attachment.stored_name).unlink()
    with pytest.raises(services.AttachmentIntegrityError):
        services.attachment_open(actor=actor_for(actors.other_country), attachment=attachment)


def test_only_those_who_see_the_message_reach_its_attachments(actors):
    message = send(actors.owner, actors.other_country, uploads=[pdf()])
    attachment = message.attachments.get()
    for user in (actors.other_institution, actors.colleague_no_role, actors.platform_admin):
        with pytest.raises(Http404):
            selectors.attachment_get(actor=actor_for(user), pk=attachment.pk)
    with pytest.raises(Http404):
        services.attachment_access(actor=actor_for(actors.other_institution), pk=attachment.pk)
    entry = AuditEntry.objects.filter(object_type="exchange.attachment").latest("seq")
    assert entry.details == {"refused": "not_found", "attempted": "download"}


def test_uploads_wait_for_their_message_then_are_forgotten(actors):
    staged = _upload(actors.owner)
    # Another user cannot send it, nor see it.
    with pytest.raises(ValidationError):
        send(actors.other_country, actors.owner, attachment_ids=[staged.pk])
    with pytest.raises(Http404):
        selectors.attachment_get(actor=actor_for(actors.other_country), pk=staged.pk)
    message = send(actors.owner, actors.other_country, attachment_ids=[staged.pk])
    staged.refresh_from_db()
    assert staged.message_id == message.pk
    leftover = _upload(actors.owner, "otro.pdf")
    counts = services.exchange_clock_run(now=leftover.uploaded_at + timedelta(hours=25))
    assert counts["forgotten"] == 1
    assert not Attachment.objects.filter(pk=leftover.pk).exists()
    erased = AuditEntry.objects.get(action="erase", object_id=str(leftover.pk))
    assert erased.details == {"file": "otro.pdf", "reason": "never sent"}
    assert leftover.stored_name not in _files() and staged.stored_name in _files()


def test_forwarded_copies_share_the_file(actors):
    message = send(actors.owner, actors.other_country, uploads=[pdf()])
    copy = services.message_forward(
        actor=actor_for(actors.other_country),
        message=message,
        target_ids=[actors.other_institution.institution_id],
    )
    original, copied = message.attachments.get(), copy.attachments.get()
    assert (copied.stored_name, copied.sha256) == (original.stored_name, original.sha256)
    assert selectors.attachment_get(actor=actor_for(actors.other_institution), pk=copied.pk)


def test_a_failed_send_removes_the_files_it_stored(actors):
    before = _files()
    with pytest.raises(ValidationError):
        send(actors.owner, actors.other_country, uploads=[pdf(), pdf("vacio.pdf", b"")])
    assert _files() == before
