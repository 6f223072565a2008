"""Casework settings: one module, driven by environment variables (see README)."""

import base64
import contextlib
import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (for development, set DEBUG=1)."
        )
    SECRET_KEY = "casework-insecure-development-key-do-not-use-in-production"  # noqa: S105


def _development_key(label: str) -> str:
    """A key derived from the development SECRET_KEY: for DEBUG only, never in production."""
    digest = hashlib.sha256(f"casework:{label}:{SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


# Identities (names, ID numbers, addresses, phones, emails of parties) are stored encrypted
# (Fernet). IDENTITY_KEY: one key, or several separated by commas, the first encrypting and all
# decrypting (to rotate: put the new key first, then re-save). IDENTITY_INDEX_KEY keys the
# blind index that finds a party by ID number or name without decrypting; it never rotates.
# Make each with:
#   python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"
IDENTITY_KEYS = [k.strip() for k in os.environ.get("IDENTITY_KEY", "").split(",") if k.strip()]
IDENTITY_INDEX_KEY = os.environ.get("IDENTITY_INDEX_KEY", "")
if not DEBUG and 0 < len(IDENTITY_INDEX_KEY) < 32:
    raise ImproperlyConfigured("IDENTITY_INDEX_KEY must be at least 32 characters long.")
if not (IDENTITY_KEYS and IDENTITY_INDEX_KEY):
    if not DEBUG:
        raise ImproperlyConfigured(
            "IDENTITY_KEY and IDENTITY_INDEX_KEY must be set when DEBUG is off."
        )
    IDENTITY_KEYS = IDENTITY_KEYS or [_development_key("identity")]
    IDENTITY_INDEX_KEY = IDENTITY_INDEX_KEY or _development_key("identity-index")

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: its runserver (the notices' address follows the port served)
    # replaces staticfiles' own, which it extends. It has no templates or static files.
    "workflows",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "axes",
    "django_filters",
    "viewflow",
    "casework",
    "permissions",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is chosen, before a body is read or a missing slash redirected:
    # "too large" and "not found" as the app's own pages (JSON under /api/), DEBUG or not.
    "config.middleware.RequestSizeLimitMiddleware",
    "config.middleware.NotFoundPageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis")) and env_bool(
    "DB_JIT_OFF", True
):
    # No JIT compilation: it pays off on long analytic scans, not on this application's short
    # queries. The reports' counts cost enough by the planner's estimate to trigger it, and
    # compiling took 180 of their 520 ms at a million cases. Behind a pooler that refuses
    # startup options (PgBouncer), set DB_JIT_OFF=false and ALTER DATABASE ... SET jit = off.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    given = options.get("options", "")
    if not isinstance(given, str):
        raise ImproperlyConfigured("DATABASE_URL gives 'options' more than once")
    options["options"] = f"{given} -c jit=off".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: wait for a busy writer instead of failing at once.
    # BEGIN IMMEDIATE: writers queue at the start of a transaction instead of failing with
    # "database is locked" when two of them upgrade from reading at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "casework.User"

AUTHENTICATION_BACKENDS = [
    "config.security.LoginThrottleBackend",  # first: a locked-out login goes no further
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None  # no guardian anonymous user: the public never holds a grant

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one username from one
# address, that pair waits LOGIN_LOCKOUT_MINUTES; a success clears the count.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.security.client_address"
AXES_LOCKOUT_CALLABLE = "config.security.locked_out"
AXES_VERBOSE = False

# A session ends after SESSION_IDLE_MINUTES without a request, and with the browser; a
# request writes it again at most once a minute (config/sessions.py).
SESSION_ENGINE = "config.sessions"
SESSION_COOKIE_AGE = 60 * int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

LANGUAGE_CODE = "vi"
# Each language named in its own tongue, as a language switch shows it.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
FORMAT_MODULE_PATH = ["config.formats"]  # day-first short dates, 19/01/2026, in both
# Day first wherever no language is active (a command, a task): never Django's month-first
# fallback. Each language's own list is in config/formats.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# WhiteNoise serves the static files (viewflow's, Swagger UI's, ours) from the app server,
# straight from the installed packages: no collectstatic step, no CDN.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
# WhiteNoise also serves STATIC_ROOT (collectstatic's output) and warns if it is missing.
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"
# Uploaded evidence. Never served from MEDIA_URL: every download goes through a view that checks
# who may see the case (workflows.pages.attachments).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# The largest attachment accepted, in megabytes (MiB).
CASEWORK_ATTACHMENT_MAX_MB = int(os.environ.get("CASEWORK_ATTACHMENT_MAX_MB", "20"))
# The address the public reaches Casework at: printed on every notice, and in its QR code, as
# the page where anyone checks it (/verify/<code>/). Required when DEBUG is off: a notice
# printed with a relative address could never be checked.
CASEWORK_PUBLIC_URL = os.environ.get(
    "CASEWORK_PUBLIC_URL", "http://127.0.0.1:8000" if DEBUG else ""
).rstrip("/")
if not CASEWORK_PUBLIC_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "CASEWORK_PUBLIC_URL must be the site's public address, e.g. https://casework.example.vn"
    )

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "casework@localhost")

# Celery: with a broker the tasks go to workers; without one they run eagerly in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    "deadlines-sweep": {
        "task": "workflows.tasks.deadlines_sweep_task",
        "schedule": crontab(hour=7, minute=0),  # in CELERY_TIMEZONE, Asia/Ho_Chi_Minh
    },
    # A notice whose rendering task was lost (the broker was down at the commit) is sent again.
    "documents-requeue": {
        "task": "workflows.tasks.documents_requeue_task",
        "schedule": crontab(minute="*/10"),
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": [],
    "EXCEPTION_HANDLER": "api.exceptions.handler",
    # DRF's three, with a JSON parser that answers a body nested too deeply with a 400.
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Dates in a request: ISO 8601 (2026-12-05), or day first as the pages read them
    # (05/12/2026, 05-12-2026, 05.12.2026); answers give ISO 8601.
    "DATE_INPUT_FORMATS": ["iso-8601", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.ScopedRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "auth": os.environ.get("AUTH_THROTTLE_RATE", "10/min"),
        "auth_username": os.environ.get("AUTH_THROTTLE_RATE", "10/min"),
    },
    # How many proxies set X-Forwarded-For in front of the app: 0 trusts only the socket's
    # address, so a client cannot pick its own identity for the login limit.
    "NUM_PROXIES": int(os.environ.get("NUM_PROXIES", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Casework API",
    "VERSION": "1",
    "LICENSE": {"name": "AGPL-3.0-or-later"},
    "DESCRIPTION": "Petitions, complaints and denunciations: registration, the lawful "
    "lifecycle and its audit trail. Every change of state goes through one door.",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CaseStateEnum": "casework.choices.State",
        "KindEnum": "casework.choices.Kind",
        "ChannelEnum": "casework.choices.Channel",
    },
}

# Shared between processes when REDIS_CACHE_URL is set (throttling, sessions cache).
if os.environ.get("REDIS_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_CACHE_URL"],
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},  # a line per rendering step otherwise
    },
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
