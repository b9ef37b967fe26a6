"""Page-cache hits served in front of Django: a WSGI wrapper around the site's application
(careerportal/wsgi.py), so that a hit on a page this worker already holds costs none of Django's
request cycle (its signals, the middleware's calls, the request and response objects).

It serves only what PageCacheMiddleware would serve from the worker's memory (``RecentPages``),
byte for byte: a GET without a session cookie, for a page kept under the catalogue version the
worker trusts. It does what the middleware above the page cache does for such a hit, with their own
code: the request's log line (``middleware.log_request``) and SecurityMiddleware's redirect check
and headers (taken from the middleware itself, once per setting). Everything else goes to Django
as before: a miss, a page only the shared cache holds, a conditional request, a HEAD, a POST, an
address Django must refuse (its ``get_host()`` decides), a visitor whose CSRF cookie Django must
read. ``PageHits`` refuses to start if MIDDLEWARE puts anything else above the page cache, since a
hit here would skip it (careers/tests/test_page_hits.py).
"""

import logging
import time

from django.conf import settings
from django.core.exceptions import DisallowedHost, ImproperlyConfigured
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware

from careers import form_tokens
from careers.caching import hit, page_key, recent_pages
from careers.middleware import log_request

logger = logging.getLogger(__name__)
PAGE_CACHE = "careers.caching.PageCacheMiddleware"
# What MIDDLEWARE may hold above the page cache: what a hit here stands in for.
STANDS_IN_FOR = ("careers.middleware.RequestLogMiddleware", "django.middleware.security.SecurityMiddleware")


def check_middleware():
    above = settings.MIDDLEWARE[: settings.MIDDLEWARE.index(PAGE_CACHE)]
    unknown = [name for name in above if name not in STANDS_IN_FOR]
    if unknown:
        raise ImproperlyConfigured(
            f"careers.page_hits serves cache hits without the middleware above {PAGE_CACHE}; "
            f"it does not know what these do for a hit: {', '.join(unknown)}"
        )


_security = {}  # "middleware" -> SecurityMiddleware; (is the request secure?) -> headers it adds


@receiver(setting_changed)
def _forget_security(setting, **kwargs):
    if setting.startswith("SECURE_") or setting == "MIDDLEWARE":
        _security.clear()


def _security_middleware():
    middleware = _security.get("middleware")
    if middleware is None:
        middleware = _security["middleware"] = SecurityMiddleware(lambda request: None)
    return middleware


def _security_headers(request):
    """The headers SecurityMiddleware adds to a response for ``request`` (they depend only on the
    settings and on whether the request came over HTTPS), written by the middleware itself on an
    empty response once per setting."""
    secure = request.is_secure()
    headers = _security.get(secure)
    if headers is None:
        blank = HttpResponse()
        before = set(blank.headers)
        added = _security_middleware().process_response(request, blank)
        headers = _security[secure] = [(k, v) for k, v in added.items() if k not in before]
    return headers


class PageHits:
    """The WSGI application ``app`` (Django's), with the hits described above served before it."""

    def __init__(self, app):
        check_middleware()
        self.app = app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        try:
            served = self.serve(environ)
        except Exception:  # a shortcut only: Django answers whatever it cannot serve
            logger.exception("careers.page_hits: left to Django")
            served = None
        if served is None:
            return self.app(environ, start_response)
        request, headers, body = served
        start_response("200 OK", headers)
        log_request(request.method, request.path, 200, started, "hit", len(body))
        return [body]

    @staticmethod
    def serve(environ):
        """(the request, the response's headers, its body) for a hit served here, or None."""
        if environ.get("REQUEST_METHOD") != "GET" or recent_pages.trusted_version() is None:
            return None
        if settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", ""):
            return None  # (may be the session cookie: Django decides)
        if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
            return None  # (PageCacheMiddleware answers 304 where the ETag matches)
        request = WSGIRequest(environ)
        try:
            key = page_key(request)
        except DisallowedHost:
            return None
        page = recent_pages.get(key)
        if page is None or _security_middleware().process_request(request) is not None:
            return None  # (not kept here; or SecurityMiddleware redirects it to HTTPS)
        pieces, stored = page
        token, cookie = b"", None
        if len(pieces) > 1:  # the visitor's own form token and CSRF cookie
            secret = form_tokens.cookie_secret(request.COOKIES)
            if secret is None:
                return None
            token, cookie = form_tokens.for_visitor(secret)
        body, headers = hit(pieces, stored, token)
        if cookie is not None:
            headers.append(("Set-Cookie", cookie.OutputString()))
        named = {name.lower() for name in stored}
        headers.extend((k, v) for k, v in _security_headers(request) if k.lower() not in named)
        return request, headers, body
