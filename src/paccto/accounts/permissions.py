"""Who may see and manage accounts.

Platform administrators manage every account; national administrators manage the accounts of
their own country's institutions; data-protection officers read those; everyone sees
themselves.
"""

from typing import Any

from django.db.models import Q, QuerySet

from paccto.accounts.models import User
from paccto.core.choices import Role
from paccto.core.models import Institution
from paccto.core.permissions import SYSTEM, Actor, register_policy


class UserPolicy:
    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if actor.has_role(Role.PLATFORM_ADMIN):
            return queryset
        country = Q(institution__country_id=actor.country_id) if actor.country_id else Q(pk=None)
        if action == "view":
            if actor.has_role(Role.NATIONAL_ADMIN, Role.DPO):
                return queryset.filter(country | Q(pk=actor.user_id))
            return queryset.filter(pk=actor.user_id)
        if actor.has_role(Role.NATIONAL_ADMIN):
            # A national administrator never acts on a platform administrator's account.
            return queryset.filter(country).exclude(role_assignments__role=Role.PLATFORM_ADMIN)
        return queryset.none()


register_policy(User, UserPolicy())


def can_manage_users_of(actor: Actor, country_id: str | None) -> bool:
    """Whether the actor may create or change accounts in a country's institutions."""
    if actor == SYSTEM or actor.has_role(Role.PLATFORM_ADMIN):
        return True
    return (
        actor.has_role(Role.NATIONAL_ADMIN)
        and actor.country_id is not None
        and country_id == actor.country_id
    )


def can_manage_user(actor: Actor, user: Any) -> bool:
    """Whether the actor may change an existing account (roles, access, password, lock)."""
    country = user.institution.country_id if user.institution_id else None
    if not can_manage_users_of(actor, country):
        return False
    if actor == SYSTEM or actor.has_role(Role.PLATFORM_ADMIN):
        return True
    return Role.PLATFORM_ADMIN not in user.role_codes


def can_create_users(actor: Actor) -> bool:
    """Whether the actor administers accounts at all (platform or national administrator)."""
    return bool(grantable_roles(actor))


def grantable_roles(actor: Actor) -> list[str]:
    """Roles the actor may grant: a national administrator cannot make platform admins."""
    if actor == SYSTEM or actor.has_role(Role.PLATFORM_ADMIN):
        return list(Role.values)
    if actor.has_role(Role.NATIONAL_ADMIN):
        return [r for r in Role.values if r != Role.PLATFORM_ADMIN]
    return []


def manageable_institutions(actor: Actor) -> QuerySet[Institution]:
    """The institutions in which the actor may create accounts."""
    qs = Institution.objects.select_related("country").order_by("country_id", "name")
    if actor == SYSTEM or actor.has_role(Role.PLATFORM_ADMIN):
        return qs
    if actor.has_role(Role.NATIONAL_ADMIN) and actor.country_id:
        return qs.filter(country_id=actor.country_id)
    return qs.none()
