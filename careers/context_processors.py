from django.core.exceptions import DisallowedHost
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


def origin(request):
    """The site's origin as the request names it ("https://example.in"), for the absolute addresses
    in the page's head; "" for a host ALLOWED_HOSTS does not name, so that the 400 page Django
    answers such a request with does not fail on the same host (and become a 500)."""
    try:
        return {"origin": f"{request.scheme}://{request.get_host()}"}
    except DisallowedHost:
        return {"origin": ""}
