"""Settings for the test suite: the production settings, with a fast password hasher."""

import os
import tempfile

os.environ.setdefault("PACCTO_SECURE", "0")
os.environ.setdefault("PACCTO_DATA_DIR", tempfile.mkdtemp(prefix="paccto-test-"))

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
