"""The chain of custody as a hash chain: table tests of its verification (modified,
deleted, inserted, reordered events; a changed item or file), the command and the page."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from paccto.audit import chain
from paccto.cases import services
from paccto.cases.custody import CUSTODY_FIELDS, custody_verify, event_values
from paccto.cases.models import CustodyEvent, CustodyHead, Evidence, EvidenceFile
from paccto.cases.services.evidence import EVIDENCE_FILES
from paccto.core.permissions import actor_for
from tests.cases_factories import make_jit, register_evidence

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English (the platform's default language is Spanish)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def item(actors):
    """An item with five events: registered, handed over, copied, handed back, accessed."""
    jit = make_jit(actors.owner, actors.other_country)
    evidence = register_evidence(actors.owner, jit)
    owner, pt = actor_for(actors.owner), actor_for(actors.other_country)
    services.custody_record(
        actor=owner, evidence=evidence, kind="handed_over", to_holder=actors.other_country
    )
    services.custody_record(actor=pt, evidence=evidence, kind="copied", note="Forensic copy")
    services.custody_record(actor=pt, evidence=evidence, kind="handed_over", to_holder=actors.owner)
    services.custody_record(actor=owner, evidence=evidence, kind="accessed", note="Photographed")
    return evidence


def _events(evidence):
    return {e.seq: e for e in CustodyEvent.objects.filter(evidence=evidence)}


def _rechain(event, prev_hash):
    """Rewrite an event's hashes as a forger who knows the scheme would."""
    event.prev_hash = prev_hash
    event.entry_hash = chain.entry_digest(event_values(event), prev_hash, CUSTODY_FIELDS)
    event.save()
    return event.entry_hash


def tamper_modify_note(evidence):
    CustodyEvent.objects.filter(evidence=evidence, seq=3).update(note="Nothing copied")


def tamper_modify_holder(evidence):
    CustodyEvent.objects.filter(evidence=evidence, seq=2).update(to_holder="someone.else")


def tamper_delete_middle(evidence):
    CustodyEvent.objects.filter(evidence=evidence, seq=3).delete()


def tamper_delete_last(evidence):
    CustodyEvent.objects.filter(evidence=evidence, seq=5).delete()


def tamper_insert(evidence):
    """An event slipped in after #2, the later ones renumbered, chained to #2."""
    events = _events(evidence)
    for seq in sorted(events, reverse=True):
        if seq >= 3:
            CustodyEvent.objects.filter(pk=events[seq].pk).update(seq=seq + 1)
    forged = CustodyEvent(
        evidence=evidence,
        seq=3,
        kind="accessed",
        at=events[2].at,
        actor_username="intruder",
        note="slipped in",
        details={},
    )
    _rechain(forged, events[2].entry_hash)
    CustodyHead.objects.filter(evidence=evidence).update(seq=6)


def tamper_reorder(evidence):
    """Two events swap places (their sequence numbers)."""
    events = _events(evidence)
    CustodyEvent.objects.filter(pk=events[3].pk).update(seq=99)
    CustodyEvent.objects.filter(pk=events[4].pk).update(seq=3)
    CustodyEvent.objects.filter(pk=events[3].pk).update(seq=4)


def tamper_rewrite_with_new_hash(evidence):
    """An event changed and its own hash recomputed: the next event no longer links."""
    event = _events(evidence)[2]
    event.note = "rewritten"
    _rechain(event, event.prev_hash)


def tamper_item(evidence):
    Evidence.objects.filter(pk=evidence.pk).update(seized_place="Somewhere else")


def tamper_file_record(evidence):
    EvidenceFile.objects.filter(evidence=evidence).update(sha256="0" * 64)


def tamper_file_content(evidence):
    file = evidence.files.get()
    (EVIDENCE_FILES.directory() / file.stored_name).write_bytes(b"%PDF-1.7 forged")


def tamper_file_removed(evidence):
    (EVIDENCE_FILES.directory() / evidence.files.get().stored_name).unlink()


def untouched(evidence):
    """Nothing changed: the chain is intact."""


# (tampering, expected problems as (seq, kind), why)
CASES = [
    (untouched, [], "an untouched chain verifies"),
    (tamper_modify_note, [(3, "modified")], "a note changed after the fact"),
    (tamper_modify_holder, [(2, "modified")], "a hand-over to someone else"),
    (tamper_delete_middle, [(3, "deleted")], "an event removed from the middle"),
    (tamper_delete_last, [(5, "deleted")], "the last event removed (the head remembers it)"),
    (
        tamper_insert,
        [(4, "inserted"), (5, "modified"), (6, "modified")],
        "an event slipped in; the later ones renumbered (their number is chained)",
    ),
    (
        tamper_reorder,
        [(3, "reordered"), (4, "reordered"), (5, "reordered")],
        "two events swapped; the next one no longer links to the one before it",
    ),
    (tamper_rewrite_with_new_hash, [(2, "modified")], "a rewritten event with its own new hash"),
    (tamper_item, [(1, "modified")], "the registered item changed"),
    (tamper_file_record, [(1, "modified"), (1, "modified")], "the recorded hash of a file"),
    (tamper_file_content, [(1, "modified")], "the stored file changed on disk"),
    (tamper_file_removed, [(1, "modified")], "the stored file removed"),
]


@pytest.mark.parametrize(("tamper", "expected", "why"), CASES, ids=[c[0].__name__ for c in CASES])
def test_custody_verification(item, tamper, expected, why):
    tamper(item)
    report = custody_verify(Evidence.objects.all(), read_file=services.custody_verify_files)
    found = [(p.problem.seq, p.problem.kind) for p in report.problems]
    assert found == expected, f"{why}: {report.problems}"
    assert report.ok is (not expected)


def test_the_command_verifies_all_teams_or_one(item, capsys):
    from django.utils import translation

    translation.activate("en")
    call_command("custody", "verify")
    out = capsys.readouterr().out
    assert "1 items, 5 custody events, 1 files: chains intact" in out
    call_command("custody", "verify", "--jit", str(item.jit_id))
    tamper_delete_middle(item)
    with pytest.raises(CommandError) as info:
        call_command("custody", "verify", "--jit", str(item.jit_id))
    assert info.value.returncode == 1
    out = capsys.readouterr().out
    assert f"{item.reference} #3: deleted" in out
    assert "1 items, 4 custody events, 1 files" in out
    with pytest.raises(CommandError):
        call_command("custody", "verify", "--jit", "999999")


def test_the_verification_page_names_the_broken_event(item, client, actors):
    from tests.factories import verify_session

    verify_session(client, actors.other_country)
    url = f"/cases/jits/{item.jit_id}/custody/verify/"
    page = client.get(url).content.decode()
    assert 'data-ok="true"' in page
    tamper_modify_note(item)
    page = client.get(url).content.decode()
    assert 'data-ok="false"' in page
    assert 'data-kind="modified">#3' in page
    api = client.get(f"/api/v1/jits/{item.jit_id}/custody/verify").json()
    assert api["ok"] is False
    assert api["problems"] == [
        {
            "evidence_id": item.pk,
            "reference": item.reference,
            "seq": 3,
            "kind": "modified",
            "detail": "content does not match its hash",
        }
    ]
