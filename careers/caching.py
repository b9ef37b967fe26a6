"""Whole-page caching of public pages, invalidated by a catalogue version number.

Every committed content change bumps the version (through the write hook in ``changes.py``),
so the next request renders afresh: an edit shows at once in the worker that saved it, and within
PAGE_CACHE_STALE_SECONDS in the others, which trust the version they last read for that long
(``RecentPages``). Only requests
without a session cookie are served from the cache: a visitor's compare tray or a staff
preview never leaks into a cached page.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers

from careers import form_tokens

VERSION_KEY = "catalogue-version"
# Cached pages carry POST forms (the shortlist's buttons). Their CSRF field holds this marker, which
# PageCacheMiddleware replaces with the visitor's own token on every response, hit or miss. It
# cannot come from escaped text: "<" would be "&lt;" there.
FORM_TOKEN_MARKER = "<csrf-token-of-this-visitor>"
_MARKER = FORM_TOKEN_MARKER.encode()


def catalogue_version():
    """The catalogue's version: the one this process read less than PAGE_CACHE_STALE_SECONDS ago
    (no round trip; see RecentPages), or the shared cache's."""
    version = recent_pages.trusted_version()
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(time.time() * 1000)
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    recent_pages.read(version)
    return version


def bump():
    """Invalidate every cached page (call after any content change). This process sees the new
    version at once; the others within PAGE_CACHE_STALE_SECONDS."""
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted)
        version = int(time.time() * 1000)
        cache.set(VERSION_KEY, version, timeout=None)
    recent_pages.read(version)


def page_key(request):
    """The page's key, one per address (the catalogue version is stored with the page, so that a
    hit costs one round trip to the cache: the page and the version are read together). The host
    is Django's (``get_host()`` refuses one ALLOWED_HOSTS does not name)."""
    # Hashed: paths can hold any character and any length; cache backends want short ASCII keys.
    address = "\n".join([request.get_host(), request.path, request.META.get("QUERY_STRING", "")])
    # "page2": the stored body is split at FORM_TOKEN_MARKER (the "page:" entries held it whole).
    return f"page2:{hashlib.sha256(address.encode()).hexdigest()}"


def lookup(key):
    """(what is cached under ``key`` or None, the current catalogue version): one ``get_many``, one
    round trip. The value is stored as ``(version, *value)``, and one stored under an older version
    is a miss (it is overwritten when it is stored again). For whole pages, and for what a key
    that names no version keeps (careers/career_page.py)."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        return None, catalogue_version()
    recent_pages.read(version)
    page = found.get(key)
    if page is None or page[0] != version:
        return None, version
    return page[1:], version


def cached_page(view):
    """Mark a view's pages as cacheable; PageCacheMiddleware stores and serves them."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        request.page_cacheable = True
        return view(request, *args, **kwargs)

    return wrapper


# Headers that belong to one response, not to the page.
_NOT_REPLAYED = {"set-cookie", "x-page-cache", "content-length", "date"}


class RecentPages:
    """The pages this process served lately, so that most hits need no round trip to the cache.

    One round trip to a shared cache costs a worker as much CPU as a whole "hello world" request.
    Each worker therefore keeps the pages it served in its own memory, for the catalogue version it
    last read from the shared cache, and reads that version again only once it is more than
    PAGE_CACHE_STALE_SECONDS old (``catalogue_version()`` trusts it as well, for every value kept
    per version): after another worker's edit, a worker may serve the previous page for that long.
    0 turns this off (every hit asks the shared cache: an edit shows at once). At most
    PAGE_CACHE_MEMORY_KB of pages are kept, the least recently served dropped first.
    """

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self._lock = threading.Lock()  # (for gunicorn's threaded workers)
        self.forget()

    def forget(self):
        """Drop every page and the version, as a new worker starts (for tests)."""
        self._pages = OrderedDict()  # key -> (bytes, pieces, headers), least recently served first
        self.size = 0
        self._version, self._read_at = None, None

    def trusted_version(self):
        """The catalogue version read less than PAGE_CACHE_STALE_SECONDS ago, or None."""
        if self._read_at is None or self.clock() - self._read_at >= settings.PAGE_CACHE_STALE_SECONDS:
            return None
        return self._version

    def read(self, version):
        """``version`` was just read from the shared cache: trust it for the next few seconds, and
        drop the pages kept for another one."""
        if settings.PAGE_CACHE_STALE_SECONDS <= 0:
            return
        with self._lock:
            if version != self._version:
                self._pages.clear()
                self.size = 0
                self._version = version
            self._read_at = self.clock()

    def get(self, key):
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            self._pages.move_to_end(key)
            return page[1:]

    def keep(self, key, version, pieces, headers):
        """Keep a page stored (or found) in the shared cache under ``version``."""
        limit = settings.PAGE_CACHE_MEMORY_KB * 1024
        size = sum(map(len, pieces)) + sum(len(k) + len(v) for k, v in headers.items())
        with self._lock:
            if version != self._version or size > limit:  # (off, or rendered under an older version)
                return
            old = self._pages.pop(key, None)
            self.size += size - (old[0] if old else 0)
            self._pages[key] = (size, pieces, headers)
            while self.size > limit:
                self.size -= self._pages.popitem(last=False)[1][0]


recent_pages = RecentPages()


class PageCacheMiddleware:
    """Serve cached pages before the rest of the stack runs (sessions, auth, CSP, templates…).

    It sits near the top of MIDDLEWARE, so a miss stores the response with every header the inner
    middleware added (CSP, ETag, X-Frame-Options…) and a hit replays them. A hit is served from the
    worker's memory (``RecentPages``) while its catalogue version is trusted, otherwise with one
    cache read (the page and the catalogue version together). Only GET/HEAD requests without a
    session cookie are involved; a view opts in with ``@cached_page`` and only 200 responses that
    set no cookie are stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return with_form_tokens(request, self.get_response(request))
        key = page_key(request)
        hit = recent_pages.get(key) if recent_pages.trusted_version() is not None else None
        if hit is not None:
            return self._replay(request, *hit)
        hit, version = lookup(key)
        if hit is not None:
            recent_pages.keep(key, version, *hit)
            return self._replay(request, *hit)
        response = self.get_response(request)
        if (
            getattr(request, "page_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            # Stored under the version read before the view ran: a change committed meanwhile
            # moved the version, so this page is never served as current. The body is kept in
            # pieces around the form-token markers, so that a hit joins them around the
            # visitor's token instead of searching 50-100 KB for the marker.
            pieces = tuple(response.content.split(_MARKER))
            if len(pieces) > 1:  # each visitor's token and cookie: stored as varying by cookie, once
                patch_vary_headers(response, ("Cookie",))
            headers = {k: v for k, v in response.items() if k.lower() not in _NOT_REPLAYED}
            cache.set(key, (version, pieces, headers), settings.PAGE_CACHE_SECONDS)
            recent_pages.keep(key, version, pieces, headers)
            response["X-Page-Cache"] = "miss"
        return with_form_tokens(request, response)

    @staticmethod
    def _replay(request, pieces, headers):
        etag = headers.get("ETag")
        if etag and etag in request.META.get("HTTP_IF_NONE_MATCH", ""):  # (request.headers copies every header)
            response = HttpResponseNotModified()
            response["ETag"] = etag
            response["X-Page-Cache"] = "hit"
            return response

        def page(token=b""):
            content, replayed = hit(pieces, headers, token)
            response = HttpResponse(content)
            for name, value in replayed:
                response[name] = value
            return response

        return form_tokens.on_hit(request, page) if len(pieces) > 1 else page()


def hit(pieces, headers, token=b""):
    """(the body, its headers as a list) of a hit on a page stored as ``pieces`` and ``headers``,
    with the visitor's ``token`` joined in: what PageCacheMiddleware and careers.page_hits serve."""
    content = token.join(pieces)
    # (Content-Length: without it the server would send the page in chunks, one more copy of it.)
    return content, [*headers.items(), ("Content-Length", str(len(content))), ("X-Page-Cache", "hit")]


def with_form_tokens(request, response):
    """The response with FORM_TOKEN_MARKER replaced by the visitor's CSRF token."""
    if response.streaming or _MARKER not in response.content:
        return response

    def fill(token):
        response.content = response.content.replace(_MARKER, token)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response

    return form_tokens.through_django(request, fill)


def per_version(name, compute):
    """``compute()``, kept in the cache until the catalogue changes (the version is in the key), one
    per language: for lists every visitor sees, such as the vocabularies a form offers. ``compute``
    must not return None. Kept CATALOGUE_CACHE_SECONDS at most: every edit makes a new version, and
    the old versions' values must not pile up in Redis."""
    key = f"{name}:{translation.get_language()}:{catalogue_version()}"  # names and labels differ by language
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.CATALOGUE_CACHE_SECONDS)
    return value


_in_process = {}  # (name, language) -> (catalogue version, value)


def per_version_in_process(name, compute):
    """``compute()``, kept in this process until the catalogue changes, one per language: for what
    every request of a page needs and is costly to read even from the cache (the finder's
    catalogue, its form's choices)."""
    version, language = catalogue_version(), translation.get_language()
    kept = _in_process.get((name, language))
    if kept is None or kept[0] != version:
        kept = _in_process[(name, language)] = (version, compute())
    return kept[1]


def forget_in_process():
    """Drop what ``per_version_in_process`` keeps, as a new worker starts (for tests)."""
    _in_process.clear()
