from django.http import HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """Answer 400 to a query string or path with a NUL byte: no page takes one, and PostgreSQL
    refuses them in text, so letting one through could only end in a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in v for values in request.GET.lists() for v in values[1]):
            return HttpResponseBadRequest("Bad request: the address contains a NUL character.")
        return self.get_response(request)
