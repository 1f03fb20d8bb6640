"""Reads of accounts."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from paccto.accounts.models import ApiToken, User
from paccto.core.permissions import Actor, get_for, visible_to


def user_list(*, actor: Actor, q: str = "", country: str = "") -> QuerySet[User]:
    """Accounts the actor may see, optionally narrowed by a search and a country."""
    qs = visible_to(actor, User).select_related("institution").prefetch_related("role_assignments")
    if q:
        qs = qs.filter(
            Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
        )
    if country:
        qs = qs.filter(institution__country_id=country.upper())
    return qs.order_by("username")


def user_get(*, actor: Actor, pk: object, action: str = "view") -> User:
    return get_for(
        actor,
        User.objects.select_related("institution").prefetch_related("role_assignments"),
        pk,
        action,
    )


def api_token_list(*, actor: Actor) -> QuerySet[ApiToken]:
    """The actor's own tokens, newest first."""
    if actor.user_id is None:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=actor.user_id).order_by("-created_at")


def api_token_get(*, actor: Actor, pk: object) -> ApiToken:
    """One of the actor's own tokens, or 404."""
    from django.http import Http404

    try:
        return api_token_list(actor=actor).get(pk=int(str(pk)))
    except (ApiToken.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The usable token for a secret, with its active user, or None."""
    if not secret.startswith("pct_") or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__institution")
        .prefetch_related("user__role_assignments")
        .filter(digest=ApiToken.hash_secret(secret))
        .first()
    )
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    return token
