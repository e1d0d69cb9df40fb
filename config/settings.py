"""Settings, read from the environment with safe defaults.

Production differs from development only by environment variables:
DJANGO_DEBUG, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, DJANGO_SECURE.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP

from config.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def development_secret_key() -> str:
    """A random key kept in a git-ignored file, so sessions survive restarts in development."""
    key_file = BASE_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or development_secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "wizard",
]

MIDDLEWARE = [
    "wizard.middleware.HeadWithoutBodyMiddleware",
    "wizard.middleware.RequestTooLargeMiddleware",
    "wizard.middleware.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and fragments leave compressed (a resolution's htmx fragment: ~9 KB -> ~3 KB). Below WhiteNoise,
    # which serves its own precompressed files. Django pads the compressed body at random against BREACH,
    # and CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so a view that loses the database answers 503 before the 500 handler sees it.
    "wizard.middleware.DatabaseUnavailableMiddleware",
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
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout makes writers wait, not fail. Reads through a
    # memory map instead of SQLite's 2 MB page cache: insights over a million events read every walk of a month
    # (about 2x faster at that size). An upper bound, not an allocation; SQLITE_MMAP_SIZE=0 turns it off.
    mmap_size = int(os.environ.get("SQLITE_MMAP_SIZE", str(1024**3)))
    DATABASES["default"]["OPTIONS"] = {
        "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size={mmap_size};",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Serve straight from the finders when collectstatic has not run (development, tests).
WHITENOISE_USE_FINDERS = DEBUG or env_bool("WHITENOISE_USE_FINDERS")

CONTENT_DIR = Path(os.environ.get("TROUBLESHOOTER_CONTENT_DIR", BASE_DIR / "content"))

# "Import docs" in the admin (wizard/admin/imports.py): the most bytes an uploaded file, a pasted text or a fetched
# URL may have, and whether a URL may point at a private, loopback or link-local address. Off by default: the
# server fetches on a staff user's behalf, from inside its network. The page is read inside the request: 1 MB is
# twenty times the longest real page in tests/fixtures/import_corpus, and a 1 MB page of 1,600 sections took
# 18 s on a busy machine (README), within gunicorn's 30 s timeout.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(1024 * 1024)))
IMPORT_ALLOW_PRIVATE_URLS = env_bool("IMPORT_ALLOW_PRIVATE_URLS")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Escalations: a notification by email, through SMTP (EMAIL_*) behind DJANGO_SECURE and the console otherwise;
# DJANGO_EMAIL_BACKEND (console, smtp or a dotted path) overrides. With no ESCALATION_EMAIL_TO nothing is sent and
# the record is still kept. Django 6.1's MAILERS replaces EMAIL_BACKEND.
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_backend = os.environ.get("DJANGO_EMAIL_BACKEND", "smtp" if env_bool("DJANGO_SECURE") else "console")
MAILERS: dict[str, dict[str, Any]] = {"default": {"BACKEND": EMAIL_BACKENDS.get(_email_backend, _email_backend)}}
if MAILERS["default"]["BACKEND"] == EMAIL_BACKENDS["smtp"]:
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "587")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        # A stuck mail server must not hold a request (and a worker) for long; the record is saved first anyway.
        "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "troubleshooter@localhost")
ESCALATION_EMAIL_TO = env_list("ESCALATION_EMAIL_TO")
# A helpdesk's new-ticket URL, a mailto: or an issue tracker, with {subject} and {body} placeholders.
ESCALATION_HANDOFF_URL = os.environ.get("ESCALATION_HANDOFF_URL", "")
# How many proxies (load balancer, CDN) sit in front of the app servers and append to X-Forwarded-For; rate limits
# then count per client instead of per proxy. 0: the header is ignored (it could be forged).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Steps shown are written to the database in batches this often (seconds), or as soon as 25 wait, off the request
# path; 0 writes each step inside its request (wizard/services/step_records.py, which also bounds what a killed
# process loses). Short batches keep the writer thread from holding a process for long: at 0.5 s its batches
# lengthened the slowest responses under load (bench, 2026-11-28).
WALK_RECORD_DELAY = float(os.environ.get("WALK_RECORD_DELAY", "0.1"))
# Per client address (REMOTE_ADDR, an IPv6 /64) and, for the forms, per form token: at most N in any window of the
# period ("10/m": 10 in any 60 s), counted in the database that every process and server shares
# (wizard/services/rate_limits.py). An empty value turns a limit off.
FEEDBACK_RATE_LIMIT = os.environ.get("FEEDBACK_RATE_LIMIT", "10/m")
ESCALATION_RATE_LIMIT = os.environ.get("ESCALATION_RATE_LIMIT", "5/m")
# Embed forms (no CSRF cookie in a cross-site frame, see README "Embedding"): their signed token is refused when
# older than this many seconds, or younger (a script posts the moment it has the page; a person reads first).
EMBED_FORM_MAX_AGE = int(os.environ.get("EMBED_FORM_MAX_AGE", str(6 * 3600)))
EMBED_FORM_MIN_AGE = float(os.environ.get("EMBED_FORM_MIN_AGE", "2"))
# Active search sends a request per pause in typing, and a support team often shares one office IP: generous.
SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "120/m")

# Content-Security-Policy: no inline script or style, no eval.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
    # Only embed pages may be framed; they set their own allow-list.
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
# Sites whose pages may frame /embed/ (scheme://host[:port], comma-separated); read per request and
# validated by wizard.embedding. Empty: no other site may frame the wizard.
EMBED_ALLOWED_ORIGINS = env_list("EMBED_ALLOWED_ORIGINS")
# A refused form inside an embed frame (usually a blocked third-party cookie) explains itself and links out.
CSRF_FAILURE_VIEW = "wizard.views.embed.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind TLS in production: DJANGO_SECURE=1 turns on every HTTPS-only protection.
if env_bool("DJANGO_SECURE"):
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Cookies stay SameSite=Lax (Django's default), the admin's included: the embed forms, the only forms inside
    # another site's frame, need no cookie (a signed token, see wizard/forms.py and README "Embedding").

SILENCED_SYSTEM_CHECKS = env_list("DJANGO_SILENCED_SYSTEM_CHECKS")

LOGGING = logging_config(
    log_format=os.environ.get("DJANGO_LOG_FORMAT", "text"), level=os.environ.get("DJANGO_LOG_LEVEL", "INFO")
)

# Rendered pages are cached per content version. CACHE_URL=redis://host:6379/0 (needs the `redis` package) or
# CACHE_URL=db://cache_table (run createcachetable) shares them between processes; unset, each process keeps its own
# in-memory cache, which only costs a render per process. Rate limits never use the cache (see above).
_cache_url = os.environ.get("CACHE_URL", "")
CACHES: dict[str, dict[str, Any]]
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
elif _cache_url.startswith("db://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": _cache_url.removeprefix("db://") or "cache_table",
        }
    }
else:
    # Rendered steps and their nodes are cached per content version (a few KB each): room for a big guide
    # instead of Django's default of 300 entries.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        }
    }

# The only login is the admin's, for staff: after it, a `next=` that is refused (another site) or absent leads to
# the admin, not to Django's default /accounts/profile/, which does not exist here.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Guessing staff passwords: failed and successful POSTs to the admin login, per client IP (config/urls.py).
ADMIN_LOGIN_RATE_LIMIT = os.environ.get("ADMIN_LOGIN_RATE_LIMIT", "10/m")
