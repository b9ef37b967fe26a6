import json
import logging
import time

from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import cc_delim_re

logger = logging.getLogger("careers.requests")


class RejectNulBytesMiddleware:
    """Answer 400 to a query string or path with a NUL byte: no page takes one, and PostgreSQL
    refuses them in text, so letting one through could only end in a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in v for values in request.GET.lists() for v in values[1]):
            return HttpResponseBadRequest("Bad request: the address contains a NUL character.")
        return self.get_response(request)


def log_request(method, path, status, started, cache, size):
    """The request's log line (JSON): method, path, status, duration since ``started``
    (``time.perf_counter()``), cache use and body size. Written by RequestLogMiddleware, and by
    careers.page_hits for the hits it serves before Django."""
    logger.info(
        json.dumps(
            {
                "method": method,
                "path": path[:300],
                "status": status,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "cache": cache,
                "bytes": size,
            }
        )
    )


class RequestLogMiddleware:
    """One structured (JSON) log line per request: method, path, status, duration and cache use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        size = len(response.content) if not response.streaming else None
        cache = response.headers.get("X-Page-Cache", "")
        log_request(request.method, request.path, response.status_code, started, cache, size)
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, without ``Vary: Accept-Language``. Every address names its language (/hi/… is Hindi,
    every other address English: i18n_patterns with prefix_default_language=False), so what a
    browser asks for in Accept-Language never changes a page; Django still adds the header to the
    English pages, which would make a shared cache keep a copy of each per Accept-Language."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [name for name in cc_delim_re.split(response["Vary"]) if name.lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
