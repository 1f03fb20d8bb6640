"""The PostgreSQL backend: a connection health check without a round trip.

Each test opens a connection of its own to the suite's test database (PostgreSQL run only:
the backend is not used on SQLite).
"""

from __future__ import annotations

import time

import psycopg
import pytest
from django.conf import settings
from django.db import connections
from django.db.backends.postgresql import base as django_postgresql

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="the PostgreSQL backend (the suite's PostgreSQL run)",
    ),
    pytest.mark.django_db,
]


@pytest.fixture
def wrapper():
    """A connection of its own, in autocommit and idle between uses, as between requests."""
    default = connections["default"]
    db = type(default)(dict(default.settings_dict), alias="backend-test")
    db.ensure_connection()
    yield db
    db.close()


@pytest.fixture
def round_trips(monkeypatch):
    """Counts the checks that fell back on Django's ``SELECT 1``."""
    calls = []
    original = django_postgresql.DatabaseWrapper.is_usable

    def counted(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(django_postgresql.DatabaseWrapper, "is_usable", counted)
    return calls


def backend_pid(db) -> int:
    with db.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_the_platform_runs_on_its_own_backend(wrapper):
    assert type(wrapper).__module__ == "paccto.core.db.postgresql.base"


def test_a_healthy_idle_connection_passes_the_check_without_a_query(wrapper, round_trips):
    backend_pid(wrapper)
    assert wrapper.is_usable()
    assert round_trips == []


def test_a_connection_the_server_dropped_is_closed_and_replaced_before_use(wrapper, round_trips):
    pid = backend_pid(wrapper)
    params = wrapper.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + 10
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            assert time.monotonic() < deadline
            time.sleep(0.01)
    assert not wrapper.is_usable()
    assert round_trips == [1]  # the server's goodbye was waiting: checked the long way
    # What Django does at the start of a request with health checks on:
    wrapper.health_check_done = False
    wrapper.close_if_health_check_failed()
    assert wrapper.connection is None
    assert backend_pid(wrapper) != pid


def test_a_notice_waiting_on_a_live_connection_keeps_it_in_use(wrapper, round_trips):
    with wrapper.cursor() as cursor:
        cursor.execute("LISTEN paccto_backend_test")
    pid = backend_pid(wrapper)
    params = wrapper.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("NOTIFY paccto_backend_test")
    time.sleep(0.05)
    assert wrapper.is_usable()
    assert round_trips == [1]
    assert backend_pid(wrapper) == pid


def test_a_connection_inside_a_transaction_is_checked_by_query(wrapper, round_trips):
    wrapper.set_autocommit(False)
    try:
        backend_pid(wrapper)
        assert wrapper.is_usable()
        assert round_trips == [1]
    finally:
        wrapper.rollback()
        wrapper.set_autocommit(True)
