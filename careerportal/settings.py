"""Settings for the careers portal: one module, configured from the environment.

Every variable read here is listed in the README's configuration table.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def envint(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name, default):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


DEBUG = envbool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "For local development run with DJANGO_DEBUG=1 (as `make run` does)."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin (django-modeltranslation's rule)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "csp",
    "axes",
    "careers",
]

MIDDLEWARE = [
    "careers.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",  # (above the page cache: the HTTPS redirect comes first)
    "careers.caching.PageCacheMiddleware",  # cache hits skip everything below
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "careers.middleware.RejectNulBytesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "careers.middleware.LocaleMiddleware",  # /hi/… is Hindi; every other address English
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerportal.urls"

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
                "careers.context_processors.shortlist",
                "careers.context_processors.languages",
                "careers.context_processors.origin",
            ],
        },
    },
]

WSGI_APPLICATION = "careerportal.wsgi.application"

# SQLite in the project folder unless DATABASE_URL points elsewhere (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
# Search's typo matching (careers/search/candidates.py) asks the trigram index for names with a word
# similarity of 0.3 or more (pg_trgm's default is 0.6, too strict for "docter"): set per connection.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c pg_trgm.word_similarity_threshold=0.3"
# PostgreSQL connection pool (psycopg_pool) in each app server process; on by default in production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and envbool("DJANGO_DB_POOL", not DEBUG):
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": envint("DJANGO_DB_POOL_MIN", 2),
        "max_size": envint("DJANGO_DB_POOL_MAX", 10),
    }

# Local memory per process by default; a shared Redis when REDIS_URL (or CACHE_URL) is set, through
# django-redis, which keeps its redis-py client (Django's own backend builds one per cache call,
# about 0.1 ms, as long as the round trip itself).
CACHE_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL") or ""
REDIS_CACHE_BACKEND = "django_redis.cache.RedisCache"
if CACHE_URL:
    CACHES = {"default": {"BACKEND": REDIS_CACHE_BACKEND, "LOCATION": CACHE_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = envint("DJANGO_PAGE_CACHE_SECONDS", 600)
# Each worker also keeps the public pages it served in its own memory (caching.RecentPages), up to
# PAGE_CACHE_MEMORY_KB, and trusts the catalogue version it last read from the shared cache for
# PAGE_CACHE_STALE_SECONDS (for every value kept per version too): a hit until then costs no round
# trip, and an edit may take that long to show in other workers (0: every hit asks, an edit shows
# at once).
PAGE_CACHE_MEMORY_KB = envint("DJANGO_PAGE_CACHE_MEMORY_KB", 4096)
PAGE_CACHE_STALE_SECONDS = envint("DJANGO_PAGE_CACHE_STALE_SECONDS", 1)
# Values kept per catalogue version (caching.per_version, the finder's catalogue, search's synonyms):
# every edit makes a new version, so those of old versions must expire rather than pile up in Redis.
CATALOGUE_CACHE_SECONDS = envint("DJANGO_CATALOGUE_CACHE_SECONDS", 24 * 3600)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # locks the admin login after repeated failures
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_HTTP_RESPONSE_CODE = 429
AXES_IPWARE_PROXY_COUNT = envint("DJANGO_PROXY_COUNT", 1)

# Where the admin lives (a less guessable path cuts login noise).
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at unprefixed addresses, Hindi under /hi/ (careerportal/urls.py, careers/languages.py).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("hi", "हिन्दी")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Digits grouped the Indian way (12,34,567) in both languages, where a number is formatted with
# grouping: money.indian_number, the ``indian_number`` filter, humanize's ``intcomma``. Grouping is
# not switched on for every number (USE_THOUSAND_SEPARATOR stays off): page numbers in links and
# numbers in HTML attributes (maxlength="3000") must stay plain.
FORMAT_MODULE_PATH = ["careerportal.formats"]
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
# Content translations (django-modeltranslation, registered in careers/translation.py): a column per
# language; English is the source every translation falls back to.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "hi")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

CATALOGUE_DIR = Path(os.environ.get("CATALOGUE_DIR", BASE_DIR / "fixtures"))

# The site runs behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# A visitor's shortlist and plan notes live in the session and end with it (the plan page says so).
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
CSRF_COOKIE_SECURE = not DEBUG
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts and styles only from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        # One JSON line per request (careers.middleware.RequestLogMiddleware).
        "careers.requests": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
