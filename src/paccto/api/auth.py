"""API authentication: scoped bearer tokens, or the browser session (with CSRF and MFA)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from paccto.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """``Authorization: Bearer pct_...``: a usable token of an active user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from paccto.accounts.selectors import api_token_authenticate
        from paccto.accounts.services import api_token_touch

        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        api_token_touch(token=api_token)
        request.user = api_token.user
        request.api_scope = api_token.scope  # type: ignore[attr-defined]
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session, once its second factor is done (CSRF checked)."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        from paccto.accounts.middleware import mfa_pending

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or mfa_pending(request):
            return None
        request.api_scope = ApiToken.Scope.WRITE  # type: ignore[attr-defined]
        return user


def require_write(request: HttpRequest) -> None:
    """Refuse writes made with a read-only token."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    if getattr(request, "api_scope", None) != ApiToken.Scope.WRITE:
        raise PermissionDenied(_("This token may only read."))
