"""How models show themselves, cheaply: ``get_FOO_display()`` and their addresses.

``get_FOO_display()`` without rebuilding the field's choices on every call.

Django's own ``Model._get_FIELD_display`` makes a dict of the field's choices each time, hashing
every lazily translated label, which translates it: a career page's sections call it some 70 times
(a skill's importance, a salary band's level, …), and each call translated every choice of its
field. Here each field's {value: label} is made once, with the labels left lazy, and only the label
shown is translated, in the language active at the call, as Django's does.
"""

import re
from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


@cache
def choice_labels(field):
    """{value: lazy label} of a field with choices."""
    return {make_hashable(value): label for value, label in field.flatchoices}


class ChoiceDisplay:
    """Mixed into the models: ``get_FOO_display()`` reads ``choice_labels``."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(choice_labels(field).get(make_hashable(value), value), strings_only=True)


# The slugs a ``<slug:…>`` route takes (Django's SlugConverter), none of which reverse() quotes.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_MARK = "slug-url-mark"


@cache
def _around_slug(name, language, prefix, urlconf):
    """(before, after): the address of route ``name`` around its one slug, as ``reverse`` gives it."""
    before, after = reverse(name, args=[_MARK], urlconf=urlconf).split(_MARK)
    return before, after


def slug_url(name, slug):
    """``reverse(name, args=[slug])`` for a route whose one argument is a slug, without resolving the
    route each time (42 µs a call: a career page's sections link some 70 entries, search 30 hits):
    the address around the slug is kept per route, language, script prefix and URLconf."""
    if not _SLUG.fullmatch(slug or ""):
        return reverse(name, args=[slug])  # (what reverse says of it: NoReverseMatch)
    before, after = _around_slug(name, get_language(), get_script_prefix(), get_urlconf())
    return f"{before}{slug}{after}"
