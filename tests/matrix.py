"""The permission-matrix base class that every view and API test uses.

A subclass names a request (``request``) and, for each actor of ``conftest.Actors`` plus
``anonymous``, the status it must get. Forbidden protected records must answer 404, exactly
like missing ones.

The records are made once (``prepare``); then every actor makes the request in a savepoint
that is rolled back afterwards, with fresh process caches, so what one actor's request
writes never changes what the next one meets. One test per class lists every actor that got
the wrong answer.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from django.db import transaction
from django.test import Client

from tests.factories import verify_session


def fresh_process_state() -> None:
    """What a request may leave in the process outside the database: the hit/no-hit index,
    the directory cache, counters in Django's cache."""
    from django.core.cache import cache

    from paccto.core.selectors import directory_cache_clear
    from paccto.hits.index import index_reset

    index_reset()
    directory_cache_clear()
    cache.clear()


def each_actor_in_a_savepoint(profiles, call, made_before=None) -> list[str]:
    """``call(profile, made)`` for every profile, each in a savepoint rolled back afterwards;
    the non-empty reasons it returns. ``made_before(profile)``, if given, runs before the
    savepoint (what it makes stays) and its result is ``made``."""
    wrong = []
    for profile in profiles:
        fresh_process_state()
        made = made_before(profile) if made_before else None
        with transaction.atomic():
            reason = call(profile, made)
            transaction.set_rollback(True)
        if reason:
            wrong.append(reason)
    return wrong


class PermissionMatrix:
    matrix: ClassVar[dict[str, int]] = {}
    method: ClassVar[str] = "get"
    api: ClassVar[bool] = False

    def request(self, client, actors) -> tuple[str, dict[str, Any]]:
        """The url and keyword arguments of the request under test."""
        raise NotImplementedError

    def prepare(self, actors) -> None:
        """Create the records the request needs."""

    def check(self, actors, profile: str) -> str | None:
        client = Client()
        user = actors.get(profile)
        if user is not None:
            verify_session(client, user)
        url, kwargs = self.request(client, actors)
        response = getattr(client, self.method)(url, **kwargs)
        expected = self.matrix[profile]
        if response.status_code != expected:
            status = response.status_code
            return f"{profile}: {self.method.upper()} {url} -> {status}, expected {expected}"
        if expected == 404 and self.api and "detail" not in response.json():
            return f"{profile}: {url} answered 404 without a JSON detail"
        return None

    @pytest.mark.django_db
    def test_matrix(self, actors):
        assert self.matrix, "a permission matrix needs its expected answers"
        self.prepare(actors)
        wrong = each_actor_in_a_savepoint(self.matrix, lambda p, _: self.check(actors, p))
        assert not wrong, "\n".join(wrong)
