"""The page cache on a shared Redis (production), when a Redis server is reachable."""

import os
import socket

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from careers import models as m

pytestmark = pytest.mark.django_db
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
URL = "/careers/nurse/"


def _redis_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache():
    if not _redis_up():
        if os.environ.get("CI"):
            pytest.fail("CI must test the Redis cache, but no Redis answers on 127.0.0.1:6379")
        pytest.skip("no Redis server on 127.0.0.1:6379")
    with override_settings(CACHES={"default": {"BACKEND": settings.REDIS_CACHE_BACKEND, "LOCATION": REDIS_URL}}):
        cache.clear()
        yield cache
        cache.clear()


def test_pages_are_cached_in_redis_and_an_edit_shows_at_once(client, redis_cache, django_capture_on_commit_callbacks):
    from django.core.cache import caches
    from django_redis.cache import RedisCache

    assert isinstance(caches["default"], RedisCache)
    assert client.get(URL)["X-Page-Cache"] == "miss"
    assert client.get(URL)["X-Page-Cache"] == "hit"
    faq = m.FAQ.objects.filter(career__slug="nurse").first()
    faq.answer = "Answered again, through Redis."
    with django_capture_on_commit_callbacks(execute=True):
        faq.save()
    response = client.get(URL)
    assert response["X-Page-Cache"] == "miss"
    assert "Answered again, through Redis." in response.content.decode()


def test_healthz_checks_redis(client, redis_cache):
    assert client.get("/healthz").json()["cache"] == "ok"


def test_a_cached_page_costs_one_round_trip_to_redis(client, redis_cache, monkeypatch):
    from django.core.cache import caches

    backend = caches["default"]
    client.get(URL)  # stored
    reads = []
    for name in ("get", "get_many"):
        original = getattr(backend, name)
        monkeypatch.setattr(backend, name, lambda *a, _f=original, _n=name, **k: reads.append(_n) or _f(*a, **k))
    assert client.get(URL)["X-Page-Cache"] == "hit"
    assert reads == ["get_many"]


def test_the_redis_client_is_made_once_not_for_every_cache_call(redis_cache):
    """Django's own backend builds a redis-py client per call (about 0.1 ms, as long as a round trip)."""
    client = redis_cache.client.get_client(write=False)
    assert redis_cache.client.get_client(write=False) is client
    assert redis_cache.client.get_client(write=True) is client  # one server: reads and writes share it


def test_values_kept_per_catalogue_version_expire_in_redis(client, redis_cache, settings):
    """Every edit makes a new catalogue version: what was kept for the old ones must not stay for ever."""
    client.get("/")  # the home page's lists (caching.per_version)
    client.get("/finder/?interests=code")  # the finder's catalogue, in pieces
    client.get("/search/?q=nurse")  # search's synonyms
    raw = redis_cache.client.get_client()
    keys = [k for k in raw.keys("*") if b"catalogue-version" not in k and b"page" not in k]
    assert keys
    ttls = {k: raw.ttl(k) for k in keys}
    assert all(0 < ttl <= settings.CATALOGUE_CACHE_SECONDS for ttl in ttls.values()), ttls


def test_within_the_stale_window_a_hit_costs_no_round_trip_to_redis(client, redis_cache, settings, monkeypatch):
    """Each worker keeps the pages it served and trusts the catalogue version it read for
    PAGE_CACHE_STALE_SECONDS (a fake clock here): another worker's edit shows once they have passed."""
    from django.core.cache import caches

    from careers import caching

    now = [1000.0]
    monkeypatch.setattr(caching.recent_pages, "clock", lambda: now[0])
    settings.PAGE_CACHE_STALE_SECONDS = 1
    backend = caches["default"]
    client.get(URL)  # stored in Redis and in this process
    commands = []
    for name in ("get", "get_many", "incr"):
        original = getattr(backend, name)
        monkeypatch.setattr(backend, name, lambda *a, _f=original, _n=name, **k: commands.append(_n) or _f(*a, **k))
    assert client.get(URL)["X-Page-Cache"] == "hit"
    assert commands == []
    backend.incr(caching.VERSION_KEY)  # an edit, committed through another worker
    now[0] += 0.9
    assert client.get(URL)["X-Page-Cache"] == "hit"  # the previous page, for the rest of the window
    now[0] += 0.1
    assert client.get(URL)["X-Page-Cache"] == "miss"
    assert commands[:2] == ["incr", "get_many"]
