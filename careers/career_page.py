"""The career page's content, rendered once per version and kept in the cache.

A career page is the same for every visitor except the header's controls (the compare tray and
any per-visitor form): the sections, the header's salary highlight and the structured data are
not. Those are rendered once and cached under the career's id, its ``updated`` time and the
catalogue version: ``updated`` moves when the career or any of its rows changes, and the catalogue
version (``caching.catalogue_version``, moved by the write hook on every committed change) also
covers what the page shows from elsewhere: a renamed skill, a related career published or archived.

So a career page whose content is cached costs one query (the career with its cluster) however big
the catalogue, even when the whole-page cache cannot answer (a visitor with a session, a query
string it has not seen); the first render costs one query per section more. The cached parts are
rendered without the request, so nothing of one visitor can end up in them.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string

from . import structured_data
from .caching import catalogue_version
from .models import page_prefetches
from .sections import PAGE_PARTS
from .templatetags.careers_tags import jsonld_script

BODY_TEMPLATE = "careers/includes/career_body.html"


def _key(career, address):
    version = f"{catalogue_version()}:{career.pk}:{career.updated.isoformat()}:{address}"
    return "career-page:" + hashlib.sha256(version.encode()).hexdigest()


def content(request, career, *, preview=False):
    """{"body", "jsonld", "band"}: the page's sections as HTML, its schema.org script and the salary
    band its header highlights. Cached unless ``preview`` (a staff preview of an unpublished career)."""
    address = request.build_absolute_uri(career.get_absolute_url())
    key = None if preview else _key(career, address)
    parts = cache.get(key) if key else None
    if parts is None:
        prefetch_related_objects([career], *page_prefetches())
        parts = {
            "body": render_to_string(BODY_TEMPLATE, {"career": career, "page_parts": PAGE_PARTS}),
            "jsonld": jsonld_script(structured_data.occupation(career, address)),
            "band": next(iter(career.salary_bands.all()), None),
        }
        if key:
            cache.set(key, parts, settings.PAGE_CACHE_SECONDS)
    return parts
