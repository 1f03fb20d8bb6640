"""Session rules: idle and absolute limits, the user's language, and mandatory MFA."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SIGNED_IN_AT = "paccto_signed_in_at"
LAST_SEEN = "paccto_last_seen"
# Refresh the idle clock at most once a minute: a session write per request would cost more
# than the read it accompanies.
LAST_SEEN_RESOLUTION = 60


class SessionPolicyMiddleware:
    """Ends a session after 30 minutes idle or 12 hours in all, whichever comes first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            signed_in = request.session.get(SIGNED_IN_AT, now)
            last_seen = request.session.get(LAST_SEEN, now)
            reason = ""
            if now - signed_in > settings.SESSION_COOKIE_AGE:
                reason = "absolute"
            elif now - last_seen > settings.PACCTO_SESSION_IDLE_SECONDS:
                reason = "idle"
            if reason:
                from paccto.accounts.services import session_signed_out
                from paccto.core.permissions import actor_for

                session_signed_out(actor=actor_for(user), reason=reason)
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(settings.LOGIN_URL)}?{query}")
            if SIGNED_IN_AT not in request.session:
                request.session[SIGNED_IN_AT] = now
            if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN not in request.session:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class UserLanguageMiddleware:
    """Uses the language saved in the user's profile, before the browser's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


MFA_EXEMPT_PREFIXES = ("/static/", "/api/")


class MFARequiredMiddleware:
    """Sends a signed-in user who has not passed a second factor to verify or enrol.

    Required for everyone unless a demo relaxed it; a user who enrolled is always asked.
    The API applies the same rule in its session authentication.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and mfa_pending(request)
        ):
            exempt = {
                reverse("accounts:mfa_verify"),
                reverse("accounts:mfa_setup"),
                reverse("accounts:logout"),
            }
            if request.path not in exempt:
                from django_otp import user_has_device

                target = "accounts:mfa_verify" if user_has_device(user) else "accounts:mfa_setup"
                return redirect(target)
        return self.get_response(request)


MFA_NOT_ENROLLED = "paccto_mfa_not_enrolled"


def mfa_pending(request: HttpRequest) -> bool:
    """Whether the signed-in user still owes a second factor."""
    user = request.user
    if user.is_verified():
        return False
    if settings.PACCTO_REQUIRE_MFA:
        return True
    if request.session.get(MFA_NOT_ENROLLED):
        return False  # checked once for this session; enrolling verifies the session
    from django_otp import user_has_device

    if user_has_device(user):
        return True
    request.session[MFA_NOT_ENROLLED] = True
    return False
