"""Page-cache hits served in front of Django (careers/page_hits.py): the same response Django's own
hit would be, without its request cycle; everything else left to Django."""

import io
import logging
import re
from http.cookies import SimpleCookie
from urllib.parse import quote

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from careers import caching, form_tokens, shortlist
from careers.page_hits import PageHits

pytestmark = pytest.mark.django_db
URL = "/careers/nurse/"  # a page with the shortlist's form: the visitor's token on every hit
PLAIN_URL = "/compare/"  # a page without a form
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class Counted:
    """Django's WSGI application, counting the requests that reach it."""

    def __init__(self):
        self.app, self.calls = WSGIHandler(), 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.app(environ, start_response)


@pytest.fixture
def django_app(settings):
    settings.PAGE_CACHE_STALE_SECONDS = 60  # a worker keeps the pages it served (off in the tests)
    return Counted()


@pytest.fixture
def front(django_app):
    return PageHits(django_app)


def call(app, path, method="get", **headers):
    """(status, headers as a list, body) of ``app`` for a request to ``path``. As Django's test
    client does, the request's signals do not close the database connection (the test's
    transaction would go with it, on PostgreSQL)."""
    environ = getattr(RequestFactory(), method)(path, **headers).environ
    environ["wsgi.input"] = io.BytesIO(b"")
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=status, headers=response_headers)

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = app(environ, start_response)
        body = b"".join(chunks)
        getattr(chunks, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body


def cookies_of(headers):
    jar = SimpleCookie()
    for name, value in headers:
        if name == "Set-Cookie":
            jar.load(value)
    return jar


def without_token(body):
    return TOKEN.sub(b'name="csrfmiddlewaretoken" value=""', body)


def comparable(headers):
    """The headers, without the ones that differ between two responses to the same request."""
    return sorted((k, v) for k, v in headers if k not in ("Set-Cookie", "Date"))


def test_a_page_this_worker_holds_is_served_without_django(front, django_app):
    first = call(front, PLAIN_URL)
    assert django_app.calls == 1 and dict(first[1])["X-Page-Cache"] == "miss"
    second = call(front, PLAIN_URL)
    assert django_app.calls == 1  # served in front of Django
    assert second[0] == "200 OK" and dict(second[1])["X-Page-Cache"] == "hit" and second[2] == first[2]


@pytest.mark.parametrize("url", [URL, PLAIN_URL])
@pytest.mark.parametrize("https", [False, True])
def test_a_hit_served_here_is_djangos_own_hit(settings, url, https):
    settings.PAGE_CACHE_STALE_SECONDS = 60
    settings.SECURE_HSTS_SECONDS = 3600  # (0 in the tests: DEBUG)
    django_app = Counted()
    front = PageHits(django_app)
    headers = {"HTTP_X_FORWARDED_PROTO": "https"} if https else {}
    call(front, url, **headers)  # a miss: rendered and kept
    ours = call(front, url, **headers)
    djangos = call(django_app, url, **headers)  # PageCacheMiddleware's hit from the same memory
    assert django_app.calls == 2
    assert dict(ours[1])["X-Page-Cache"] == dict(djangos[1])["X-Page-Cache"] == "hit"
    assert ours[0] == djangos[0] and comparable(ours[1]) == comparable(djangos[1])
    assert ("Strict-Transport-Security" in dict(ours[1])) is https  # SecurityMiddleware's, as for Django's hit
    assert without_token(ours[2]) == without_token(djangos[2])
    assert set(cookies_of(ours[1])) == set(cookies_of(djangos[1]))


def test_a_new_visitor_on_a_hit_here_gets_a_cookie_and_token_django_accepts(front, django_app):
    call(front, URL)
    status, headers, body = call(front, URL)
    assert django_app.calls == 1
    secret = cookies_of(headers)["csrftoken"].value
    token = TOKEN.search(body).group(1).decode()
    assert _unmask_cipher_token(token) == secret
    visitor = Client(enforce_csrf_checks=True)
    visitor.cookies["csrftoken"] = secret
    response = visitor.post("/shortlist/", {"csrfmiddlewaretoken": token, "career": "nurse", "action": "add"})
    assert response.status_code == 302 and visitor.session[shortlist.SESSION_KEY] == ["nurse"]


def test_a_returning_visitor_keeps_their_secret_on_a_hit_here(front, django_app):
    secret = form_tokens.random_chars(32)
    call(front, URL)
    status, headers, body = call(front, URL, HTTP_COOKIE=f"csrftoken={secret}")
    assert django_app.calls == 1
    assert cookies_of(headers)["csrftoken"].value == secret
    assert _unmask_cipher_token(TOKEN.search(body).group(1).decode()) == secret


@pytest.mark.parametrize(
    "request_",
    [
        pytest.param({"method": "post"}, id="POST"),
        pytest.param({"method": "head"}, id="HEAD"),
        pytest.param({"HTTP_COOKIE": "sessionid=abc"}, id="a session cookie"),
        pytest.param({"HTTP_COOKIE": "csrftoken=not-a-secret"}, id="a CSRF cookie Django must replace"),
        pytest.param({"HTTP_IF_NONE_MATCH": '"x"'}, id="a conditional request"),
        pytest.param({"path": URL + "?other=1"}, id="an address not held"),
    ],
)
def test_other_requests_go_to_django(front, django_app, request_):
    request_ = dict(request_)
    call(front, URL)
    call(front, request_.pop("path", URL), **request_)
    assert django_app.calls == 2


def test_an_address_django_refuses_gets_djangos_answer(front, django_app, settings):
    settings.DEBUG = False
    call(front, URL)
    status, headers, body = call(front, URL, HTTP_HOST="evil.example.com")
    assert django_app.calls == 2 and status.startswith("400")


def test_plain_http_goes_to_django_for_its_redirect_when_https_is_required(settings):
    settings.PAGE_CACHE_STALE_SECONDS = 60
    settings.SECURE_SSL_REDIRECT = True
    django_app = Counted()
    front = PageHits(django_app)
    call(front, URL, HTTP_X_FORWARDED_PROTO="https")
    status, headers, body = call(front, URL)
    assert django_app.calls == 2 and status.startswith("301")  # (the first call was the miss)
    assert dict(headers)["Location"] == "https://testserver" + URL
    status, headers, body = call(front, URL, HTTP_X_FORWARDED_PROTO="https")
    assert django_app.calls == 2 and status == "200 OK"  # (a hit served here)


def test_after_a_content_change_the_page_is_rendered_again(front, django_app):
    call(front, URL)
    caching.bump()
    status, headers, body = call(front, URL)
    assert django_app.calls == 2 and dict(headers)["X-Page-Cache"] == "miss"


def test_a_hit_served_here_is_logged_as_djangos_would_be(front, django_app, caplog):
    call(front, URL)
    with caplog.at_level(logging.INFO, logger="careers.requests"):
        status, headers, body = call(front, URL)
    (line,) = [r.getMessage() for r in caplog.records if r.name == "careers.requests"]
    assert '"path": "/careers/nurse/"' in line and '"cache": "hit"' in line and f'"bytes": {len(body)}' in line


def test_it_refuses_to_start_with_middleware_above_the_page_cache_it_does_not_stand_in_for(settings):
    settings.MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *settings.MIDDLEWARE]
    with pytest.raises(ImproperlyConfigured, match="GZipMiddleware"):
        PageHits(WSGIHandler())


def test_the_sites_wsgi_application_serves_hits_in_front_of_django():
    from careerportal import wsgi

    assert isinstance(wsgi.application, PageHits) and wsgi.application.app is wsgi.django_application


cookie_text = st.text(alphabet=st.characters(codec="latin-1", exclude_characters="\r\n"), max_size=80)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=60), cookie=cookie_text | st.builds("csrftoken={}".format, cookie_text))
def test_any_query_or_cookie_gets_the_answer_django_gives(front, django_app, query, cookie):
    path = f"{URL}?{quote(query)}" if query else URL
    call(front, path, HTTP_COOKIE=cookie)  # (a miss, held from here on where it may be)
    ours = call(front, path, HTTP_COOKIE=cookie)
    djangos = call(django_app, path, HTTP_COOKIE=cookie)
    assert ours[0] == djangos[0] and int(ours[0][:3]) < 500
    assert comparable(ours[1]) == comparable(djangos[1])
    assert without_token(ours[2]) == without_token(djangos[2])
