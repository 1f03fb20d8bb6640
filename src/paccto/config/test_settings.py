"""Settings for the test suite: the production settings, with a fast password hasher."""

import os
import tempfile

os.environ.setdefault("PACCTO_SECURE", "0")
os.environ.setdefault("PACCTO_DATA_DIR", tempfile.mkdtemp(prefix="paccto-test-"))
# Parallel test workers (pytest-xdist) each get a data directory of their own.
if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["PACCTO_DATA_DIR"] = os.path.join(os.environ["PACCTO_DATA_DIR"], worker)
    os.makedirs(os.environ["PACCTO_DATA_DIR"], exist_ok=True)

from paccto.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# A concrete operational model for testing the provenance policy of the permission engine.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.provenance_app"]  # noqa: F405

# Tests on SQLite use an in-memory database, said explicitly so that pytest-django does not
# derive a per-worker file name from the platform's own engine name under pytest-xdist.
if DATABASES["default"]["ENGINE"] == "paccto.core.db.sqlite":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
