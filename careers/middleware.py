import json
import logging
import time

from django.http import HttpResponseBadRequest

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


class RequestLogMiddleware:
    """One structured (JSON) log line per request: method, path, status, duration and cache use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        logger.info(
            json.dumps(
                {
                    "method": request.method,
                    "path": request.path[:300],
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "cache": response.headers.get("X-Page-Cache", ""),
                    "bytes": len(response.content) if not response.streaming else None,
                }
            )
        )
        return response
