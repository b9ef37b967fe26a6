"""The pages each worker keeps in its own memory (caching.RecentPages): hits without a round trip to
the shared cache, for at most PAGE_CACHE_STALE_SECONDS after the catalogue version was read."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from careers import caching
from careers import models as m
from careers.caching import recent_pages

pytestmark = pytest.mark.django_db
URL = "/careers/nurse/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(recent_pages, "clock", fake)
    return fake


@pytest.fixture
def window(settings, clock):
    """A worker that trusts the catalogue version it read for 2 (fake) seconds."""
    settings.PAGE_CACHE_STALE_SECONDS = 2
    return clock


@pytest.fixture
def cache_reads(monkeypatch):
    """The names of the shared cache's read methods called, in order (local memory's ``get_many``
    calls its ``get`` for each key; careers/tests/test_redis_cache.py counts Redis's round trips)."""
    reads = []
    for name in ("get", "get_many"):
        original = getattr(cache, name)
        monkeypatch.setattr(cache, name, lambda *a, _f=original, _n=name, **k: reads.append(_n) or _f(*a, **k))
    return reads


def edit_nurse_faq(text, capture):
    faq = m.FAQ.objects.filter(career__slug="nurse").first()
    faq.answer = text
    with capture(execute=True):
        faq.save()


def test_without_a_window_an_edit_shows_on_the_next_request(client, django_capture_on_commit_callbacks, settings):
    assert settings.PAGE_CACHE_STALE_SECONDS == 0  # the tests' default
    client.get(URL)
    assert client.get(URL)["X-Page-Cache"] == "hit"
    edit_nurse_faq("Answered at once.", django_capture_on_commit_callbacks)
    response = client.get(URL)
    assert response["X-Page-Cache"] == "miss" and "Answered at once." in response.content.decode()
    assert recent_pages.size == 0  # nothing kept in the process


def test_within_the_window_a_hit_reads_nothing_from_the_shared_cache(client, window, cache_reads):
    client.get(URL)
    cache_reads.clear()
    window.now += 1.9
    response = client.get(URL)
    assert response["X-Page-Cache"] == "hit" and cache_reads == []
    assert int(response["Content-Length"]) == len(response.content)
    window.now += 0.1  # the version read at the miss is 2 s old: read it again (with the page)
    assert client.get(URL)["X-Page-Cache"] == "hit" and cache_reads[0] == "get_many"


def test_another_workers_edit_shows_once_the_window_has_passed(
    client, window, django_capture_on_commit_callbacks, monkeypatch
):
    client.get(URL)
    with monkeypatch.context() as other_worker:  # (this worker does not hear of the new version)
        other_worker.setattr(recent_pages, "read", lambda version: None)
        edit_nurse_faq("Answered a little later.", django_capture_on_commit_callbacks)
    window.now += 1.5
    stale = client.get(URL)
    assert stale["X-Page-Cache"] == "hit" and "Answered a little later." not in stale.content.decode()
    window.now += 0.5
    fresh = client.get(URL)
    assert fresh["X-Page-Cache"] == "miss" and "Answered a little later." in fresh.content.decode()


def test_pages_kept_for_an_older_version_are_dropped(client, window):
    client.get(URL)
    client.get("/careers/pharmacist/")
    assert recent_pages.size > 0
    caching.bump()  # another worker's edit
    window.now += 2
    assert client.get(URL)["X-Page-Cache"] == "miss"
    assert recent_pages.get(caching.page_key(client.get(URL).wsgi_request)) is not None
    assert len(recent_pages._pages) == 1  # the pharmacist's page, kept for the old version, is gone


def test_the_kept_pages_stay_within_their_memory_bound(client, window, settings, cache_reads):
    urls = [f"{URL}?from={n}" for n in range(3)]  # three keys, pages of (about) one size
    client.get(urls[0])
    one_page = recent_pages.size
    settings.PAGE_CACHE_MEMORY_KB = one_page * 2.5 / 1024  # room for two
    client.get(urls[1])
    client.get(urls[0])  # the first is now the most recently served
    client.get(urls[2])  # so the second is dropped
    assert one_page * 2 <= recent_pages.size <= settings.PAGE_CACHE_MEMORY_KB * 1024
    cache_reads.clear()
    assert client.get(urls[0])["X-Page-Cache"] == "hit" and cache_reads == []
    assert client.get(urls[1])["X-Page-Cache"] == "hit" and cache_reads[0] == "get_many"  # from the shared cache


def test_a_page_larger_than_the_bound_is_not_kept(client, window, settings):
    settings.PAGE_CACHE_MEMORY_KB = 1
    client.get(URL)
    assert client.get(URL)["X-Page-Cache"] == "hit"  # from the shared cache
    assert recent_pages.size == 0


def test_kept_pages_do_not_leak_across_languages_or_query_strings(client, window):
    urls = [URL, "/hi" + URL, "/careers/", "/careers/?page=2"]
    misses = {url: client.get(url) for url in urls}
    for _ in range(2):
        hits = {url: client.get(url) for url in urls}
        assert all(r["X-Page-Cache"] == "hit" for r in hits.values())
        assert all(untokened(hits[url]) == untokened(misses[url]) for url in urls)
    assert '<html lang="en-IN"' in untokened(hits[URL]) and '<html lang="hi"' in untokened(hits["/hi" + URL])
    assert untokened(hits["/careers/?page=2"]) != untokened(hits["/careers/"])


def untokened(response):
    """The page without its CSRF tokens (each response has its own)."""
    return TOKEN.sub("", response.content.decode())


def test_a_hit_from_memory_carries_the_visitors_own_csrf_token(window, cache_reads):
    from careers import shortlist

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    miss = first.get(URL)
    cache_reads.clear()
    hit = second.get(URL)
    assert miss["X-Page-Cache"] == "miss" and hit["X-Page-Cache"] == "hit" and cache_reads == []
    tokens = [TOKEN.search(r.content.decode()).group(1) for r in (miss, hit)]
    assert tokens[0] != tokens[1] and "<" not in tokens[1]
    assert "csrftoken" in hit.cookies
    for client, token in ((first, tokens[0]), (second, tokens[1])):
        response = client.post("/shortlist/", {"csrfmiddlewaretoken": token, "career": "nurse", "action": "add"})
        assert response.status_code == 302 and client.session[shortlist.SESSION_KEY] == ["nurse"]


def test_visitors_with_a_session_are_not_served_kept_pages(client, window):
    client.get(URL)
    client.post("/shortlist/", {"career": "nurse", "action": "add"})
    response = client.get(URL)
    assert "X-Page-Cache" not in response and "On your shortlist" in response.content.decode()


def test_within_the_window_values_kept_per_version_read_no_version(window, cache_reads):
    computed = []
    assert caching.per_version_in_process("numbers", lambda: computed.append(1) or 42) == 42
    reads = len(cache_reads)
    window.now += 1.9
    assert caching.per_version_in_process("numbers", lambda: computed.append(1) or 42) == 42
    assert len(cache_reads) == reads and computed == [1]
    window.now += 0.1  # the window has passed: the version is read again
    caching.per_version_in_process("numbers", lambda: 0)
    assert cache_reads[reads:] == ["get"]


def test_an_edit_in_this_process_shows_at_once_within_the_window(client, window, django_capture_on_commit_callbacks):
    client.get(URL)
    assert client.get(URL)["X-Page-Cache"] == "hit"
    edit_nurse_faq("Seen by its own worker at once.", django_capture_on_commit_callbacks)
    response = client.get(URL)  # (no time has passed)
    assert response["X-Page-Cache"] == "miss" and "Seen by its own worker at once." in response.content.decode()
