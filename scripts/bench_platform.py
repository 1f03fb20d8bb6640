"""make bench: audited reads per second and latency, on SQLite and on PostgreSQL.

A real server (gunicorn, production settings, audit on) is started for each database; wrk,
a second process on loopback, drives the dashboard (signed-in session), the directory search
page and an API list endpoint (token). Every request writes one audit entry: the script
checks that the number of new audit entries matches the number of requests served.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live_server import PlatformServer, TemporaryPostgres

TARGETS = (
    ("dashboard", "/", "session"),
    ("directory search", "/directory/institutions/?q=polic&sector=police", "session"),
    ("API list", "/api/v1/institutions?sector=police&page_size=25", "token"),
)


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    print("Installing wrk (Debian package)...", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk") or "wrk"


def session_cookie(base: str, username: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/sign-in/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{base}/accounts/sign-in/", data=body)
    request.add_header("Referer", f"{base}/accounts/sign-in/")
    opener.open(request).read()
    cookies = {c.name: c.value for c in jar}
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def parse_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(wrk: str, url: str, header: str, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", header, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = parse_ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = parse_ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "requests": total,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def audit_count(server: PlatformServer) -> int:
    out = server.paccto(
        "shell",
        "-v",
        "0",
        "-c",
        "from paccto.audit.models import AuditEntry; print(AuditEntry.objects.count())",
    )
    return int(out.strip().splitlines()[-1])


def bench(label: str, server: PlatformServer, wrk: str, seconds: int, connections: int) -> list:
    server.prepare()
    token = server.token("co.analyst", "read")
    server.start()
    rows = []
    try:
        cookie = session_cookie(server.url, "co.analyst", "paccto-demo-2026")
        for name, path, auth in TARGETS:
            header = f"Cookie: {cookie}" if auth == "session" else f"Authorization: Bearer {token}"
            run_wrk(wrk, server.url + path, header, 2, connections)  # warm-up
            before = audit_count(server)
            result = run_wrk(wrk, server.url + path, header, seconds, connections)
            result["audited"] = audit_count(server) - before
            rows.append((label, name, result))
            print(
                f"  {label:10} {name:17} {result['rps']:8.1f} req/s  p50 {result['p50']:6.1f} ms"
                f"  p99 {result['p99']:6.1f} ms  audited {result['audited']}/{result['requests']}"
                f"{'  non-2xx ' + str(result['non2xx']) if result['non2xx'] else ''}",
                flush=True,
            )
    finally:
        server.stop()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="as paccto serve on 2 cores")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument(
        "--pg-socket", action="store_true", help="reach PostgreSQL through its Unix socket"
    )
    args = parser.parse_args()
    wrk = ensure_wrk()
    rows = []
    print(
        f"Audited reads, {args.connections} connections, {args.seconds}s each, "
        f"{args.workers} gunicorn workers (target: >= 250 req/s, p99 <= 150 ms)"
    )
    with tempfile.TemporaryDirectory(prefix="paccto-bench-") as tmp:
        tmp_path = Path(tmp)
        if args.only in (None, "sqlite"):
            server = PlatformServer(tmp_path / "sqlite", workers=args.workers, threads=args.threads)
            rows += bench("SQLite", server, wrk, args.seconds, args.connections)
        if args.only in (None, "postgres"):
            with TemporaryPostgres(tmp_path / "pg") as pg:
                url = pg.socket_url if args.pg_socket else pg.url
                server = PlatformServer(
                    tmp_path / "pgdata", url, workers=args.workers, threads=args.threads
                )
                rows += bench("PostgreSQL", server, wrk, args.seconds, args.connections)
    ok = all(r["rps"] >= 250 and r["p99"] <= 150 and r["non2xx"] == 0 for _, _, r in rows)
    ok = ok and all(r["audited"] >= r["requests"] for _, _, r in rows)
    print(json.dumps({"target_met": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
