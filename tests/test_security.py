import os
import subprocess
import sys

import pytest


def run_paccto(*args, env_extra=None, tmp_path=None):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PACCTO_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env["PACCTO_DATA_DIR"] = str(tmp_path)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "paccto", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = run_paccto(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "PACCTO_SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
            "PACCTO_ALLOWED_HOSTS": "paccto.example.org",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_paccto_command_works_with_no_settings_at_all(tmp_path):
    result = run_paccto("migrate", "-v", "0", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "paccto.sqlite3").exists()
    result = run_paccto("audit", "verify", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_require_mfa_and_secure_cookies(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.PACCTO_REQUIRE_MFA, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
        " s.SESSION_COOKIE_AGE, s.PACCTO_SESSION_IDLE_SECONDS, s.DEMO)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={
            "PATH": os.environ["PATH"],
            "PACCTO_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "paccto.config.settings",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == ["True", "True", "True", "43200", "1800", "False"], (
        result.stderr
    )


@pytest.mark.django_db
def test_security_headers_are_sent(client):
    response = client.get("/accounts/sign-in/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_form_posted_without_csrf_token_is_refused_in_the_users_language():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/sign-in/",
        {"username": "a", "password": "b"},
        headers={"Accept-Language": "fr"},
    )
    assert response.status_code == 403
    assert "formulaire" in response.content.decode().lower()


@pytest.mark.django_db
def test_oversized_form_is_refused_cleanly(client, settings):
    # Refused before anything reads the body (RequestSizeMiddleware): 413, an error page.
    response = client.post(
        "/accounts/sign-in/",
        data="username=" + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
        content_type="application/x-www-form-urlencoded",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 413
    assert "The request body is too large." in response.content.decode()


@pytest.mark.django_db
def test_open_redirect_after_sign_in_is_refused(client, actors):
    from tests.factories import PASSWORD

    response = client.post(
        "/accounts/sign-in/",
        {"username": "co.owner", "password": PASSWORD, "next": "https://evil.example.com/"},
    )
    assert response.status_code == 302 and response.url == "/"


@pytest.mark.django_db
def test_nul_characters_are_refused_everywhere(client, actors):
    from tests.factories import verify_session

    verify_session(client, actors.co_admin)
    assert client.get("/api/v1/users?q=a%00b").status_code == 400
    assert client.get("/directory/institutions/?q=%00").status_code == 400
    response = client.post(
        "/api/v1/users",
        data='{"username": "a\\u0000b", "institution_id": 1, "roles": ["analyst"]}',
        content_type="application/json",
    )
    assert response.status_code == 400 and "detail" in response.json()


def test_a_bare_install_collects_static_files_on_first_start(tmp_path):
    script = tmp_path / "probe.py"
    script.write_text(
        "import re\n"
        "from paccto.config.wsgi import application\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from django.test import RequestFactory\n"
        "def get(path):\n"
        "    environ = RequestFactory().get(path, HTTP_HOST='127.0.0.1').environ\n"
        "    status = []\n"
        "    body = b''.join(application(environ, lambda s, h: status.append(s)))\n"
        "    return int(status[0].split()[0]), body.decode(errors='replace')\n"
        "code, page = get('/accounts/sign-in/')\n"
        'css = re.search(r\'href="(/static/[^"]+[.]css)"\', page).group(1)\n'
        "print(code, get(css)[0])\n"
    )
    result = subprocess.run(
        [sys.executable, str(script)],
        env={
            "PATH": os.environ["PATH"],
            "PACCTO_DATA_DIR": str(tmp_path / "data"),
            "PACCTO_SECURE": "0",
            "DJANGO_SETTINGS_MODULE": "paccto.config.settings",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == ["200", "200"], result.stderr[-2000:]
