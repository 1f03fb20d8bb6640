"""Schema-based fuzzing of the API: whatever the input, never a server error."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from paccto.accounts import services
from paccto.config.wsgi import application
from paccto.core.permissions import actor_for

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_test_connection():
    """Call the real WSGI application without it closing the test's database connection
    at the end of each request (as Django's test client does)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_headers(actors, keep_test_connection):
    user = actors.platform_admin
    _, secret = services.api_token_create(
        actor=actor_for(user), user=user, name="fuzz", scope="write", days=1
    )
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_answers_5xx(case, fuzz_headers):
    response = case.call(headers=fuzz_headers)
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
    headers = {k.lower(): v for k, v in response.headers.items()}
    content_type = "".join(headers.get("content-type", []))
    exports = {".csv": "text/csv", ".jsonl": "application/x-ndjson"}
    suffix = next((s for s in exports if case.path.endswith(s)), "")
    expected = exports[suffix] if suffix and response.status_code == 200 else "application/json"
    assert content_type.startswith(expected), (
        case.path,
        response.status_code,
        response.text[:200],
        case.query,
        case.headers,
    )
