from django.utils import translation

from . import languages as languages_module
from . import shortlist as shortlist_module


def shortlist(request):
    """The visitor's shortlist (career slugs kept in the session). No query unless a session exists."""
    return {"shortlist": shortlist_module.careers(request)}


def languages(request):
    """The page's language tag and its address in every language (switcher and hreflang)."""
    return {
        "html_lang": languages_module.html_lang(),
        "og_locale": languages_module.OG_LOCALE.get(translation.get_language(), "en_IN"),
        "language_versions": languages_module.alternates(request),
    }
