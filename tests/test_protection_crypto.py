"""The protected person's data are encrypted at rest with keys that are not in the database:
ciphertext in the columns, rotation, and failing closed without the right key."""

from __future__ import annotations

import io
import os
import stat
from datetime import date

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, models

from paccto.core.encrypted_fields import field_keyring, field_keyring_reset, fields_key_usage
from paccto.crypto.envelope import (
    FieldDecryptionError,
    FieldKeyError,
    Keyring,
    key_decode,
    key_encode,
    key_file_create,
    key_file_read,
    key_generate,
    key_id,
)
from paccto.protection import selectors, services
from paccto.protection.models import ProtectedPerson
from tests.factories import verify_session
from tests.protection_data import ProtectionActors, issue, recognised_in_uruguay

OLD, NEW, OTHER = (key_encode(key_generate()) for _ in range(3))
VICTIM = {
    "given_names": "Zoraida Belén",
    "surnames": "Quintanilla Etcheverry",
    "date_of_birth": date(1990, 2, 14),
    "phone": "+598 94 777 310",
    "email": "zoraida.q@example.org",
    "address": "Calle Yaguarón 1407, Montevideo",
}
CHILD = {
    "given_names": "Tiziano",
    "surnames": "Orquera Quintanilla",
    "date_of_birth": date(2015, 6, 1),
}
SECRETS = ("Zoraida", "Quintanilla", "Etcheverry", "94777310", "zoraida.q", "Yaguarón", "Tiziano")


@pytest.fixture(autouse=True)
def _fresh_keyring():
    field_keyring_reset()
    yield
    field_keyring_reset()


@pytest.fixture
def people(db):
    return ProtectionActors()


# --- the envelope, without Django -------------------------------------------------------------

AAD = b"protection_protectedperson.given_names"


def test_a_value_round_trips_and_names_its_key():
    keyring = Keyring.parse(f"{NEW}\n{OLD}")
    token = keyring.encrypt("María José", AAD)
    assert token.startswith(f"pf1:{key_id(key_decode(NEW))}:")
    assert "María" not in token
    assert keyring.decrypt(token, AAD) == "María José"
    assert keyring.encrypt("María José", AAD) != token  # a fresh nonce every time


@pytest.mark.parametrize(
    ("mutate", "error"),
    [
        (lambda t, k: k.decrypt(t, b"protection_protectedperson.surnames"), FieldDecryptionError),
        (
            lambda t, k: k.decrypt(t[:-2] + ("A" if t[-2] != "A" else "B") + t[-1], AAD),
            FieldDecryptionError,
        ),
        (lambda t, k: Keyring.parse(OTHER).decrypt(t, AAD), FieldKeyError),
        (lambda t, k: k.decrypt("María José", AAD), FieldDecryptionError),
        (lambda t, k: k.decrypt("pf1:abcdefgh:!!!", AAD), FieldDecryptionError),
        (lambda t, k: k.decrypt(t[:20], AAD), FieldDecryptionError),
    ],
    ids=[
        "moved to another column",
        "altered",
        "key not configured",
        "not sealed",
        "not base64",
        "truncated",
    ],
)
def test_a_value_that_is_moved_altered_or_under_an_unknown_key_does_not_open(mutate, error):
    keyring = Keyring.parse(NEW)
    token = keyring.encrypt("María José", AAD)
    with pytest.raises(error):
        mutate(token, keyring)


@pytest.mark.parametrize(
    "text",
    ["", "not-base64-@@", key_encode(b"short"), f"{NEW},{NEW}", "# only a comment"],
    ids=["empty", "not base64", "too short", "listed twice", "comment only"],
)
def test_bad_key_lists_are_refused(text):
    with pytest.raises(FieldKeyError):
        Keyring.parse(text)


def test_keys_are_accepted_in_both_base64_alphabets_and_separators():
    raw = key_generate()
    import base64

    standard = base64.b64encode(raw).decode()
    keyring = Keyring.parse(f"# comment\n{standard} , {OLD}")
    assert keyring.ids == (key_id(raw), key_id(key_decode(OLD)))


def test_reencrypt_moves_a_value_to_the_current_key_only_when_needed():
    old = Keyring.parse(OLD)
    both = Keyring.parse(f"{NEW},{OLD}")
    token = old.encrypt("Lucía", AAD)
    fresh = both.reencrypt(token, AAD)
    assert fresh is not None and fresh.split(":")[1] == both.current_id
    assert both.reencrypt(fresh, AAD) is None
    assert Keyring.parse(NEW).decrypt(fresh, AAD) == "Lucía"


def test_key_files_are_created_private_and_refused_when_open_to_others(tmp_path):
    path = tmp_path / "keys"
    keyring = key_file_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert key_file_create(path).ids == keyring.ids  # a second creator reads the first's
    path.chmod(0o644)
    with pytest.raises(FieldKeyError, match="chmod 600"):
        key_file_read(path)


# --- in the database -----------------------------------------------------------------------


def _raw_rows():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT given_names, surnames, date_of_birth, phone, email, address "
            "FROM protection_protectedperson"
        )
        return cursor.fetchall()


@pytest.mark.django_db
def test_the_protected_persons_fields_are_ciphertext_in_the_database(people):
    order = issue(people.ar_po, victim=VICTIM, children=[CHILD])
    rows = _raw_rows()
    assert len(rows) == 2
    for row in rows:
        for value in row:
            assert value.startswith("pf1:"), value
            for secret in SECRETS:
                assert secret not in value
    # Through the platform, an entitled protection officer reads them in clear.
    persons = selectors.protected_persons_get(actor=people.actor("ar_po"), order=order)
    assert (persons[0].surnames, persons[0].address) == (VICTIM["surnames"], VICTIM["address"])
    assert persons[1].given_names == "Tiziano" and persons[1].phone == ""


@pytest.mark.django_db
def test_the_protected_persons_data_appear_in_no_other_table(people, client):
    """After a whole life (issue, transmit, recognise, enforce, breach, verify, read by the
    entitled and refused to others), no other column of the database holds her data, and no
    audit entry either."""
    from django.utils import timezone

    order, sent = recognised_in_uruguay(people, victim=VICTIM, children=[CHILD])
    services.transmission_decide(actor=people.actor("uy_po"), transmission=sent, decision="enforce")
    services.breach_report(
        actor=people.actor("uy_po"),
        transmission=sent,
        measure_id=order.measures.get(kind="distance").pk,
        occurred_at=timezone.now(),
        place="Parque Rodó",
        description="Seen at 30 metres.",
        action_taken="Detained.",
    )
    services.protection_verify(
        actor=people.actor("uy_police"), justification="Call 911-2026-77", number=order.number
    )
    verify_session(client, people.uy_po)
    assert (
        client.get(f"/protection/{order.pk}/protected-persons/?justification=x").status_code == 200
    )
    verify_session(client, people.uy_judge)
    assert (
        client.get(f"/protection/{order.pk}/protected-persons/?justification=x").status_code == 404
    )
    found = []
    for model in apps.get_models():
        if model is ProtectedPerson:
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            text = " ".join(str(v) for v in row)
            found += [(model.__name__, s) for s in SECRETS if s in text]
    assert not found


@pytest.mark.django_db
def test_rotation_seals_every_value_with_the_new_key_and_old_keys_stay_readable_until_then(
    people, settings
):
    settings.PACCTO_FIELD_KEYS = OLD
    order = issue(people.ar_po, victim=VICTIM, children=[CHILD])
    old_id, new_id = key_id(key_decode(OLD)), key_id(key_decode(NEW))
    assert fields_key_usage() == {old_id: 12}
    # The new key goes first; the old one still opens what it sealed.
    settings.PACCTO_FIELD_KEYS = f"{NEW},{OLD}"
    persons = selectors.protected_persons_get(actor=people.actor("ar_po"), order=order)
    assert persons[0].surnames == VICTIM["surnames"]
    # New values are sealed with the new key straight away.
    issue(people.ar_po, victim=VICTIM, children=[])
    assert fields_key_usage() == {old_id: 12, new_id: 6}
    out = io.StringIO()
    call_command("protection", "rotate-keys", stdout=out)
    assert "12 values sealed again, 6 already current" in out.getvalue()
    assert fields_key_usage() == {new_id: 18}
    assert all(v.split(":")[1] == new_id for row in _raw_rows() for v in row)
    # Once rotated, the old key can go.
    settings.PACCTO_FIELD_KEYS = NEW
    persons = selectors.protected_persons_get(actor=people.actor("ar_po"), order=order)
    assert persons[0].address == VICTIM["address"] and persons[1].given_names == "Tiziano"
    # ... and the old key alone no longer opens anything.
    settings.PACCTO_FIELD_KEYS = OLD
    with pytest.raises(FieldKeyError, match=new_id):
        selectors.protected_persons_get(actor=people.actor("ar_po"), order=order)


@pytest.mark.django_db
def test_with_the_wrong_key_protected_data_fail_closed_with_a_clear_error(people, client, settings):
    settings.PACCTO_FIELD_KEYS = OLD
    order, _sent = recognised_in_uruguay(people, victim=VICTIM)
    settings.PACCTO_FIELD_KEYS = OTHER
    verify_session(client, people.ar_po)
    page = client.get(f"/protection/{order.pk}/protected-persons/?justification=check")
    assert page.status_code == 503
    body = page.content.decode()
    assert "encryption key" in body and not any(s in body for s in SECRETS)
    api = client.get(f"/api/v1/protection/orders/{order.pk}/protected-persons?justification=x")
    assert api.status_code == 503 and "encryption key" in api.json()["detail"]
    # What holds no protected data keeps working: the order page, verification.
    assert client.get(f"/protection/{order.pk}/?justification=check").status_code == 200
    found = services.protection_verify(
        actor=people.actor("uy_police"), justification="Call 77", number=order.number
    )
    assert [v.order.number for v in found] == [order.number]
    # Writing protected data with a malformed key list fails before anything is written.
    settings.PACCTO_FIELD_KEYS = "not-a-key"
    with pytest.raises(FieldKeyError):
        issue(people.ar_po)


@pytest.mark.django_db
def test_the_key_file_is_created_on_first_use_and_never_made_up_when_data_exist(
    people, settings, tmp_path
):
    settings.PACCTO_FIELD_KEYS = ""
    settings.PACCTO_FIELD_KEY_FILE = tmp_path / "field-keys"
    order = issue(people.ar_po, victim=VICTIM)
    assert stat.S_IMODE(os.stat(tmp_path / "field-keys").st_mode) == 0o600
    assert fields_key_usage() == {field_keyring().current_id: 12}
    # The key file is lost: no new key is made up over existing data.
    (tmp_path / "field-keys").unlink()
    field_keyring_reset()
    with pytest.raises(FieldKeyError, match="restore the key file"):
        selectors.protected_persons_get(actor=people.actor("ar_po"), order=order)
    assert not (tmp_path / "field-keys").exists()


@pytest.mark.django_db
def test_key_file_rotation_with_the_commands(people, settings, tmp_path):
    settings.PACCTO_FIELD_KEYS = ""
    settings.PACCTO_FIELD_KEY_FILE = tmp_path / "field-keys"
    order = issue(people.ar_po, victim=VICTIM)
    first = field_keyring().current_id
    out = io.StringIO()
    call_command("protection", "add-key", stdout=out)
    second = field_keyring().current_id
    assert second != first and second in out.getvalue()
    assert field_keyring().ids == (second, first)
    with pytest.raises(CommandError, match="rotate first"):
        call_command("protection", "retire-keys", stdout=io.StringIO())
    status = io.StringIO()
    call_command("protection", "key-status", stdout=status)
    assert (
        f"{first}  older  12" in status.getvalue() and f"{second}  current  0" in status.getvalue()
    )
    call_command("protection", "rotate-keys", stdout=io.StringIO())
    call_command("protection", "retire-keys", stdout=io.StringIO())
    assert field_keyring().ids == (second,)
    assert stat.S_IMODE(os.stat(tmp_path / "field-keys").st_mode) == 0o600
    persons = selectors.protected_persons_get(actor=people.actor("ar_po"), order=order)
    assert persons[0].email == VICTIM["email"]
    # With the keys in the environment, the key file is not touched.
    settings.PACCTO_FIELD_KEYS = NEW
    with pytest.raises(CommandError, match="PACCTO_FIELD_KEYS"):
        call_command("protection", "add-key", stdout=io.StringIO())


@pytest.mark.django_db
def test_generated_keys_open_and_key_status_flags_values_it_cannot_open(people, settings):
    out = io.StringIO()
    call_command("protection", "generate-key", stdout=out)
    generated = out.getvalue().strip()
    settings.PACCTO_FIELD_KEYS = generated
    issue(people.ar_po, victim=VICTIM, children=[])
    settings.PACCTO_FIELD_KEYS = OTHER
    with pytest.raises(CommandError, match="cannot be opened"):
        call_command("protection", "key-status", stdout=io.StringIO())


@pytest.mark.django_db
def test_encrypted_columns_cannot_be_searched(people):
    from django.core.exceptions import FieldError

    issue(people.ar_po, victim=VICTIM)
    with pytest.raises(FieldError):
        list(ProtectedPerson.objects.filter(surnames__icontains="Quintanilla"))
    with pytest.raises(FieldError):
        list(ProtectedPerson.objects.filter(surnames=VICTIM["surnames"]))
    assert ProtectedPerson.objects.filter(phone__isnull=False).count() == 2
