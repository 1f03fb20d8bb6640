"""kill -9 in the middle of a run loses no acknowledged write and no audit entry."""

import http.client
import json
import os
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from tests.live_server import PlatformServer, fresh_postgres_url


def call(url, token, method="GET", body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    if data:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def test_kill_9_loses_no_acknowledged_write_or_audit_entry(tmp_path):
    database_url = os.environ.get("DATABASE_URL")
    if database_url:
        database_url = fresh_postgres_url(database_url, "paccto_durability")
    server = PlatformServer(tmp_path, database_url)
    server.prepare()
    admin = server.token("co.admin", "write")
    reader = server.token("co.analyst", "read")
    institution = server.paccto(
        "shell",
        "-v",
        "0",
        "-c",
        "from paccto.core.models import Institution;"
        "print(Institution.objects.get(key='co-policia-nacional').pk)",
    ).strip()
    server.start()
    acknowledged_users: list[str] = []
    acknowledged_reads = 0
    lock = threading.Lock()
    stop = threading.Event()
    dying = threading.Event()  # set just before the kill: errors after it are expected
    errors: list[str] = []

    def writer(n):
        nonlocal acknowledged_reads
        i = 0
        while not stop.is_set():
            name = f"dur.{n}.{i}"
            i += 1
            try:
                status, _ = call(
                    f"{server.url}/api/v1/users",
                    admin,
                    "POST",
                    {"username": name, "institution_id": int(institution), "roles": ["analyst"]},
                )
                if status == 201:
                    with lock:
                        acknowledged_users.append(name)
                status, _ = call(f"{server.url}/api/v1/institutions?q=pol", reader)
                if status == 200:
                    with lock:
                        acknowledged_reads += 1
            except urllib.error.HTTPError as exc:
                with lock:
                    errors.append(f"{exc.code} {exc.read()[:200]!r}")
                return
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                if not dying.is_set():
                    with lock:
                        errors.append(repr(exc))
                return  # the server was killed

    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(writer, n) for n in range(6)]
        # Kill in the middle of a busy run: once enough writes are acknowledged (a loaded
        # machine takes longer to get there), while the writers are still going.
        deadline = time.monotonic() + 60
        while len(acknowledged_users) < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        dying.set()
        server.kill()
        stop.set()
    for future in futures:
        future.result()
    assert not errors, errors[:3]
    assert len(acknowledged_users) > 20, "the run was too short to mean anything"

    # After the crash: every acknowledged user and its audit entry are there, and the chain
    # verifies.
    check = server.paccto(
        "shell",
        "-v",
        "0",
        "-c",
        "import json;"
        "from paccto.accounts.models import User;"
        "from paccto.audit.models import AuditEntry;"
        "users = dict(User.objects.filter(username__startswith='dur.')"
        ".values_list('username', 'pk'));"
        "audited = set(AuditEntry.objects.filter(details__event='user_created')"
        ".values_list('object_id', flat=True));"
        "reads = AuditEntry.objects.filter(action='consult',"
        " object_type='core.institution').count();"
        "print(json.dumps({'users': users, 'audited': sorted(audited), 'reads': reads}))",
    )
    state = json.loads(check.strip().splitlines()[-1])
    missing = [u for u in acknowledged_users if u not in state["users"]]
    assert not missing, f"acknowledged but lost: {missing[:5]}"
    unaudited = [u for u in acknowledged_users if str(state["users"][u]) not in state["audited"]]
    assert not unaudited, f"written without audit entry: {unaudited[:5]}"
    assert state["reads"] >= acknowledged_reads
    server.paccto("audit", "verify")
