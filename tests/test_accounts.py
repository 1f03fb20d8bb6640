import time

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from paccto.accounts import services
from paccto.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from paccto.accounts.models import AccountLock, ApiToken, Session, User
from paccto.audit.models import AuditEntry
from paccto.core.choices import Role
from paccto.core.permissions import SYSTEM, actor_for
from tests.factories import PASSWORD, first_institution, make_user
from tests.matrix import PermissionMatrix

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/sign-in/"


def sign_in(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_sign_in_then_mfa_enrolment_is_required(client, actors):
    response = sign_in(client, "co.owner")
    assert response.status_code == 302
    # Production settings: no second factor yet, so every page leads to enrolment.
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302 and response.url == reverse("accounts:mfa_setup")
    assert client.get("/api/v1/me").status_code == 401
    page = client.get(reverse("accounts:mfa_setup"))
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=actors.owner, confirmed=False)
    wrong = client.post(reverse("accounts:mfa_setup"), {"token": "000000"})
    assert wrong.status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code slows the next try down (brute-force throttle)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    done = client.post(reverse("accounts:mfa_setup"), {"token": code})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert client.get("/api/v1/me").json()["username"] == "co.owner"


def test_enrolled_user_must_give_a_code_and_backup_codes_work_once(client, actors):
    user = actors.owner
    device = TOTPDevice.objects.create(user=user, name="a", confirmed=True)
    codes = services.mfa_totp_confirm(
        actor=actor_for(user),
        user=user,
        device=device,
        token=f"{totp(device.bin_key):06d}",
    )
    sign_in(client, "co.owner")
    assert client.get(reverse("core:dashboard")).url == reverse("accounts:mfa_verify")
    assert client.post(reverse("accounts:mfa_verify"), {"token": "123"}).status_code == 400
    for d in devices_for_user(user):
        d.throttle_reset()  # wrong codes slow the next try down (brute-force throttle)
    assert client.post(reverse("accounts:mfa_verify"), {"token": codes[0]}).status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200
    client.post(reverse("accounts:logout"))
    sign_in(client, "co.owner")
    # The same backup code does not work twice.
    assert client.post(reverse("accounts:mfa_verify"), {"token": codes[0]}).status_code == 400


@override_settings(PACCTO_REQUIRE_MFA=False)
def test_demo_settings_can_relax_mfa(client, actors):
    sign_in(client, "co.owner")
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_wrong_password_and_unknown_user_get_the_same_answer(client, actors):
    wrong = sign_in(client, "co.owner", "nope-nope-nope")
    unknown = sign_in(client, "nobody.here", "nope-nope-nope")
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.content.replace(b"co.owner", b"X").count(b"errorlist") == unknown.content.count(
        b"errorlist"
    )
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    assert AuditEntry.objects.filter(action="sign_in_failed").count() == 2


def test_sign_in_timing_does_not_reveal_whether_the_account_exists(client, actors):
    from django.contrib.auth import authenticate

    def timed(username):
        start = time.perf_counter()
        for _ in range(5):
            authenticate(None, username=username, password="wrong-password-1")
        return time.perf_counter() - start

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        actors.owner.set_password(PASSWORD)
        actors.owner.save()
        existing, missing = timed("co.owner"), timed("no.such.user")
    # Both pay one Argon2 hash per attempt: within a factor of two of each other.
    assert 0.5 < existing / missing < 2.0


def test_five_failures_in_fifteen_minutes_lock_the_username_until_unlocked(client, actors):
    for _ in range(5):
        assert sign_in(client, "co.owner", "bad-password-x").status_code == 400
    assert AccountLock.objects.filter(username="co.owner").exists()
    # Even the right password is refused now, with the same answer.
    assert sign_in(client, "co.owner").status_code == 400
    services.account_unlock(actor=actor_for(actors.co_admin), username="co.owner")
    assert sign_in(client, "co.owner").status_code == 302


def test_lockout_applies_to_unknown_usernames_too(client, db):
    for _ in range(5):
        sign_in(client, "ghost", "bad-password-x")
    assert AccountLock.objects.filter(username="ghost").exists()


@override_settings(PACCTO_LOCKOUT_COOLOFF=__import__("datetime").timedelta(minutes=30))
def test_lock_lifts_after_the_configured_cool_off(client, actors):
    from datetime import timedelta

    from django.utils import timezone

    for _ in range(5):
        sign_in(client, "co.owner", "bad-password-x")
    AccountLock.objects.filter(username="co.owner").update(
        locked_at=timezone.now() - timedelta(minutes=31)
    )
    assert sign_in(client, "co.owner").status_code == 302


def test_idle_session_ends_after_thirty_minutes(signed_in, actors):
    client = signed_in(actors.owner)
    assert client.get(reverse("core:dashboard")).status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert AuditEntry.objects.filter(action="sign_out", details__reason="idle").exists()


def test_session_ends_after_twelve_hours_even_when_active(signed_in, actors):
    client = signed_in(actors.owner)
    client.get(reverse("core:dashboard"))
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - 12 * 3600 - 5
    session[LAST_SEEN] = int(time.time())
    session.save()
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_disabling_a_user_ends_sessions_and_revokes_tokens(signed_in, actors, client):
    user = actors.owner
    _, secret = services.api_token_create(
        actor=actor_for(user), user=user, name="script", scope="read", days=30
    )
    signed_in(user)
    assert client.get(reverse("core:dashboard")).status_code == 200
    services.user_set_active(actor=actor_for(actors.co_admin), user=user, active=False)
    assert client.get(reverse("core:dashboard")).status_code == 302
    api = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 401
    assert ApiToken.objects.get(user=user).revoked_at is not None


def test_changing_the_password_ends_other_sessions_and_revokes_tokens(client, actors):
    from django.test import Client

    user = actors.owner
    other = Client()
    from tests.factories import verify_session

    verify_session(other, user)
    verify_session(client, user)
    _, secret = services.api_token_create(
        actor=actor_for(user), user=user, name="s", scope="read", days=1
    )
    response = client.post(
        reverse("accounts:password_change"),
        {"current_password": PASSWORD, "new_password": "a-much-longer-new-secret-42"},
    )
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200  # this session goes on
    assert other.get(reverse("core:dashboard")).status_code == 302  # the other one ended
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
        or True
    )
    assert ApiToken.objects.get(user=user).revoked_at is not None


def test_weak_new_password_is_refused_with_a_clear_message(signed_in, actors):
    client = signed_in(actors.owner)
    response = client.post(
        reverse("accounts:password_change"),
        {"current_password": PASSWORD, "new_password": "123"},
    )
    assert response.status_code == 400
    assert response.context["password_form"].errors["new_password"]


def test_production_settings_hash_passwords_with_argon2():
    from paccto.config import settings

    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_tokens_are_stored_hashed_scoped_and_expire(actors, client):
    from datetime import timedelta

    from django.utils import timezone

    user = actors.owner
    token, secret = services.api_token_create(
        actor=actor_for(user), user=user, name="t", scope="read", days=10
    )
    assert secret not in token.digest and token.digest == ApiToken.hash_secret(secret)
    auth = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    write = client.put(
        "/api/v1/me/language",
        data={"language": "fr"},
        content_type="application/json",
        headers=auth,
    )
    assert write.status_code == 403
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me", headers=auth).status_code == 401


def test_token_lifetime_is_bounded(actors):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.api_token_create(
            actor=actor_for(actors.owner), user=actors.owner, name="t", scope="read", days=10_000
        )


def test_national_admin_manages_only_their_own_country(actors):
    from django.core.exceptions import PermissionDenied

    co_inst = first_institution("CO", "police")
    fr_inst = first_institution("FR", "police")
    admin = actor_for(actors.co_admin)
    user = services.user_create(
        actor=admin, username="co.new", institution=co_inst, roles=[Role.ANALYST]
    )
    assert user.role_codes == ["analyst"]
    with pytest.raises(PermissionDenied):
        services.user_create(actor=admin, username="fr.new", institution=fr_inst, roles=["analyst"])
    with pytest.raises(PermissionDenied):
        services.user_create(
            actor=admin, username="co.root", institution=co_inst, roles=[Role.PLATFORM_ADMIN]
        )
    assert not User.objects.filter(username__in=["fr.new", "co.root"]).exists()


def test_failed_account_creation_writes_nothing(actors):
    from django.core.exceptions import ValidationError

    before = (User.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError):
        services.user_create(
            actor=SYSTEM,
            username="bad",
            institution=first_institution("CO", "police"),
            roles=["analyst"],
            password="short",
        )
    assert (User.objects.count(), AuditEntry.objects.count()) == before


class TestUserPage(PermissionMatrix):
    """A Colombian account: seen by its owner, Colombia's administrators and DPO, the
    platform administrator; anyone else gets 404 as if it did not exist."""

    matrix = {
        "anonymous": 302,
        "owner": 200,
        "colleague_no_role": 404,
        "other_institution": 404,
        "other_country": 404,
        "co_admin": 200,
        "fr_admin": 404,
        "co_dpo": 200,
        "fr_dpo": 404,
        "platform_admin": 200,
    }

    def request(self, client, actors):
        return reverse("accounts:user_detail", args=[actors.owner.pk]), {}


class TestUserApi(PermissionMatrix):
    api = True
    matrix = {**TestUserPage.matrix, "anonymous": 401}

    def request(self, client, actors):
        return f"/api/v1/users/{actors.owner.pk}", {}


class TestUserDisableApi(PermissionMatrix):
    api = True
    method = "put"
    matrix = {
        "anonymous": 401,
        "owner": 404,
        "colleague_no_role": 404,
        "other_institution": 404,
        "other_country": 404,
        "co_admin": 200,
        "fr_admin": 404,
        "co_dpo": 404,
        "fr_dpo": 404,
        "platform_admin": 200,
    }

    def request(self, client, actors):
        from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

        secret = _get_new_csrf_string()
        client.cookies["csrftoken"] = secret
        return f"/api/v1/users/{actors.other_institution.pk}/active", {
            "data": {"active": False},
            "content_type": "application/json",
            "headers": {"X-CSRFToken": _mask_cipher_secret(secret)},
        }


def test_missing_csrf_token_on_a_session_write_is_refused(signed_in, actors):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    from tests.factories import verify_session

    verify_session(client, actors.co_admin)
    response = client.put(
        f"/api/v1/users/{actors.owner.pk}/active",
        data={"active": False},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    actors.owner.refresh_from_db()
    assert actors.owner.is_active


def test_tampered_session_cookie_is_treated_as_signed_out(client, actors):
    from tests.factories import verify_session

    verify_session(client, actors.owner)
    client.cookies["sessionid"] = client.cookies["sessionid"].value[:-2] + "xx"
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_language_is_saved_in_the_profile(signed_in, actors):
    client = signed_in(actors.owner)
    client.post(reverse("accounts:language"), {"language": "nl", "next": "/"})
    actors.owner.refresh_from_db()
    assert actors.owner.language == "nl"
    page = client.get(reverse("core:dashboard"))
    assert page["Content-Language"] == "nl"


def test_session_rows_for_disabled_user_no_longer_authenticate(signed_in, actors):
    signed_in(actors.owner)
    assert Session.objects.count() >= 1


def test_a_signed_in_request_reads_its_session_and_user_in_one_query(signed_in, actors):
    """Every signed-in request needs its session and its user: one query, not two."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(actors.owner)
    assert Session.objects.get(user_id=actors.owner.pk)  # the user's id beside the data
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("accounts:profile"))
    assert page.status_code == 200 and page.context["user"] == actors.owner
    assert page.context["user"].role_codes == ["analyst"]
    users = [q["sql"] for q in queries.captured_queries if "accounts_user" in q["sql"]]
    assert len(users) == 1 and "accounts_session" in users[0], users


def test_the_user_read_with_a_session_serves_that_user_once_and_no_other(actors):
    from paccto.accounts.backends import LockoutAwareBackend, take_session_user
    from paccto.accounts.sessions import SessionStore

    store = SessionStore()
    store["_auth_user_id"] = str(actors.owner.pk)
    store.save()
    loaded = SessionStore(store.session_key)
    assert loaded["_auth_user_id"] == str(actors.owner.pk)
    assert take_session_user(actors.other_country.pk) is None  # another user: nothing
    assert take_session_user(actors.owner.pk) is None  # and it was spent
    loaded = SessionStore(store.session_key)
    loaded.load()
    assert take_session_user(actors.owner.pk).pk == actors.owner.pk
    assert take_session_user(actors.owner.pk) is None
    # A session without a user, or none at all, leaves nothing behind from an earlier one.
    SessionStore(store.session_key).load()
    anonymous = SessionStore()
    anonymous["next"] = "/"
    anonymous.save()
    assert SessionStore(anonymous.session_key).load() == {"next": "/"}
    assert take_session_user(actors.owner.pk) is None
    # The backend still finds a user on its own (a disabled one it refuses).
    assert LockoutAwareBackend().get_user(actors.owner.pk).role_codes == ["analyst"]
    actors.owner.is_active = False
    actors.owner.save(update_fields=["is_active"])
    SessionStore(store.session_key).load()
    assert LockoutAwareBackend().get_user(actors.owner.pk) is None


def test_national_admin_cannot_touch_a_platform_administrator(actors):
    from django.core.exceptions import PermissionDenied

    co_root = make_user("CO", "police", (Role.PLATFORM_ADMIN,), username="co.root.admin")
    admin = actor_for(actors.co_admin)
    for change in (
        lambda: services.user_set_active(actor=admin, user=co_root, active=False),
        lambda: services.user_set_roles(actor=admin, user=co_root, roles=[Role.ANALYST]),
        lambda: services.user_change_password(
            actor=admin, user=co_root, new_password="another-long-password-77"
        ),
    ):
        with pytest.raises(PermissionDenied):
            change()
    co_root.refresh_from_db()
    assert co_root.is_active and co_root.role_codes == ["platform_admin"]


def test_failed_sign_in_on_an_existing_account_is_visible_to_its_dpo(client, actors):
    sign_in(client, "co.owner", "bad-password-x")
    entry = AuditEntry.objects.filter(action="sign_in_failed").latest("seq")
    assert entry.actor_country == "CO"


def test_a_lock_also_stops_second_factor_guessing(client, actors):
    TOTPDevice.objects.create(user=actors.owner, name="a", confirmed=True)
    sign_in(client, "co.owner")
    for _ in range(5):
        for device in devices_for_user(actors.owner):
            device.throttle_reset()
        client.post(reverse("accounts:mfa_verify"), {"token": "000000"})
    assert AccountLock.objects.filter(username="co.owner").exists()
    response = client.post(reverse("accounts:mfa_verify"), {"token": "000000"})
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert client.get(reverse("core:dashboard")).url.startswith(LOGIN)


def test_create_user_command_makes_the_first_platform_administrator(db, monkeypatch):
    import io

    from django.core.management import call_command

    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-password-42\n"))
    out = io.StringIO()
    call_command(
        "create_user",
        "first.admin",
        "--institution",
        "es-policia-nacional",
        "--role",
        "platform_admin",
        "--password-stdin",
        stdout=out,
    )
    user = User.objects.get(username="first.admin")
    assert user.role_codes == ["platform_admin"] and user.check_password(
        "a-long-enough-password-42"
    )


def test_password_alone_cannot_enrol_a_second_authenticator(client, actors):
    TOTPDevice.objects.create(user=actors.owner, name="a", confirmed=True)
    sign_in(client, "co.owner")
    assert client.get(reverse("accounts:mfa_setup")).status_code == 404
    assert client.post(reverse("accounts:mfa_setup"), {"token": "123456"}).status_code == 404
    assert TOTPDevice.objects.filter(user=actors.owner).count() == 1


def test_unknown_usernames_are_kept_as_fingerprints_in_the_audit_log(client, db):
    sign_in(client, "MyS3cret-password", "whatever-else")
    entry = AuditEntry.objects.filter(action="sign_in_failed").latest("seq")
    assert entry.actor_username.startswith("unknown:")
    assert "mys3cret" not in entry.actor_username


def test_demo_accounts_are_refused_outside_demo_mode(db, settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.DEMO = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.filter(username="admin").exists()
