import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from paccto.audit.models import AuditCheckpoint, AuditEntry
from paccto.audit.services import audit_checkpoint_write, audit_record
from paccto.audit.verification import audit_verify
from paccto.core.permissions import actor_for
from tests.matrix import PermissionMatrix

pytestmark = pytest.mark.django_db


def test_entries_carry_actor_institution_time_in_ms_object_and_justification(actors):
    actor = actor_for(actors.owner)
    entry = audit_record(
        actor=actor,
        action="consult",
        object_type="entities.person",
        object_id="42",
        justification="Operation Jaguar, request 17",
        recipients=["pt-pj"],
        personal_data=True,
    )
    entry.refresh_from_db()
    assert entry.actor_username == "co.owner" and entry.actor_country == "CO"
    assert entry.actor_institution_id == actors.owner.institution_id
    assert entry.at.microsecond % 1000 == 0
    assert entry.recipients == ["pt-pj"]


def test_nul_characters_are_kept_visible_and_storable_on_every_database(actors):
    """PostgreSQL keeps no NUL character in text or JSON: an attempt that carries one (a file
    named "a\x00.pdf") must still be recorded, the same way on both databases."""
    entry = audit_record(
        actor=actor_for(actors.owner),
        action="collect",
        object_type="x\x00y",
        object_id="1\x00",
        justification="why\x00",
        recipients=["pt\x00pj"],
        details={"refused": "name:control", "file": "name\x00.pdf", "k\x00": ["a\x00"]},
    )
    entry.refresh_from_db()
    assert entry.details == {
        "refused": "name:control",
        "file": "name\ufffd.pdf",
        "k\ufffd": ["a\ufffd"],
    }
    assert (entry.object_type, entry.object_id) == ("x\ufffdy", "1\ufffd")
    assert entry.justification == "why\ufffd" and entry.recipients == ["pt\ufffdpj"]
    assert audit_verify().ok


def test_consulting_personal_data_needs_a_justification(actors):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        audit_record(
            actor=actor_for(actors.owner), action="consult", object_type="x", personal_data=True
        )
    assert AuditEntry.objects.count() == before


def test_audit_entry_rolls_back_with_the_change_it_records(actors):
    from paccto.accounts.models import User

    before = (AuditEntry.objects.count(), User.objects.count())
    with pytest.raises(RuntimeError), transaction.atomic():
        User.objects.create(username="ghost.writer")
        audit_record(actor=actor_for(actors.owner), action="collect", object_type="x")
        raise RuntimeError("the change failed after its audit entry was written")
    assert (AuditEntry.objects.count(), User.objects.count()) == before


def test_sign_in_and_sign_out_are_audited(client, actors):
    from tests.factories import PASSWORD

    client.post("/accounts/sign-in/", {"username": "co.owner", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    actions = list(
        AuditEntry.objects.filter(actor_username="co.owner")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["sign_in", "sign_out"]


def test_verify_command_passes_then_names_the_tampered_entry(actors):
    for i in range(5):
        audit_record(actor=actor_for(actors.owner), action="collect", object_type="x", object_id=i)
    out = io.StringIO()
    with translation.override("en"):
        call_command("audit", "verify", stdout=out)
    assert "chain intact" in out.getvalue()
    victim = AuditEntry.objects.order_by("-seq")[2]
    AuditEntry.objects.filter(pk=victim.pk).update(object_id="tampered")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "verify", stdout=out)
    assert f"#{victim.seq}: modified" in out.getvalue()


def test_deleted_entry_is_reported(actors):
    for i in range(4):
        audit_record(actor=actor_for(actors.owner), action="collect", object_type="x", object_id=i)
    victim = AuditEntry.objects.order_by("-seq")[1]
    victim.delete()
    report = audit_verify()
    assert [(p.kind, p.seq) for p in report.problems][:1] == [("deleted", victim.seq)]


def test_signed_checkpoints_detect_a_rewritten_chain(actors, settings):
    for i in range(3):
        audit_record(actor=actor_for(actors.owner), action="collect", object_type="x", object_id=i)
    checkpoint = audit_checkpoint_write()
    assert checkpoint is not None and audit_verify().ok
    # Rewrite the whole chain consistently (as someone with database access could)...
    from paccto.audit import chain
    from paccto.audit.models import AuditHead

    prev = chain.GENESIS
    for entry in AuditEntry.objects.order_by("seq"):
        if entry.seq == 2:
            entry.object_id = "rewritten"
        entry.prev_hash = prev
        values = {f: getattr(entry, f) for f in chain.CHAINED_FIELDS}
        entry.entry_hash = chain.entry_digest(values, prev)
        entry.save()
        prev = entry.entry_hash
    AuditHead.objects.filter(pk=1).update(entry_hash=prev)
    # ...the chain itself looks intact, but the signed checkpoint does not match it.
    report = audit_verify()
    assert [p.kind for p in report.problems] == ["checkpoint"]


def test_forged_checkpoint_signature_is_rejected(actors):
    audit_record(actor=actor_for(actors.owner), action="collect", object_type="x")
    checkpoint = audit_checkpoint_write()
    AuditCheckpoint.objects.filter(pk=checkpoint.pk).update(signature="00" * 64)
    assert [p.kind for p in audit_verify().problems] == ["checkpoint"]


def test_checkpoints_can_be_exported(actors, tmp_path):
    audit_record(actor=actor_for(actors.owner), action="collect", object_type="x")
    audit_checkpoint_write()
    target = tmp_path / "checkpoints.jsonl"
    call_command("audit", "export-checkpoints", "--out", str(target))
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert rows and {"seq", "entry_hash", "public_key", "signature"} <= set(rows[0])


def test_a_checkpoint_is_queued_every_n_entries(
    actors, settings, django_capture_on_commit_callbacks
):
    settings.PACCTO_AUDIT_CHECKPOINT_EVERY = 3
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(6):
            audit_record(
                actor=actor_for(actors.owner), action="collect", object_type="x", object_id=i
            )
    assert AuditCheckpoint.objects.exists()


class TestAuditSearchPage(PermissionMatrix):
    """Only data-protection officers read the audit log (of their own country)."""

    matrix = {
        "anonymous": 302,
        "owner": 200,
        "colleague_no_role": 200,
        "other_institution": 200,
        "other_country": 200,
        "co_admin": 200,
        "fr_admin": 200,
        "co_dpo": 200,
        "fr_dpo": 200,
        "platform_admin": 200,
    }

    def request(self, client, actors):
        return reverse("audit:entry_search"), {}


class TestAuditEntryPage(PermissionMatrix):
    matrix = {
        "anonymous": 302,
        "owner": 404,
        "colleague_no_role": 404,
        "other_institution": 404,
        "other_country": 404,
        "co_admin": 404,
        "fr_admin": 404,
        "co_dpo": 200,
        "fr_dpo": 404,
        "platform_admin": 404,
    }

    def prepare(self, actors):
        self.entry = audit_record(
            actor=actor_for(actors.owner), action="collect", object_type="x", object_id="1"
        )

    def request(self, client, actors):
        return reverse("audit:entry_detail", args=[self.entry.pk]), {}


class TestAuditEntryApi(PermissionMatrix):
    api = True
    matrix = {**TestAuditEntryPage.matrix, "anonymous": 401}

    def prepare(self, actors):
        self.entry = audit_record(
            actor=actor_for(actors.owner), action="collect", object_type="x", object_id="1"
        )

    def request(self, client, actors):
        return f"/api/v1/audit/entries/{self.entry.pk}", {}


def test_dpo_search_shows_only_own_country_entries(signed_in, actors):
    audit_record(actor=actor_for(actors.owner), action="collect", object_type="co.thing")
    audit_record(actor=actor_for(actors.other_country), action="collect", object_type="pt.thing")
    client = signed_in(actors.co_dpo)
    page = client.get(reverse("audit:entry_search"), {"action": "collect"}).content.decode()
    assert "co.thing" in page and "pt.thing" not in page
    api = client.get("/api/v1/audit/entries", {"object_type": "pt.thing"}).json()
    assert api["count"] == 0
    client = signed_in(actors.owner)
    page = client.get(reverse("audit:entry_search")).content.decode()
    assert "co.thing" not in page


def test_unknown_actions_are_refused(actors):
    with pytest.raises(ValueError):
        audit_record(actor=actor_for(actors.owner), action="bogus")


def test_entries_slipped_in_beyond_the_head_are_reported(actors):
    from paccto.audit import chain

    last = audit_record(actor=actor_for(actors.owner), action="collect", object_type="x")
    forged = AuditEntry(
        seq=last.seq + 1,
        at=last.at,
        action="collect",
        object_type="forged",
        prev_hash=last.entry_hash,
    )
    forged.entry_hash = chain.entry_digest(
        {f: getattr(forged, f) for f in chain.CHAINED_FIELDS}, forged.prev_hash
    )
    forged.save()
    problems = audit_verify().problems
    assert [p.kind for p in problems] == ["inserted"], [str(p) for p in problems]


def test_the_dashboard_reads_an_actor_s_latest_entries_without_sorting_them_all(actors):
    """Every dashboard view reads its user's latest entries: along the (actor, seq) index,
    backwards, whatever the statistics say. With an index on the actor alone, PostgreSQL
    without fresh statistics took that one and sorted every entry of the actor, so each
    dashboard cost more than the last; with statistics from when the actor had a few
    entries, it fetched them all through the right index and sorted them, until random
    reads were priced for solid-state storage (settings: random_page_cost)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from paccto.audit.selectors import audit_entry_own_recent

    actor, others = actor_for(actors.owner), actor_for(actors.other_country)
    for n in range(100):
        audit_record(actor=others, action="consult", object_type="core.dashboard", object_id=n)
    for n in range(5):
        audit_record(actor=actor, action="consult", object_type="core.dashboard", object_id=n)
    with connection.cursor() as cursor:  # statistics from when the actor had few entries
        cursor.execute("ANALYZE audit_auditentry")
    for n in range(5, 300):
        audit_record(actor=actor, action="consult", object_type="core.dashboard", object_id=n)
    with CaptureQueriesContext(connection) as queries:
        recent = audit_entry_own_recent(actor=actor)
    assert [entry.object_id for entry in recent] == [str(n) for n in range(299, 291, -1)]
    (query,) = queries.captured_queries
    explain = "EXPLAIN" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
    with connection.cursor() as cursor:
        cursor.execute(f"{explain} {query['sql']}")
        plan = "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
    assert "audit_actor_seq" in plan, plan
    assert "Sort" not in plan and "TEMP B-TREE" not in plan, plan


def test_an_invalid_audit_search_shows_nothing(signed_in, actors):
    audit_record(actor=actor_for(actors.owner), action="collect", object_type="co.thing")
    client = signed_in(actors.co_dpo)
    response = client.get(reverse("audit:entry_search"), {"date_from": "not-a-date"})
    assert response.status_code == 200 and "co.thing" not in response.content.decode()
