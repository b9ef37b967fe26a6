"""Whole-page caching of public pages, invalidated by a catalogue version number.

Every content change bumps the version (signals for saves and deletes, explicit bumps after
bulk writes), so the next request renders afresh: an edit shows at once. Only requests
without a session cookie are served from the cache: a visitor's compare tray or a staff
preview never leaks into a cached page.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

VERSION_KEY = "catalogue-version"


def catalogue_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(time.time() * 1000)
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump():
    """Invalidate every cached page (call after any content change)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(VERSION_KEY, int(time.time() * 1000), timeout=None)


def _key(request):
    query = hashlib.sha256(request.META.get("QUERY_STRING", "").encode()).hexdigest()[:16]
    return f"page:{catalogue_version()}:{request.get_host()}:{request.path}:{query}"


def cached_page(view):
    """Serve a GET view's 200 responses from the cache for visitors without a session."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable = request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES
        if not cacheable:
            return view(request, *args, **kwargs)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper


def on_content_change(sender, **kwargs):
    """Signal receiver: any save or delete of a careers model invalidates the page cache."""
    if sender._meta.app_label == "careers":
        bump()
