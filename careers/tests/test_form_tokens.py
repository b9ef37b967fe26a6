"""The visitor's CSRF token on a page served from the page cache (careers/form_tokens.py): Django's
format and cookie, made without Django's per-character random calls."""

import re
import time
from collections import Counter
from datetime import timedelta
from email.utils import parsedate_to_datetime
from http.cookies import SimpleCookie

import pytest
from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token
from django.test import Client

from careers import form_tokens, shortlist

pytestmark = pytest.mark.django_db
URL = "/careers/nurse/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def token_of(response):
    return TOKEN.search(response.content.decode()).group(1)


def as_sent(morsel):
    """The cookie as a browser reads it from the Set-Cookie header."""
    cookie = SimpleCookie()
    cookie.load(morsel.output(header=""))
    return next(iter(cookie.values()))


def attributes(morsel):
    return {key: morsel[key] for key in morsel.keys() if key != "expires"}


def a_miss_cookie(secret):
    """The CSRF cookie Django's own middleware sets on a response through the site (a visitor sending
    ``secret``, whose page used a token)."""
    from django.middleware.csrf import CsrfViewMiddleware, get_token
    from django.test import RequestFactory

    request = RequestFactory().get("/", HTTP_COOKIE=f"csrftoken={secret}")

    def view(request):
        get_token(request)
        return HttpResponse()

    return CsrfViewMiddleware(view)(request).cookies["csrftoken"]


@pytest.mark.parametrize(
    "changed",
    [
        {},
        {"CSRF_COOKIE_SECURE": True, "CSRF_COOKIE_DOMAIN": "example.in"},
        {"CSRF_COOKIE_HTTPONLY": True, "CSRF_COOKIE_SAMESITE": "Strict"},
    ],
)
def test_the_cookie_is_written_as_django_writes_it(settings, changed):
    for name, value in changed.items():
        setattr(settings, name, value)
    secret = form_tokens.random_chars(32)
    djangos = a_miss_cookie(secret)
    ours = form_tokens.CsrfCookie(secret).output(header="")
    assert ours == djangos.output(header="") or time.time() % 1 < 0.05  # (equal unless a second ended in between)
    assert attributes(as_sent(form_tokens.CsrfCookie(secret))) == attributes(as_sent(djangos))
    assert ("secure" in ours.lower().split("; ")) == settings.CSRF_COOKIE_SECURE


def a_hit(client):
    Client().get(URL)  # someone else's visit caches the page
    response = client.get(URL)
    assert response["X-Page-Cache"] == "hit"
    return response


def test_random_chars_are_drawn_from_the_whole_csrf_alphabet():
    drawn = form_tokens.random_chars(200_000)
    counts = Counter(drawn)
    assert len(drawn) == 200_000 and set(counts) == set(CSRF_ALLOWED_CHARS)
    # About 3,226 each (a standard deviation of 56): none is favoured. Bytes mapped with a plain
    # modulo would give 8 of the characters 1.25 times as many.
    assert max(counts.values()) < 1.15 * min(counts.values())


def test_a_masked_token_unmasks_to_its_secret_with_djangos_own_function():
    secret = form_tokens.random_chars(32)
    tokens = {form_tokens.masked(secret) for _ in range(5)}
    assert len(tokens) == 5  # a new mask each time (BREACH)
    assert all(len(t) == 64 and _unmask_cipher_token(t) == secret for t in tokens)
    edges = ["0" * 32, "9" * 32, CSRF_ALLOWED_CHARS[:32], CSRF_ALLOWED_CHARS[-32:]]  # first and last places
    for secret in edges + [form_tokens.random_chars(32) for _ in range(300)]:
        token = form_tokens.masked(secret)
        assert set(token) <= set(CSRF_ALLOWED_CHARS) and _unmask_cipher_token(token) == secret


def test_a_new_visitor_on_a_hit_gets_djangos_cookie_and_a_token_it_accepts():
    visitor = Client(enforce_csrf_checks=True)
    miss = Client().get("/careers/pharmacist/")  # a miss: the cookie as Django's middleware sets it
    hit = a_hit(visitor)
    ours, djangos = (as_sent(r.cookies["csrftoken"]) for r in (hit, miss))
    assert len(ours.value) == 32 and set(ours.value) <= set(CSRF_ALLOWED_CHARS)
    assert attributes(ours) == attributes(djangos)  # max-age, path, samesite…
    assert abs(parsedate_to_datetime(ours["expires"]) - parsedate_to_datetime(djangos["expires"])) < timedelta(
        seconds=5
    )
    assert "Cookie" in hit["Vary"]
    response = visitor.post("/shortlist/", {"csrfmiddlewaretoken": token_of(hit), "career": "nurse", "action": "add"})
    assert response.status_code == 302 and visitor.session[shortlist.SESSION_KEY] == ["nurse"]


def test_a_returning_visitor_keeps_their_secret_on_a_hit():
    visitor = Client(enforce_csrf_checks=True)
    secret = form_tokens.random_chars(32)
    visitor.cookies["csrftoken"] = secret
    hit = a_hit(visitor)
    assert hit.cookies["csrftoken"].value == secret  # sent again, so that its expiry starts anew
    assert _unmask_cipher_token(token_of(hit)) == secret
    response = visitor.post("/shortlist/", {"csrfmiddlewaretoken": token_of(hit), "career": "nurse", "action": "add"})
    assert response.status_code == 302


@pytest.mark.parametrize("cookie", ["not a secret!", "x" * 31, "é" * 32])
def test_a_malformed_cookie_on_a_hit_is_replaced_as_django_replaces_it(cookie):
    visitor = Client(enforce_csrf_checks=True)
    visitor.cookies["csrftoken"] = cookie
    hit = a_hit(visitor)
    secret = hit.cookies["csrftoken"].value
    assert secret != cookie and len(secret) == 32
    assert _unmask_cipher_token(token_of(hit)) == secret


def test_a_cookie_in_djangos_older_masked_format_is_read_by_django():
    visitor = Client(enforce_csrf_checks=True)
    secret = form_tokens.random_chars(32)
    visitor.cookies["csrftoken"] = form_tokens.masked(secret)  # how Django before 4.0 stored it
    hit = a_hit(visitor)
    assert _unmask_cipher_token(token_of(hit)) == secret
    response = visitor.post("/shortlist/", {"csrfmiddlewaretoken": token_of(hit), "career": "nurse", "action": "add"})
    assert response.status_code == 302
