"""The ceiling: a minimal Django "hello world" served by the same gunicorn as the site.

Django's request/response cycle and URL resolution only: no middleware, no database, no
templates, no apps. The benchmark (``bench/runner.py``) starts it next to the site with the same
gunicorn settings.
"""

import os

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("Hello, world!\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", hello)]

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "hello-world-benchmark-only"),
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    USE_TZ=True,
    LOGGING_CONFIG=None,
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402 (after settings.configure)

application = get_wsgi_application()
