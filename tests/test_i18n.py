"""Every user-facing string is translated into the six languages."""

import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "paccto" / "locale"
LANGUAGES = ["es", "pt", "fr", "en", "nl", "it"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        m.id
        for m in catalog
        if m.id
        and (
            m.fuzzy
            or (isinstance(m.string, tuple) and not all(m.string))
            or (not isinstance(m.string, tuple) and not m.string)
        )
    ]
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.po").open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    assert (folder / "django.mo").read_bytes() == buffer.getvalue(), "run make messages"


def test_source_strings_are_all_in_the_catalogue(tmp_path):
    """makemessages over the code finds no string missing from the Spanish catalogue."""
    import shutil
    import subprocess

    if not shutil.which("xgettext"):
        pytest.fail("xgettext (Debian package gettext) is needed to check the catalogues")
    import os

    src = LOCALE.parent
    # Django's makemessages is the reference extractor; run it into a copy of the tree.
    tree = tmp_path / "paccto"
    shutil.copytree(src, tree, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [
            str(Path(__file__).resolve().parent.parent / ".venv" / "bin" / "django-admin"),
            "makemessages",
            "-l",
            "es",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "paccto.config.settings",
            "PACCTO_DATA_DIR": str(tmp_path / "data"),
        },
    )
    assert result.returncode == 0, result.stderr
    with (tree / "locale" / "es" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        extracted = read_po(handle)
    # A new string close to an old one comes out fuzzy, with the old one's translation:
    # untranslated all the same.
    missing = [m.id for m in extracted if m.id and (m.fuzzy or not m.string)]
    assert not missing, f"strings not translated yet: {missing[:10]} (run make messages)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "word"),
    [
        ("es", "Iniciar sesión"),
        ("pt", "Iniciar sessão"),
        ("it", "Accedi"),
        ("fr", "Se connecter"),
        ("nl", "Aanmelden"),
    ],
)
def test_pages_follow_the_browser_language(client, language, word):
    page = client.get("/accounts/sign-in/", headers={"Accept-Language": language})
    assert page["Content-Language"] == language
    assert word in page.content.decode()


@pytest.mark.django_db
def test_dates_and_numbers_follow_the_locale(signed_in, actors):
    from django.utils import formats, translation

    with translation.override("fr"):
        assert formats.number_format(1234.5, decimal_pos=1, use_l10n=True, force_grouping=True) in (
            "1\u202f234,5",
            "1 234,5",
            "1\xa0234,5",
        )
    with translation.override("en"):
        assert formats.number_format(1234.5, decimal_pos=1, force_grouping=True) == "1,234.5"
