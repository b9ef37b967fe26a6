"""Addresses of the site's routes without resolving the route on every call.

``reverse()`` walks the URL resolver each time (about 40 µs here): a career page's sections link some
70 skills, degrees and careers, a search page its 30 hits and as many shortlist forms. The address
depends only on the route, its argument, the active language (``i18n_patterns``), the script prefix
and the URLconf, so the parts around the argument are kept per route and those three.
"""

import re
from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# The slugs a ``<slug:…>`` route takes (Django's SlugConverter), none of which reverse() quotes.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_MARK = "slug-url-mark"


@cache
def _around_slug(name, language, prefix, urlconf):
    """(before, after): the address of route ``name`` around its one slug, as ``reverse`` gives it."""
    before, after = reverse(name, args=[_MARK], urlconf=urlconf).split(_MARK)
    return before, after


def slug_url(name, slug):
    """``reverse(name, args=[slug])`` for a route whose one argument is a slug."""
    if not _SLUG.fullmatch(slug or ""):
        return reverse(name, args=[slug])  # (what reverse says of it: NoReverseMatch)
    before, after = _around_slug(name, get_language(), get_script_prefix(), get_urlconf())
    return f"{before}{slug}{after}"


@cache
def _address(name, language, prefix, urlconf):
    return reverse(name, urlconf=urlconf)


def address(name):
    """``reverse(name)`` for a route without arguments."""
    return _address(name, get_language(), get_script_prefix(), get_urlconf())
