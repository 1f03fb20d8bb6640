"""The permission-matrix base class that every view and API test uses.

A subclass names a request (``request``) and, for each actor of ``conftest.Actors`` plus
``anonymous``, the status it must get. Forbidden protected records must answer 404, exactly
like missing ones.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from tests.factories import verify_session


class PermissionMatrix:
    matrix: ClassVar[dict[str, int]] = {}
    method: ClassVar[str] = "get"
    api: ClassVar[bool] = False

    def request(self, client, actors) -> tuple[str, dict[str, Any]]:
        """The url and keyword arguments of the request under test."""
        raise NotImplementedError

    def prepare(self, actors) -> None:
        """Create the records the request needs."""

    @pytest.mark.django_db
    def test_matrix(self, client, actors, profile):
        self.prepare(actors)
        user = actors.get(profile)
        if user is not None:
            verify_session(client, user)
        url, kwargs = self.request(client, actors)
        response = getattr(client, self.method)(url, **kwargs)
        expected = self.matrix[profile]
        assert response.status_code == expected, (
            f"{profile}: {self.method.upper()} {url} -> {response.status_code}, expected {expected}"
        )
        if expected == 404 and self.api:
            assert response.json() == {"detail": "Not found."} or "detail" in response.json()
