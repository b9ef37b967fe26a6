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
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CsrfViewMiddleware, get_token

_ALPHABET = CSRF_ALLOWED_CHARS
_SIZE = len(_ALPHABET)
_INDEX = {char: i for i, char in enumerate(_ALPHABET)}
# Random bytes below the largest multiple of the alphabet's size map onto it evenly (b % size); the
# rest are dropped (and more drawn if needed). Both by bytes.translate, in C.
_EVEN = 256 - 256 % _SIZE
_TO_ALPHABET = bytes(ord(_ALPHABET[b % _SIZE]) for b in range(256))
_UNEVEN = bytes(range(_EVEN, 256))
# Django enciphers each character of a secret by adding the place in the alphabet of the mask's
# character at the same position (mod its size). Places as bytes (a character -> its place), and
# sums of two places (at most 122) -> the alphabet's character, through _TO_ALPHABET.
_TO_PLACE = bytes(_INDEX.get(chr(b), 0) for b in range(256))


def random_chars(length):
    """``length`` characters drawn uniformly from Django's CSRF alphabet."""
    chars = b""
    while len(chars) < length:
        chars += secrets.token_bytes(length + 8).translate(_TO_ALPHABET, _UNEVEN)
    return chars[:length].decode("ascii")


def masked(secret):
    """The form token for ``secret``: a new mask and the secret enciphered with it (Django's format,
    which its ``_unmask_cipher_token`` reads)."""
    mask = random_chars(CSRF_SECRET_LENGTH)
    # Each byte's sum stays below 256, so the sum of the two byte strings read as whole numbers is
    # the bytewise sum, with no carry from one byte into the next.
    places = (int.from_bytes(text.encode("ascii").translate(_TO_PLACE), "big") for text in (secret, mask))
    return mask + sum(places).to_bytes(CSRF_SECRET_LENGTH, "big").translate(_TO_ALPHABET).decode("ascii")


def cookie_secret(cookies):
    """The secret in the visitor's CSRF cookie (``cookies``: the request's), "" without one, or
    None when Django must decide."""
    if settings.CSRF_USE_SESSIONS:
        return None
    secret = cookies.get(settings.CSRF_COOKIE_NAME)
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
    secret = cookie_secret(request.COOKIES)
    if secret is None:
        return through_django(request, respond)
    token, cookie = for_visitor(secret)
    response = respond(token)
    response.cookies[settings.CSRF_COOKIE_NAME] = cookie
    return response  # ("Vary: Cookie" is stored with such a page: PageCacheMiddleware)


def for_visitor(secret):
    """(the form token as bytes, the CSRF cookie to set) for the visitor whose cookie holds
    ``secret`` ("" for a new visitor: a new secret), as CsrfViewMiddleware would make them."""
    secret = secret or random_chars(CSRF_SECRET_LENGTH)
    return masked(secret).encode(), CsrfCookie(secret)


def djangos_cookie(secret):
    """The CSRF cookie holding ``secret`` as CsrfViewMiddleware sets it: written by the middleware
    itself (its response step, for a request whose cookie needs sending), with every setting it reads."""
    request = HttpRequest()
    request.META.update(CSRF_COOKIE=secret, CSRF_COOKIE_NEEDS_UPDATE=True)
    response = CsrfViewMiddleware(lambda request: None).process_response(request, HttpResponse())
    return response.cookies[settings.CSRF_COOKIE_NAME]


_attributes = {}  # {the second: "expires=…; Max-Age=…; Path=/…" for it}


def _cookie_attributes():
    """The attributes Django writes after the CSRF cookie's value, written by Django once a second
    (its expiry date is in whole seconds) rather than once a response: Morsel formats each
    attribute anew, about 30 us a response."""
    second = int(time.time())
    text = _attributes.get(second)
    if text is None:
        _attributes.clear()
        text = _attributes[second] = djangos_cookie("-").OutputString().split("; ", 1)[1]
    return text


@receiver(setting_changed)
def _forget_cookie_attributes(setting, **kwargs):
    if setting.startswith("CSRF_COOKIE_"):
        _attributes.clear()


class CsrfCookie(Morsel):
    """The CSRF cookie holding ``secret``, written as Django writes it (``_cookie_attributes``). The
    secret is plain letters and digits, so it needs no quoting."""

    def __init__(self, secret):
        super().__init__()
        self.set(settings.CSRF_COOKIE_NAME, secret, secret)
        self.attributes = _cookie_attributes()

    def OutputString(self, attrs=None):  # noqa: N802 (Morsel's name)
        return f"{self.key}={self.coded_value}; {self.attributes}"
