"""Fast settings for the test suite: the production module plus test-only speed-ups."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {**LOGGING, "loggers": {"careers.requests": {"handlers": [], "level": "WARNING", "propagate": False}}}  # noqa: F405
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
SECURE_SSL_REDIRECT = False
PAGE_CACHE_STALE_SECONDS = 0  # an edit shows on the next request (tests of the window set their own)
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
