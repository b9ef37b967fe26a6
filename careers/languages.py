"""The site's languages as readers meet them: which tag a page carries, and the same page's address
in every language (for the switcher, the ``hreflang`` alternates and the sitemap).

Languages themselves are declared once, in ``settings.LANGUAGES``; Hindi pages live under ``/hi/``
and English pages have no prefix (``careerportal/urls.py``).
"""

from django.conf import settings
from django.db.models import F, TextField
from django.db.models.functions import Coalesce
from django.urls import translate_url
from django.utils import translation

# The tag a page carries in <html lang> and hreflang: the site is written for readers in India.
HTML_LANG = {"en": "en-IN", "hi": "hi"}
# Open Graph's locale names (og:locale).
OG_LOCALE = {"en": "en_IN", "hi": "hi_IN"}


def html_lang(code=None):
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    return HTML_LANG.get(code, code)


class Version:
    """One language's version of the page being shown."""

    def __init__(self, request, code, name, current):
        self.code, self.name, self.tag, self.current = code, name, html_lang(code), code == current
        self.path = translate_url(request.path, code)  # canonical: what hreflang names
        query = request.META.get("QUERY_STRING", "")
        self.switch = f"{self.path}?{query}" if query else self.path  # the switcher keeps the search, the answers…


def alternates(request):
    """This page in every language, in settings order."""
    current = translation.get_language()
    return [Version(request, code, name, current) for code, name in settings.LANGUAGES]


def localized(path):
    """An expression for the active language's text at ``path`` (a field of the model, or across a
    relation: "skill__name"), English where that language has none: what django-modeltranslation
    would read, for queries that bypass its rewriting (a plain ``QuerySet``; it never rewrites a
    related model's fields, which would read the original column)."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == default:
        return F(f"{path}_{default}")
    return Coalesce(f"{path}_{language}", f"{path}_{default}", output_field=TextField())


def shows_english(obj, field):
    """Whether ``obj.<field>`` reads as English on this page: the page is in another language and
    the field has no text in it (django-modeltranslation then falls back to English)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return False
    return not getattr(obj, f"{field}_{language}", None) and bool(getattr(obj, field, None))
