"""Settings for PAcCTO, read from the environment.

With no environment at all the platform runs on an embedded SQLite database in the data
directory, with production-grade security (MFA required, secure cookies). ``PACCTO_DEMO=1``
relaxes MFA for demonstrations and shows a banner on every page.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(
    os.environ.get("PACCTO_DATA_DIR", Path.home() / ".local" / "share" / "paccto")
).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEMO = env_bool("PACCTO_DEMO", False)
DEBUG = env_bool("PACCTO_DEBUG", False)
# Behind TLS (production): secure cookies, HSTS, redirect to HTTPS.
SECURE = env_bool("PACCTO_SECURE", not DEMO)


def _secret_key() -> str:
    if key := os.environ.get("PACCTO_SECRET_KEY"):
        return key
    # Generated once per data directory, so an embedded install keeps its sessions.
    path = DATA_DIR / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("PACCTO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("PACCTO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "paccto.core",
    "paccto.accounts",
    "paccto.audit",
    "paccto.entities",
    "paccto.hits",
    "paccto.xref",
    "paccto.cases",
    "paccto.protection",
    "paccto.exchange",
    "paccto.judicial",
    "paccto.prisons",
    "paccto.analysis",
    "paccto.policy",
    "paccto.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "paccto.api.middleware.ApiJsonErrorsMiddleware",
    "paccto.core.middleware.RequestSizeMiddleware",
    "paccto.core.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "paccto.accounts.middleware.SessionPolicyMiddleware",
    "paccto.accounts.middleware.UserLanguageMiddleware",
    "paccto.accounts.middleware.MFARequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "paccto.config.urls"
WSGI_APPLICATION = "paccto.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "paccto.core.context_processors.platform",
                "paccto.exchange.context_processors.notifications",
            ],
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'paccto.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600)}
SQLITE_OPTIONS = {
    # One writer at a time, taken at BEGIN: no upgrade deadlocks between readers and
    # writers, and the audit chain stays linear.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    # Checkpoints are taken by a thread of each process, outside the writer lock
    # (paccto.core.db.sqlite); a restarted log is cut back to 64 MiB.
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA busy_timeout=20000; PRAGMA cache_size=-20000; "
        "PRAGMA journal_size_limit=67108864;"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["ENGINE"] = "paccto.core.db.sqlite"
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
else:
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Its health check needs no round trip (see the module).
        DATABASES["default"]["ENGINE"] = "paccto.core.db.postgresql"
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: the platform's queries are short, and PostgreSQL compiles any query
    # whose cost estimate passes jit_above_cost (an inbox count that takes 3 ms then takes 60
    # ms more to compile). PACCTO_PG_JIT=1 leaves the server's own setting.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    if not env_bool("PACCTO_PG_JIT", False):
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    # Random reads priced as what they are on solid-state storage with the working set in
    # memory (PostgreSQL's default, 4, was set for spinning disks). With the default, a
    # planner misled by stale statistics fetched all of a user's audit entries and sorted
    # them for the dashboard's latest eight (1.3 ms) instead of reading eight backwards along
    # the index (0.1 ms). PACCTO_PG_RANDOM_PAGE_COST="" leaves the server's own setting.
    page_cost = os.environ.get("PACCTO_PG_RANDOM_PAGE_COST", "1.1")
    if page_cost:
        options["options"] = f"{options.get('options', '')} -c random_page_cost={float(page_cost)}"
    # Parameters bound by the server and statements prepared: a statement run five times on
    # a connection is planned once (psycopg's prepare_threshold). Planning was most of the
    # database's work on an audited page (the dashboard's five statements: 0.6 of 1.0 ms).
    # PACCTO_PG_PREPARE=0 for a connection pooler that cannot keep prepared statements
    # (PgBouncer before 1.21 in transaction mode).
    if env_bool("PACCTO_PG_PREPARE", True):
        options["server_side_binding"] = True
        options["prepare_threshold"] = 5

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["paccto.accounts.backends.LockoutAwareBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: 12 hours absolute, 30 minutes idle (enforced by SessionPolicyMiddleware).
SESSION_ENGINE = "paccto.accounts.sessions"
SESSION_COOKIE_AGE = 12 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
PACCTO_SESSION_IDLE_SECONDS = int(os.environ.get("PACCTO_SESSION_IDLE_SECONDS", 30 * 60))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
LANGUAGE_COOKIE_SECURE = SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Lockout: 5 failures for one username within 15 minutes lock it until an administrator
# unlocks it, or for the cool-off period when one is configured.
PACCTO_LOCKOUT_FAILURES = int(os.environ.get("PACCTO_LOCKOUT_FAILURES", 5))
PACCTO_LOCKOUT_WINDOW = timedelta(minutes=int(os.environ.get("PACCTO_LOCKOUT_WINDOW_MIN", 15)))
_cooloff = os.environ.get("PACCTO_LOCKOUT_COOLOFF_MIN", "")
PACCTO_LOCKOUT_COOLOFF = timedelta(minutes=int(_cooloff)) if _cooloff else None

# MFA: required everywhere except when a demo explicitly relaxes it.
PACCTO_REQUIRE_MFA = env_bool("PACCTO_REQUIRE_MFA", not DEMO)
OTP_TOTP_ISSUER = "PAcCTO"

# API tokens
PACCTO_API_TOKEN_MAX_DAYS = int(os.environ.get("PACCTO_API_TOKEN_MAX_DAYS", 365))

# Hit/no-hit: the probability from which a candidate is a hit, and checks allowed per user
PACCTO_HIT_THRESHOLD = float(os.environ.get("PACCTO_HIT_THRESHOLD", 0.5))
PACCTO_HITS_PER_HOUR = int(os.environ.get("PACCTO_HITS_PER_HOUR", 120))
PACCTO_HITS_PER_DAY = int(os.environ.get("PACCTO_HITS_PER_DAY", 600))
# Build the index when the server starts rather than at the first check (large stores).
PACCTO_HITS_WARM = env_bool("PACCTO_HITS_WARM", False)

# Field encryption (victims' data of protection orders): keys from the environment, current
# first, or from a key file in the data directory, created (mode 0600) on first use.
PACCTO_FIELD_KEYS = os.environ.get("PACCTO_FIELD_KEYS", "")
PACCTO_FIELD_KEY_FILE = Path(os.environ.get("PACCTO_FIELD_KEY_FILE", DATA_DIR / "field-keys"))

# Frontline verification of protection orders: checks allowed per user
PACCTO_PROTECTION_CHECKS_PER_HOUR = int(os.environ.get("PACCTO_PROTECTION_CHECKS_PER_HOUR", 60))
PACCTO_PROTECTION_CHECKS_PER_DAY = int(os.environ.get("PACCTO_PROTECTION_CHECKS_PER_DAY", 300))

# Imports of entity files (kept under DATA_DIR/imports only until imported or discarded)
# Public statistics: counts from 1 to this minus one are withheld (and enough others that none
# can be recomputed from the totals); CSV imports of indicator entries up to this size.
PACCTO_PUBLIC_MIN_COUNT = int(os.environ.get("PACCTO_PUBLIC_MIN_COUNT", 5))
PACCTO_POLICY_IMPORT_MAX_BYTES = int(os.environ.get("PACCTO_POLICY_IMPORT_MAX_KB", 1024)) * 1024
PACCTO_IMPORT_MAX_BYTES = int(os.environ.get("PACCTO_IMPORT_MAX_MB", 50)) * 1024 * 1024

# Evidence files of joint investigation teams (under DATA_DIR/evidence, outside the web root)
PACCTO_EVIDENCE_MAX_BYTES = int(os.environ.get("PACCTO_EVIDENCE_MAX_MB", 50)) * 1024 * 1024
# Secure exchange: attachments (stored under DATA_DIR/attachments, 0700/0600, random names)
PACCTO_ATTACHMENT_MAX_BYTES = int(os.environ.get("PACCTO_ATTACHMENT_MAX_BYTES", 50 * 1024 * 1024))
# Files uploaded through the API and never sent with a message are forgotten after this.
PACCTO_ATTACHMENT_STAGED_HOURS = int(os.environ.get("PACCTO_ATTACHMENT_STAGED_HOURS", 24))
# Documents of transfer dossiers (certificates, judgments).
PACCTO_PRISONS_DOCUMENT_MAX_BYTES = (
    int(os.environ.get("PACCTO_PRISONS_DOCUMENT_MAX_MB", 20)) * 1024 * 1024
)
# Release alerts: days of notice before an inmate's expected release or transfer, unless a
# watch asks for another number.
PACCTO_RELEASE_ALERT_DAYS = int(os.environ.get("PACCTO_RELEASE_ALERT_DAYS", 30))
# Routes that accept bodies over PACCTO_MAX_BODY_BYTES (file uploads), by path or by route
# pattern, and up to how much: the file limit plus 1 MiB for the form fields and framing.
PACCTO_UPLOAD_ROUTES = {
    "/entities/imports/": PACCTO_IMPORT_MAX_BYTES + 1024 * 1024,
    "/exchange/compose/": PACCTO_ATTACHMENT_MAX_BYTES + 1024 * 1024,
    "/api/v1/exchange/attachments": PACCTO_ATTACHMENT_MAX_BYTES + 1024 * 1024,
    "/judicial/attachments/": PACCTO_ATTACHMENT_MAX_BYTES + 1024 * 1024,
    "/api/v1/judicial/attachments": PACCTO_ATTACHMENT_MAX_BYTES + 1024 * 1024,
    "/cases/jits/<int:pk>/evidence/new/": PACCTO_EVIDENCE_MAX_BYTES + 1024 * 1024,
    "/api/v1/jits/<int:jit_id>/evidence": PACCTO_EVIDENCE_MAX_BYTES + 1024 * 1024,
    "/prisons/reports/new/": PACCTO_ATTACHMENT_MAX_BYTES + 1024 * 1024,
    "/prisons/transfers/documents/": PACCTO_PRISONS_DOCUMENT_MAX_BYTES + 1024 * 1024,
    "/api/v1/prisons/transfer-documents": PACCTO_PRISONS_DOCUMENT_MAX_BYTES + 1024 * 1024,
}

# E-mail (notifications of messages, hits, protection orders...): "smtp" (the default when
# PACCTO_EMAIL_HOST is set), "file" (one file per e-mail under DATA_DIR/mail: the default
# otherwise, so that no e-mail is lost silently before a relay is configured), "console",
# "locmem", or a backend's dotted path. E-mails carry references and links, never content.
_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
_email_backend = os.environ.get(
    "PACCTO_EMAIL_BACKEND", "smtp" if os.environ.get("PACCTO_EMAIL_HOST") else "file"
)
EMAIL_BACKEND = _EMAIL_BACKENDS.get(_email_backend, _email_backend)
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = os.environ.get("PACCTO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("PACCTO_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("PACCTO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PACCTO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("PACCTO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("PACCTO_EMAIL_FROM", "paccto@localhost")
# The address of the platform as users reach it, for the links in e-mails.
PACCTO_BASE_URL = os.environ.get("PACCTO_BASE_URL", "http://127.0.0.1:8000")

# Audit: checkpoints signed with Ed25519.
PACCTO_AUDIT_KEY_PATH = Path(
    os.environ.get("PACCTO_AUDIT_KEY_PATH", DATA_DIR / "audit-signing-key.pem")
)
PACCTO_AUDIT_CHECKPOINT_EVERY = int(os.environ.get("PACCTO_AUDIT_CHECKPOINT_EVERY", 1000))

# Background work
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Internationalisation
LANGUAGE_CODE = "es"
LANGUAGES = [
    ("es", "Español"),
    ("pt", "Português"),
    ("fr", "Français"),
    ("en", "English"),
    ("nl", "Nederlands"),
    ("it", "Italiano"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Request limits
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("PACCTO_MAX_BODY_BYTES", 2 * 1024 * 1024))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# Security headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
PACCTO_BEHIND_PROXY = env_bool("PACCTO_BEHIND_PROXY", False)
if PACCTO_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PACCTO_LOG_LEVEL", "WARNING")},
}

PLATFORM_NAME = _("PAcCTO")

# Extra public keys (hex) whose checkpoint signatures are trusted, e.g. after a key rotation.
PACCTO_AUDIT_TRUSTED_KEYS = os.environ.get("PACCTO_AUDIT_TRUSTED_KEYS", "").split(",")
CSRF_FAILURE_VIEW = "paccto.core.errors.csrf_failure"
