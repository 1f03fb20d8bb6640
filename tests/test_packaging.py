"""``pip install .`` gives a complete package: templates, translations, reference data,
static files and migrations travel with the code."""

import subprocess
import sys
import zipfile


def test_the_wheel_carries_everything_the_platform_needs(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            ".",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("paccto-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "paccto/core/templates/base.html",
        "paccto/core/reference/institutions.json",
        "paccto/core/reference/countries.json",
        "paccto/core/static/paccto/vendor/htmx.min.js",
        "paccto/locale/pt/LC_MESSAGES/django.mo",
        "paccto/audit/migrations/0002_audit_head.py",
        "paccto/accounts/templates/accounts/sign_in_page.html",
    ):
        assert expected in names, expected
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "paccto = paccto.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
