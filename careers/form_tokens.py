"""The visitor's CSRF token for a page served from the page cache, made as Django's
CsrfViewMiddleware makes it, at a fraction of its cost.

Every hit on a page with a POST form (the shortlist's buttons) needs the visitor's own token: a
masked form of the secret in their CSRF cookie, or of a new secret (and a new cookie) for a new
visitor. Django draws each random character of a secret or a mask with its own ``getrandom`` call,
64 calls for a new visitor, which cost a worker as much CPU as the rest of a cached page's hit.
Here the random characters come from one ``secrets.token_bytes`` call, mapped onto Django's
alphabet without bias; the token and the cookie have Django's format, so CsrfViewMiddleware checks
them as its own (careers/tests/test_form_tokens.py holds it to that).

Only the common case is served here: cookie-kept secrets (CSRF_USE_SESSIONS off) and a cookie that
is absent or holds a well-formed secret. Anything else (a cookie in Django's pre-4.0 masked format,
a malformed one) goes through Django's own middleware, as before.
"""

import secrets
import time
from http.cookies import Morsel

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CsrfViewMiddleware, get_token
from django.utils.cache import patch_vary_headers

_ALPHABET = CSRF_ALLOWED_CHARS
_SIZE = len(_ALPHABET)
_INDEX = {char: i for i, char in enumerate(_ALPHABET)}
# Bytes below the largest multiple of the alphabet's size map onto it evenly (b % size); the rest
# are drawn again.
_EVEN = 256 - 256 % _SIZE


def random_chars(length):
    """``length`` characters drawn uniformly from Django's CSRF alphabet."""
    chars = []
    while len(chars) < length:
        chars += [_ALPHABET[b % _SIZE] for b in secrets.token_bytes(length + 8) if b < _EVEN]
    return "".join(chars[:length])


def masked(secret):
    """The form token for ``secret``: a new mask and the secret enciphered with it (Django's format,
    which its ``_unmask_cipher_token`` reads)."""
    mask = random_chars(CSRF_SECRET_LENGTH)
    return mask + "".join(_ALPHABET[(_INDEX[s] + _INDEX[m]) % _SIZE] for s, m in zip(secret, mask, strict=True))


def _cookie_secret(request):
    """The secret in the visitor's CSRF cookie, "" without one, or None when Django must decide."""
    if settings.CSRF_USE_SESSIONS:
        return None
    secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if secret is None:
        return ""
    if len(secret) == CSRF_SECRET_LENGTH and all(char in _INDEX for char in secret):
        return secret
    return None


def through_django(request, respond):
    """``respond(the visitor's CSRF token as bytes)``, run inside Django's own CsrfViewMiddleware, so
    that the CSRF cookie is set by its rules and settings (a new secret for a new visitor). For
    responses that went through the site's middleware, whose CsrfViewMiddleware may have chosen the
    visitor's secret already."""
    return CsrfViewMiddleware(lambda request: respond(get_token(request).encode()))(request)


def on_hit(request, respond):
    """``respond(the visitor's CSRF token as bytes)`` for a page served from the cache, before any
    other middleware ran, with the CSRF cookie set as Django sets it (a new secret for a new
    visitor; the same secret again, for its expiry to start anew, for one who has it)."""
    secret = _cookie_secret(request)
    if secret is None:
        return through_django(request, respond)
    secret = secret or random_chars(CSRF_SECRET_LENGTH)
    response = respond(masked(secret).encode())
    response.cookies[settings.CSRF_COOKIE_NAME] = CsrfCookie(secret)
    patch_vary_headers(response, ("Cookie",))
    return response


def _set_csrf_cookie(response, secret):
    """The CSRF cookie as CsrfViewMiddleware sets it."""
    response.set_cookie(
        settings.CSRF_COOKIE_NAME,
        secret,
        max_age=settings.CSRF_COOKIE_AGE,
        domain=settings.CSRF_COOKIE_DOMAIN,
        path=settings.CSRF_COOKIE_PATH,
        secure=settings.CSRF_COOKIE_SECURE,
        httponly=settings.CSRF_COOKIE_HTTPONLY,
        samesite=settings.CSRF_COOKIE_SAMESITE,
    )


_attributes = (None, "")  # (the second and settings they were written for, "expires=…; Max-Age=…; Path=/…")


def _cookie_attributes():
    """The attributes Django writes after the CSRF cookie's value, written by Django once a second
    (its expiry date is in whole seconds) rather than once a response: Morsel formats each
    attribute anew, about 30 us a response."""
    global _attributes
    written_for = (
        int(time.time()),
        settings.CSRF_COOKIE_NAME,
        settings.CSRF_COOKIE_AGE,
        settings.CSRF_COOKIE_DOMAIN,
        settings.CSRF_COOKIE_PATH,
        settings.CSRF_COOKIE_SECURE,
        settings.CSRF_COOKIE_HTTPONLY,
        settings.CSRF_COOKIE_SAMESITE,
    )
    if _attributes[0] != written_for:
        probe = HttpResponse()
        _set_csrf_cookie(probe, "-")
        _attributes = (written_for, probe.cookies[settings.CSRF_COOKIE_NAME].OutputString().split("; ", 1)[1])
    return _attributes[1]


class CsrfCookie(Morsel):
    """The CSRF cookie holding ``secret``, written as Django writes it (``_cookie_attributes``). The
    secret is plain letters and digits, so it needs no quoting."""

    def __init__(self, secret):
        super().__init__()
        self.set(settings.CSRF_COOKIE_NAME, secret, secret)
        self.attributes = _cookie_attributes()

    def OutputString(self, attrs=None):  # noqa: N802 (Morsel's name)
        return f"{self.key}={self.coded_value}; {self.attributes}"
