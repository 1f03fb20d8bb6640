"""Writes to accounts: users, roles, passwords, API tokens, lockouts and sign-in events.

Each service checks the permission engine, writes in one transaction and records its audit
entry in that same transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.accounts.models import AccountLock, ApiToken, LoginFailure, RoleAssignment, User
from paccto.accounts.permissions import can_manage_user, can_manage_users_of, grantable_roles
from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.choices import Role
from paccto.core.models import Institution
from paccto.core.permissions import Actor


def _check_roles(actor: Actor, roles: Iterable[str]) -> list[str]:
    roles = sorted(set(roles))
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValidationError({"roles": _("Unknown role.")})
    if set(roles) - set(grantable_roles(actor)):
        raise PermissionDenied(_("You may not grant this role."))
    return roles


def user_create(
    *,
    actor: Actor,
    username: str,
    institution: Institution,
    roles: Iterable[str],
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str | None = None,
    language: str = "",
) -> User:
    """Create an account in an institution the actor administers."""
    if not can_manage_users_of(actor, institution.country_id):
        raise PermissionDenied(_("You may not manage accounts of this institution."))
    roles = _check_roles(actor, roles)
    with transaction.atomic():
        user = User(
            username=username.strip().lower(),
            institution=institution,
            first_name=first_name,
            last_name=last_name,
            email=email,
            language=language,
        )
        if password:
            validate_password(password, user)
            user.set_password(password)
            user.password_changed_at = timezone.now()
        else:
            user.set_unusable_password()
        user.full_clean()
        user.save()
        RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=r) for r in roles])
        audit_record(
            actor=actor,
            action=AuditAction.ADMINISTER,
            obj=user,
            details={"event": "user_created", "roles": roles, "institution": institution.pk},
        )
    return user


def user_set_roles(*, actor: Actor, user: User, roles: Iterable[str]) -> User:
    """Replace the roles of an account."""
    if not can_manage_user(actor, user):
        raise PermissionDenied(_("You may not manage accounts of this institution."))
    roles = _check_roles(actor, roles)
    with transaction.atomic():
        RoleAssignment.objects.filter(user=user).exclude(role__in=roles).delete()
        existing = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user=user, role=r) for r in roles if r not in existing]
        )
        user._role_codes = roles
        audit_record(
            actor=actor,
            action=AuditAction.ADMINISTER,
            obj=user,
            details={"event": "roles_changed", "roles": roles},
        )
    return user


def _revoke_tokens(user: User) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def user_set_active(*, actor: Actor, user: User, active: bool) -> User:
    """Enable or disable an account. Disabling ends its sessions and revokes its tokens."""
    if not can_manage_user(actor, user):
        raise PermissionDenied(_("You may not manage accounts of this institution."))
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        revoked = 0 if active else _revoke_tokens(user)
        audit_record(
            actor=actor,
            action=AuditAction.ADMINISTER,
            obj=user,
            details={"event": "enabled" if active else "disabled", "tokens_revoked": revoked},
        )
    return user


def user_change_password(*, actor: Actor, user: User, new_password: str) -> User:
    """Set a new password. Every other session of the user ends and every token is revoked."""
    if actor.user_id != user.pk and not can_manage_user(actor, user):
        raise PermissionDenied(_("You may not manage accounts of this institution."))
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "password_changed_at"])
        revoked = _revoke_tokens(user)
        audit_record(
            actor=actor,
            action=AuditAction.ADMINISTER,
            obj=user,
            details={"event": "password_changed", "tokens_revoked": revoked},
        )
    return user


def user_set_language(*, actor: Actor, user: User, language: str) -> User:
    """Save the interface language a user chose."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Unknown language.")})
    if actor.user_id != user.pk:
        raise PermissionDenied
    user.language = language
    user.save(update_fields=["language"])
    return user


def api_token_create(
    *, actor: Actor, user: User, name: str, scope: str, days: int
) -> tuple[ApiToken, str]:
    """Issue a token for the actor's own account; the secret is returned once, never stored."""
    if actor.user_id != user.pk:
        raise PermissionDenied
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Unknown scope.")})
    if not 1 <= days <= settings.PACCTO_API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {"days": _("Between 1 and %(max)d days.") % {"max": settings.PACCTO_API_TOKEN_MAX_DAYS}}
        )
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("This field is required.")})
    prefix = secrets.token_hex(4)
    secret = f"pct_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            prefix=prefix,
            digest=ApiToken.hash_secret(secret),
            scope=scope,
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit_record(
            actor=actor,
            action=AuditAction.ADMINISTER,
            obj=token,
            details={"event": "token_created", "scope": scope, "days": days},
        )
    return token, secret


def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens."""
    if actor.user_id != token.user_id:
        raise PermissionDenied
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor, action=AuditAction.ADMINISTER, obj=token, details={"event": "revoked"}
        )
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Note that a token was used (at most once a minute, to keep reads cheap)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def account_is_locked(username: str) -> bool:
    """Whether sign-in is refused for a username (whether or not it exists)."""
    lock = AccountLock.objects.filter(username=username.lower()).first()
    if lock is None:
        return False
    cooloff = settings.PACCTO_LOCKOUT_COOLOFF
    if cooloff is not None and lock.locked_at + cooloff <= timezone.now():
        lock.delete()
        return False
    return True


def login_failure_record(*, username: str, ip: str | None) -> bool:
    """Record a failed sign-in; lock the username after too many. Returns whether locked."""
    key = username.lower()[:150]
    now = timezone.now()
    # Attributed to the account's country when the username exists, so that its DPO sees
    # attacks on it; the answer to the person signing in is the same either way.
    account = (
        User.objects.filter(username=key)
        .values("institution_id", "institution__country_id")
        .first()
    )
    # An unknown "username" is often a password typed in the wrong field: the permanent
    # audit log keeps only a keyed fingerprint of it (the prunable LoginFailure keeps the text).
    anonymous = Actor(
        user_id=None,
        institution_id=account["institution_id"] if account else None,
        country_id=account["institution__country_id"] if account else None,
        username=key if account else f"unknown:{_fingerprint(key)}",
    )
    with transaction.atomic():
        LoginFailure.objects.create(username=key, ip=ip, at=now)
        recent = LoginFailure.objects.filter(
            username=key, at__gt=now - settings.PACCTO_LOCKOUT_WINDOW
        ).count()
        locked = recent >= settings.PACCTO_LOCKOUT_FAILURES
        if locked:
            AccountLock.objects.get_or_create(username=key, defaults={"locked_at": now})
        audit_record(
            actor=anonymous,
            action=AuditAction.SIGN_IN_FAILED,
            object_type="accounts.user",
            details={"ip": ip or "", "locked": locked},
        )
    return locked


def _fingerprint(text: str) -> str:
    import hashlib
    import hmac

    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()[:16]


def account_unlock(*, actor: Actor, username: str) -> None:
    """Lift a lockout (an administrator of the account's country, or a platform admin)."""
    key = username.lower()
    user = User.objects.filter(username__iexact=key).select_related("institution").first()
    allowed = can_manage_user(actor, user) if user is not None else can_manage_users_of(actor, None)
    if not allowed:
        raise PermissionDenied(_("You may not manage accounts of this institution."))
    with transaction.atomic():
        AccountLock.objects.filter(username=key).delete()
        LoginFailure.objects.filter(username=key).delete()
        audit_record(
            actor=actor,
            action=AuditAction.ADMINISTER,
            object_type="accounts.user",
            object_id=str(user.pk) if user else "",
            details={"event": "unlocked", "username": key},
        )


def session_signed_in(*, actor: Actor, ip: str | None, method: str) -> None:
    """Record a successful sign-in."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.SIGN_IN,
            object_type="accounts.user",
            object_id=str(actor.user_id),
            details={"ip": ip or "", "method": method},
        )


def session_signed_out(*, actor: Actor, reason: str) -> None:
    """Record a sign-out (by the user, or by the idle or absolute session limit)."""
    audit_record(
        actor=actor,
        action=AuditAction.SIGN_OUT,
        object_type="accounts.user",
        object_id=str(actor.user_id),
        details={"reason": reason},
    )


def mfa_totp_start(*, user: User):  # -> TOTPDevice
    """Begin enrolling an authenticator app: the pending unconfirmed device, or a new one."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def mfa_totp_confirm(*, actor: Actor, user: User, device, token: str) -> list[str]:
    """Confirm an authenticator with a first code; returns ten single-use backup codes."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    if actor.user_id != user.pk or device.user_id != user.pk:
        raise PermissionDenied
    if not device.verify_token(token.strip().replace(" ", "")):
        raise ValidationError({"token": _("The code is not valid. Try the next one.")})
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # One authenticator at a time: enrolling a new one retires the old one and its codes.
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        StaticDevice.objects.filter(user=user).delete()
        backup = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(10)]
        StaticToken.objects.bulk_create([StaticToken(device=backup, token=c) for c in codes])
        audit_record(
            actor=actor, action=AuditAction.ADMINISTER, obj=user, details={"event": "mfa_enrolled"}
        )
    return codes
