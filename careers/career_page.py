"""The career page's content, rendered once per version and kept in the cache with its career.

A career page is the same for every visitor except the header's controls (the shortlist button,
the navigation's shortlist count): the sections, the header's salary highlight and the structured
data are not. Those are rendered once and cached, with the career itself (its own columns and its
cluster, as the page's header shows them), under the page's address, with the catalogue version:
the version (``caching.catalogue_version``) moves on every committed change, the career's own
(publishing, archiving, any section row) and what the page shows from elsewhere (a renamed skill,
a related career published or archived). A career is kept only while it is published: after an
edit, the first request reads it again.

So a career page whose content is cached costs no query however big the catalogue, even when the
whole-page cache cannot answer (a visitor with a session, a query string it has not seen); the
first render costs 17. The cached parts are rendered without the request, so nothing of one
visitor can end up in them.
"""

import copy
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from . import section_rows, structured_data
from .caching import lookup
from .catalogue import localize
from .models import Career, page_prefetches
from .sections import PAGE_PARTS
from .templatetags.careers_tags import jsonld_script

# The page's parts that are the same for every visitor, each rendered as HTML: the header around the
# visitor's shortlist form, and the sections.
INTRO_TEMPLATE = "careers/includes/career_intro.html"
OUTRO_TEMPLATE = "careers/includes/career_outro.html"
BODY_TEMPLATE = "careers/includes/career_body.html"


def _key(address):
    # "career-page2": the career is kept with the content (the "career-page" entries held the content
    # alone). The catalogue version is stored with them (caching.lookup: one round trip to the cache).
    return "career-page2:" + hashlib.sha256(address.encode()).hexdigest()


def published(request, slug):
    """(career, content) for the page of the published career ``slug`` (see ``content``), both from
    the cache when it has them; None when no career of that slug is published."""
    address = request.build_absolute_uri(request.path)  # the career's own address (its URL has no other form)
    key = _key(address)
    kept, version = lookup(key)
    if kept is not None:
        return kept
    career = Career.objects.published().for_display().filter(slug=slug).first()
    if career is None:
        return None
    header = copy.copy(career)  # the career as the header reads it, without the sections content() prefetches
    kept = (header, content(career, address))
    # Under the version read before the query: a change committed meanwhile has moved it.
    cache.set(key, (version, *kept), settings.PAGE_CACHE_SECONDS)
    return kept


def content(career, address):
    """{"intro", "outro", "body", "jsonld"}: the page's header before and after the visitor's
    shortlist form (title, summary, salary highlight and quick facts; last review and contents),
    its sections, and its schema.org script, as HTML in the career's content language. Only HTML
    is kept: a row model instance (the salary band the header highlights) would drag the whole
    career and its prefetched sections into the cache with it (245 KB, 2 ms to unpickle)."""
    section_rows.prefetch([career], page_prefetches, key="career-page")
    context = {"career": career, "page_parts": PAGE_PARTS, "band": next(iter(career.salary_bands.all()), None)}
    with translation.override(localize.content_language(career)):
        return {
            "intro": render_to_string(INTRO_TEMPLATE, context),
            "outro": render_to_string(OUTRO_TEMPLATE, context),
            "body": render_to_string(BODY_TEMPLATE, context),
            "jsonld": jsonld_script(structured_data.occupation(career, address)),
        }
