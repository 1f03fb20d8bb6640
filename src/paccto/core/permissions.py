"""The one permission engine of the platform.

Every read and write of protected data asks this module. Access is the product of the actor
(role, institution, country, networks, cases) and the record (owner, share scope, handling
code, special category). The default is deny: a model without a registered policy is visible
to nobody, and a record one may not see is answered exactly like a missing one (404).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

from paccto.core.choices import Role, ShareScope

M = TypeVar("M", bound=models.Model)

# Roles that work with operational data (intelligence, cases, requests, inmates, orders).
OPERATIONAL_ROLES = frozenset(
    {
        Role.ANALYST,
        Role.INVESTIGATOR,
        Role.PROSECUTOR,
        Role.JUDGE,
        Role.PRISON_OFFICER,
        Role.PROTECTION_OFFICER,
        Role.POLICY_COORDINATOR,
    }
)


class LazyIds(AbstractSet[int]):
    """A set of ids read on first use. The case ids of an actor are built on every request
    but needed only by the few reads that consult them, so they cost nothing elsewhere."""

    __slots__ = ("_ids", "_load")

    def __init__(self, load: Callable[[], Iterable[int]]) -> None:
        self._load: Callable[[], Iterable[int]] | None = load
        self._ids: frozenset[int] | None = None

    def _get(self) -> frozenset[int]:
        if self._ids is None:
            load, self._load = self._load, None
            self._ids = frozenset(load()) if load is not None else frozenset()
        return self._ids

    def __contains__(self, value: object) -> bool:
        return value in self._get()

    def __iter__(self) -> Iterator[int]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        return f"LazyIds({set(self._ids) if self._ids is not None else '...'})"


@dataclass(frozen=True)
class Actor:
    """Who is acting, as the permission engine sees them."""

    user_id: int | None
    institution_id: int | None
    country_id: str | None
    roles: frozenset[str] = frozenset()
    network_ids: frozenset[int] = frozenset()
    case_ids: AbstractSet[int] = field(default_factory=frozenset)
    username: str = ""

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_operational(self) -> bool:
        return bool(self.roles & OPERATIONAL_ROLES)


ANONYMOUS = Actor(user_id=None, institution_id=None, country_id=None)

# Other apps contribute the cases an actor belongs to (cases and joint investigation teams).
CaseProvider = Callable[[Any], Iterable[int]]
_case_providers: list[CaseProvider] = []


def register_case_provider(provider: CaseProvider) -> None:
    _case_providers.append(provider)


def actor_for(user: Any) -> Actor:
    """The actor for a user, computed once per user object (request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_paccto_actor", None)
    if cached is not None:
        return cached
    institution = user.institution
    network_ids: frozenset[int] = frozenset()
    if institution is not None:
        network_ids = institution_network_ids(institution.pk)
    providers = tuple(_case_providers)

    def load_case_ids() -> Iterator[int]:
        for provider in providers:
            yield from provider(user)

    actor = Actor(
        user_id=user.pk,
        institution_id=user.institution_id,
        country_id=institution.country_id if institution is not None else None,
        roles=frozenset(user.role_codes),
        network_ids=network_ids,
        case_ids=LazyIds(load_case_ids) if providers else frozenset(),
        username=user.get_username(),
    )
    user._paccto_actor = actor
    return actor


NETWORK_CACHE_SECONDS = 60


def institution_network_ids(institution_id: int) -> frozenset[int]:
    """The networks an institution belongs to. Cached briefly: memberships are reference
    data, and this is read on every request."""
    from django.core.cache import cache

    from paccto.core.models import NetworkMembership

    key = f"permissions:networks:{institution_id}"
    ids = cache.get(key)
    if ids is None:
        ids = frozenset(
            NetworkMembership.objects.filter(institution_id=institution_id).values_list(
                "network_id", flat=True
            )
        )
        cache.set(key, ids, NETWORK_CACHE_SECONDS)
    return ids


class Policy(Protocol):
    """Decides which rows of a model an actor may see or act on."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet: ...


_policies: dict[type[models.Model], Policy] = {}


def register_policy(model: type[models.Model], policy: Policy) -> None:
    _policies[model] = policy


def visible_to(actor: Actor, queryset: QuerySet[M] | type[M], action: str = "view") -> QuerySet[M]:
    """The rows of a queryset (or model) that the actor may act on. Default deny."""
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    if not actor.is_authenticated:
        return qs.none()
    policy = _policies.get(qs.model)
    if policy is None:
        return qs.none()
    return policy.filter(actor, qs, action)


def get_for(actor: Actor, queryset: QuerySet[M] | type[M], pk: Any, action: str = "view") -> M:
    """One record the actor may act on, or 404: forbidden and missing answer the same."""
    try:
        return visible_to(actor, queryset, action).get(pk=pk)
    except (models.ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can(actor: Actor, action: str, obj: models.Model) -> bool:
    """Whether the actor may perform an action on one record."""
    return visible_to(actor, type(obj), action).filter(pk=obj.pk).exists()


OWNER_ACTIONS = frozenset({"change", "delete", "disclose"})


class ProvenancePolicy:
    """The policy for operational records carrying provenance (``core.models.Provenance``).

    - view: operational roles of the owner institution; others as the share scope allows;
      special categories (victims, witnesses, minors, informants) stay with the owner, or
      with the members of a case the record belongs to when ``case_field`` is given.
    - change / delete / disclose: operational roles of the owner institution only. H2 records
      may not be passed on without the owner's permission, so only the owner discloses.
    """

    def __init__(self, case_field: str | None = None) -> None:
        self.case_field = case_field

    def case_filter(self, queryset: QuerySet, case_ids: AbstractSet[int]) -> Q:
        """Rows of the actor's cases. A case field reached through a many-valued relation
        (``case_links__case``) is matched in a subquery, so a row in two of the actor's
        cases comes back once."""
        assert self.case_field is not None
        lookup = {f"{self.case_field}__in": sorted(case_ids)}
        model = queryset.model
        first = model._meta.get_field(self.case_field.split("__")[0])
        if first.one_to_many or first.many_to_many:
            return Q(pk__in=model._default_manager.filter(**lookup).values("pk"))
        return Q(**lookup)

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if not actor.is_operational or actor.institution_id is None:
            return queryset.none()
        own = Q(owner_institution_id=actor.institution_id)
        if action in OWNER_ACTIONS:
            return queryset.filter(own)
        if action != "view":
            return queryset.none()  # an action nobody declared is allowed to nobody
        shared = Q(share_scope=ShareScope.PLATFORM) | Q(
            share_scope=ShareScope.COUNTRY, owner_institution__country_id=actor.country_id
        )
        if actor.network_ids:
            shared |= Q(share_scope=ShareScope.NETWORK, share_network_id__in=actor.network_ids)
        visible = own | (shared & Q(special_category=False))
        if self.case_field and actor.case_ids:
            visible |= self.case_filter(queryset, actor.case_ids)
        return queryset.filter(visible)


# The platform itself, acting in management commands (seeding, maintenance).
SYSTEM = Actor(user_id=None, institution_id=None, country_id=None, username="system")
