"""Joint investigation teams: the agreement and its members, who sees the space, evidence
and its files, tasks, meetings, and the read-only space after the joint evaluation."""

import os
import stat
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from paccto.audit.models import AuditEntry
from paccto.cases import selectors, services
from paccto.cases.models import CustodyEvent, Evidence, EvidenceFile, Jit, JitMember, JitTask
from paccto.cases.services.evidence import EVIDENCE_FILES
from paccto.core.permissions import actor_for
from tests.cases_factories import PDF, PNG, make_case, make_jit, register_evidence
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English (the platform's default language is Spanish)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def team(actors):
    return make_jit(actors.owner, actors.other_country)


def _refusal_count(attempt):
    return AuditEntry.objects.filter(details__refused=attempt).count()


def test_a_team_of_two_countries_is_set_up_with_its_agreement(actors):
    case = make_case(actors.owner)
    jit = make_jit(actors.owner, actors.other_country, case=case, legal_basis="eu_2002_465")
    assert {p.institution.country_id for p in jit.parties.all()} == {"CO", "PT"}
    members = {m.user.username: m for m in selectors.jit_members(jit=jit)}
    assert set(members) == {"co.owner", "pt.other"}
    assert members["co.owner"].function == "police"  # from the institution's sector
    assert jit.administrator == actors.owner and jit.leader == actors.owner
    assert jit.case == case
    entry = AuditEntry.objects.get(object_type="cases.jit", action="collect")
    assert entry.details["countries"] == ["CO", "PT"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("one_country", "members"),
        ("parties_one_country", "parties"),
        ("reversed_dates", "end_date"),
        ("unknown_institution", "parties"),
        ("other_without_text", "legal_basis_text"),
        ("leader_not_member", "leader"),
        ("member_outside_parties", "members"),
        ("own_institution_not_party", "parties"),
    ],
)
def test_bad_agreements_are_refused_and_nothing_is_stored(actors, change, field):
    owner, pt = actors.owner, actors.other_country
    kwargs = {}
    others = [pt]
    if change == "one_country":
        others = [make_user("CO", "police", ("investigator",), username="co.second")]
        kwargs["extra_parties"] = [pt.institution_id]
    elif change == "parties_one_country":
        others = [make_user("CO", "police", ("investigator",), username="co.second")]
    elif change == "reversed_dates":
        kwargs.update(start_date=date(2026, 5, 1), end_date=date(2026, 4, 30))
    elif change == "unknown_institution":
        kwargs["extra_parties"] = [10**9]
    elif change == "other_without_text":
        kwargs["legal_basis"] = "other"
    elif change == "leader_not_member":
        kwargs["leader"] = "co.other"
    elif change == "member_outside_parties":
        with pytest.raises(ValidationError) as info:
            services.jit_create(
                actor=actor_for(owner),
                name="x",
                legal_basis="bilateral",
                purpose="x",
                start_date=date(2026, 1, 1),
                end_date=date(2026, 2, 1),
                party_ids=[owner.institution_id, pt.institution_id],
                members=[("pt.other", ""), ("co.other", "")],
                leader="co.owner",
            )
        assert field in info.value.message_dict
        assert not Jit.objects.exists()
        return
    elif change == "own_institution_not_party":
        with pytest.raises(ValidationError) as info:
            services.jit_create(
                actor=actor_for(owner),
                name="x",
                legal_basis="bilateral",
                purpose="x",
                start_date=date(2026, 1, 1),
                end_date=date(2026, 2, 1),
                party_ids=[actors.other_institution.institution_id, pt.institution_id],
                members=[("pt.other", "")],
                leader="pt.other",
            )
        assert field in info.value.message_dict
        assert not Jit.objects.exists()
        return
    with pytest.raises(ValidationError) as info:
        make_jit(owner, *others, **kwargs)
    assert field in info.value.message_dict, info.value.message_dict
    assert not Jit.objects.exists() and not JitMember.objects.exists()


def test_only_members_see_the_team_and_its_content(actors, team):
    evidence = register_evidence(actors.owner, team)
    task = services.jit_task_create(
        actor=actor_for(actors.owner),
        jit=team,
        title="Trace the containers",
        assignee=actors.other_country,
        due_date=date(2026, 5, 1),
    )
    for name in ("owner", "other_country"):
        actor = actor_for(actors.get(name))
        assert selectors.jit_get(actor=actor, pk=team.pk) == team
        assert selectors.evidence_get(actor=actor, jit=team, pk=evidence.pk) == evidence
    for name in (
        "other_institution",
        "colleague_no_role",
        "co_admin",
        "fr_admin",
        "co_dpo",
        "platform_admin",
    ):
        actor = actor_for(actors.get(name))
        assert not selectors.jit_list(actor=actor).exists()
        with pytest.raises(Http404):
            selectors.jit_get(actor=actor, pk=team.pk)
        for model, pk in ((Evidence, evidence.pk), (JitTask, task.pk)):
            from paccto.core.permissions import visible_to

            assert not visible_to(actor, model).filter(pk=pk).exists()


def test_a_member_who_left_sees_nothing_any_more(actors):
    extra = make_user("PT", "police", ("investigator",), username="pt.extra")
    extra.institution = actors.other_country.institution
    extra.save()
    jit = make_jit(actors.owner, actors.other_country, extra)
    member = jit.members.get(user=extra)
    services.jit_remove_member(actor=actor_for(actors.owner), jit=jit, member=member)
    with pytest.raises(Http404):
        selectors.jit_get(actor=actor_for(extra), pk=jit.pk)
    member.refresh_from_db()
    assert member.left_at is not None  # kept: who was a member when stays known
    services.jit_add_member(actor=actor_for(actors.owner), jit=jit, username="pt.extra")
    assert selectors.jit_get(actor=actor_for(extra), pk=jit.pk) == jit


def test_membership_rules(actors, team):
    owner = actor_for(actors.owner)
    with pytest.raises(PermissionDenied):
        services.jit_add_member(actor=actor_for(actors.other_country), jit=team, username="x")
    with pytest.raises(ValidationError):  # not in a party institution
        services.jit_add_member(actor=owner, jit=team, username="co.other")
    with pytest.raises(ValidationError):  # already a member
        services.jit_add_member(actor=owner, jit=team, username="pt.other")
    pt_member = team.members.get(user=actors.other_country)
    with pytest.raises(ValidationError):  # would leave one country only
        services.jit_remove_member(actor=owner, jit=team, member=pt_member)
    with pytest.raises(ValidationError):  # the administrator stays
        services.jit_remove_member(
            actor=owner, jit=team, member=team.members.get(user=actors.owner)
        )
    assert team.members.filter(left_at__isnull=True).count() == 2


def test_evidence_files_are_stored_outside_the_web_root_with_their_hash(actors, team, settings):
    evidence = register_evidence(
        actors.owner,
        team,
        files=[services.Upload("informe.pdf", PDF), services.Upload("foto.png", PNG)],
    )
    files = list(evidence.files.order_by("pk"))
    assert [f.content_type for f in files] == ["application/pdf", "image/png"]
    directory = EVIDENCE_FILES.directory()
    assert directory.is_relative_to(settings.DATA_DIR)
    assert not directory.is_relative_to(settings.STATIC_ROOT)
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    import hashlib

    for f, content in zip(files, (PDF, PNG), strict=True):
        path = directory / f.stored_name
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert f.stored_name not in f.original_name and len(f.stored_name) == 48
        assert f.sha256 == hashlib.sha256(content).hexdigest()
        assert path.read_bytes() == content
    [registration] = evidence.custody.all()
    assert registration.kind == "registered" and registration.to_holder == "co.owner"
    assert registration.details["snapshot"]["files"][0]["sha256"] in {f.sha256 for f in files}


# (name, content, why)
BAD_FILES = [
    ("empty.pdf", b"", "an empty file"),
    ("../../etc/passwd.txt", b"root:x:0:0", "a path that climbs out"),
    ("..\\windows\\win.ini", b"[fonts]", "a Windows path"),
    (".hidden.txt", b"secret", "a hidden file"),
    ("name\x00.pdf", PDF, "a NUL in the name"),
    ("photo.jpg", PDF, "a PDF that says it is a JPEG"),
    ("report.pdf", PNG, "a PNG that says it is a PDF"),
    ("notes.pdf", b"just text", "text that says it is a PDF"),
    ("tool.pdf", b"MZ\x90\x00" + b"\x00" * 60, "a Windows program named like a PDF"),
    ("run.sh", b"#!/bin/sh\nrm -rf /\n", "a script"),
]


@pytest.mark.parametrize(("name", "content", "why"), BAD_FILES)
def test_bad_files_are_refused_and_nothing_is_stored(actors, team, name, content, why):
    before = set(EVIDENCE_FILES.directory().iterdir())
    with pytest.raises(ValidationError) as info:
        register_evidence(actors.owner, team, files=[services.Upload(name, content)])
    assert "files" in info.value.message_dict, why
    assert not Evidence.objects.exists() and not EvidenceFile.objects.exists(), why
    assert set(EVIDENCE_FILES.directory().iterdir()) == before, why


def test_a_file_over_the_limit_is_refused(actors, team, settings):
    settings.PACCTO_EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as info:
        register_evidence(actors.owner, team, files=[services.Upload("big.pdf", PDF + b"0" * 2048)])
    assert "1024" not in str(info.value) and "MB" in str(info.value)
    assert not Evidence.objects.exists()


def test_evidence_numbers_follow_each_other_per_team(actors, team):
    first = register_evidence(actors.owner, team, files=[])
    second = register_evidence(actors.other_country, team, files=[])
    assert (first.number, second.number) == (1, 2)
    assert second.reference == f"JIT-{team.pk:05d}-E0002"


def test_hand_over_to_a_member_and_not_to_anyone_else(actors, team):
    evidence = register_evidence(actors.owner, team)
    owner = actor_for(actors.owner)
    outsider = actors.other_institution
    with pytest.raises(ValidationError) as info:
        services.custody_record(
            actor=owner, evidence=evidence, kind="handed_over", to_holder=outsider
        )
    assert "to_holder" in info.value.message_dict
    assert evidence.custody.count() == 1
    assert _refusal_count("hand_over_to_non_member") == 1
    event = services.custody_record(
        actor=owner,
        evidence=evidence,
        kind="handed_over",
        to_holder=actors.other_country,
        place="Lisboa, laboratório",
        note="For forensic extraction",
    )
    assert (event.from_holder, event.to_holder, event.seq) == ("co.owner", "pt.other", 2)
    evidence.custody_head.refresh_from_db()
    assert evidence.custody_head.holder == actors.other_country
    # The former holder no longer hands it over.
    with pytest.raises(ValidationError):
        services.custody_record(
            actor=actor_for(actors.other_country),
            evidence=evidence,
            kind="handed_over",
            to_holder=actors.other_country,
        )
    disclose = AuditEntry.objects.filter(action="disclose", object_type="cases.evidence").first()
    assert disclose.recipients == [f"user:{actors.other_country.pk}"]


def test_a_returned_item_has_no_custody_left(actors, team):
    evidence = register_evidence(actors.owner, team)
    owner = actor_for(actors.owner)
    with pytest.raises(ValidationError):
        services.custody_record(actor=owner, evidence=evidence, kind="returned")
    services.custody_record(
        actor=owner, evidence=evidence, kind="returned", note="Returned to its owner"
    )
    with pytest.raises(ValidationError):
        services.custody_record(actor=owner, evidence=evidence, kind="accessed")
    assert evidence.custody.count() == 2


def test_evidence_cannot_be_changed_only_custody_appended(actors, team):
    evidence = register_evidence(actors.owner, team)
    with pytest.raises(ValidationError):
        services.evidence_change_refuse(
            actor=actor_for(actors.owner), evidence=evidence, fields=["item"]
        )
    assert Evidence.objects.get(pk=evidence.pk).item == evidence.item
    assert _refusal_count("evidence_immutable") == 1


def test_download_checks_the_hash_and_joins_the_chain(actors, team):
    evidence = register_evidence(actors.owner, team)
    file = evidence.files.get()
    pt = actor_for(actors.other_country)
    assert services.evidence_file_download(actor=pt, file=file) == PDF
    last = evidence.custody.order_by("-seq").first()
    assert (last.kind, last.actor_username, last.details["sha256"]) == (
        "downloaded",
        "pt.other",
        file.sha256,
    )
    (EVIDENCE_FILES.directory() / file.stored_name).write_bytes(PDF + b"tampered")
    with pytest.raises(services.EvidenceIntegrityError):
        services.evidence_file_download(actor=pt, file=file)
    assert evidence.custody.count() == 2  # the refused download is not a custody event
    assert AuditEntry.objects.filter(details__integrity="failed").count() == 1


def test_tasks_and_meetings_are_among_members(actors, team):
    owner = actor_for(actors.owner)
    with pytest.raises(ValidationError):
        services.jit_task_create(
            actor=owner,
            jit=team,
            title="x",
            assignee=actors.other_institution,
            due_date=date(2026, 1, 2),
        )
    task = services.jit_task_create(
        actor=owner,
        jit=team,
        title="Freeze accounts",
        assignee=actors.other_country,
        due_date=date(2026, 2, 1),
    )
    services.jit_task_update(actor=actor_for(actors.other_country), task=task, status="done")
    task.refresh_from_db()
    assert task.status == "done"
    with pytest.raises(ValidationError):
        services.jit_task_update(actor=owner, task=task, status="forgotten")
    with pytest.raises(ValidationError):
        services.jit_meeting_create(
            actor=owner,
            jit=team,
            held_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
            title="Kick-off",
            attendees=[actors.owner, actors.other_institution],
            minutes="x",
        )
    meeting = services.jit_meeting_create(
        actor=owner,
        jit=team,
        held_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
        title="Kick-off",
        attendees=[actors.owner, actors.other_country],
        minutes="Roles agreed; next meeting in Lisbon.",
    )
    assert set(meeting.attendees.values_list("username", flat=True)) == {"co.owner", "pt.other"}


def test_closing_with_the_joint_evaluation_makes_the_space_read_only(actors, team):
    evidence = register_evidence(actors.owner, team)
    task = services.jit_task_create(
        actor=actor_for(actors.owner),
        jit=team,
        title="t",
        assignee=actors.owner,
        due_date=date(2026, 2, 1),
    )
    with pytest.raises(PermissionDenied):
        services.jit_close(
            actor=actor_for(actors.other_country),
            jit=team,
            objectives_met="yes",
            cooperation_quality="5",
            lessons_learned="x",
        )
    with pytest.raises(ValidationError):  # a statement from a non-party
        services.jit_close(
            actor=actor_for(actors.owner),
            jit=team,
            objectives_met="yes",
            cooperation_quality="5",
            lessons_learned="x",
            statements={actors.other_institution.institution_id: "We were not there"},
        )
    evaluation = services.jit_close(
        actor=actor_for(actors.owner),
        jit=team,
        objectives_met="partly",
        cooperation_quality="4",
        lessons_learned="Agree on evidence formats early.",
        legal_obstacles="Different rules on intercepted communications.",
        statements={
            actors.owner.institution_id: "Good cooperation.",
            actors.other_country.institution_id: "Translation took time.",
        },
    )
    team.refresh_from_db()
    assert team.is_closed and evaluation.statements.count() == 2
    owner, pt = actor_for(actors.owner), actor_for(actors.other_country)
    before = (Evidence.objects.count(), CustodyEvent.objects.count(), JitTask.objects.count())
    attempts = [
        lambda: register_evidence(actors.owner, team),
        lambda: services.custody_record(actor=owner, evidence=evidence, kind="accessed"),
        lambda: services.jit_task_create(
            actor=pt, jit=team, title="late", assignee=actors.owner, due_date=date(2026, 3, 1)
        ),
        lambda: services.jit_task_update(actor=pt, task=task, status="done"),
        lambda: services.jit_add_member(actor=owner, jit=team, username="pt.other"),
        lambda: services.jit_meeting_create(
            actor=pt,
            jit=team,
            held_at=datetime(2026, 3, 1, tzinfo=UTC),
            title="late",
            attendees=[actors.owner],
            minutes="x",
        ),
        lambda: services.jit_close(
            actor=owner,
            jit=team,
            objectives_met="yes",
            cooperation_quality="5",
            lessons_learned="x",
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as info:
            attempt()
        assert "read-only" in str(info.value)
    after = (Evidence.objects.count(), CustodyEvent.objects.count(), JitTask.objects.count())
    assert after == before
    assert JitTask.objects.get(pk=task.pk).status == "open"
    assert _refusal_count("jit_closed") == len(attempts)
    # Reading stays possible, and a download is still written into the chain of custody.
    assert selectors.jit_get(actor=pt, pk=team.pk) == team
    assert services.evidence_file_download(actor=pt, file=evidence.files.get()) == PDF
