"""Careers' section rows, kept in the cache per career version.

Pages that show several careers side by side (compare, pair, transition, the CSV download, the
counselor's plan) need each career's rows for a set of sections: one query per section when read
from the database, and the same rows for every comparison the career is in. ``fill()`` reads them
for all the careers of a page with one cache round trip, and fetches (one query per section, for
the careers the cache lacks) and stores only what is missing.

The rows are stored under the career's id, its ``updated`` time, the catalogue version and the
sections' names, as the career page's fragments are (``career_page.py``): ``updated`` moves when
the career or any of its rows changes, and the catalogue version, moved by the write hook on every
committed change, covers what the rows show from elsewhere (a renamed skill, a related career
published or archived). Rows hold every language's columns, so one entry serves English and Hindi.

After ``fill()`` a career's sections read as if fetched with ``prefetch_related``: ``career.skills
.all()`` answers from memory.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from . import section_rows
from .caching import catalogue_version
from .sections import prefetches


def _key(career, names, version):
    text = f"{version}:{career.pk}:{career.updated.isoformat()}:{','.join(names)}"
    return "career-rows:" + hashlib.sha256(text.encode()).hexdigest()


def fill(careers, sections):
    """Give each of ``careers`` its rows of ``sections``, from the cache where it has them (one
    ``get_many``), otherwise from the database (one query per section for all the missing careers),
    storing those."""
    careers = [c for c in careers if c.pk is not None]
    if not careers:
        return
    names = [s.name for s in sections]
    version = catalogue_version()
    keyed = {_key(career, names, version): career for career in careers}
    found = cache.get_many(list(keyed))
    missing = {key: career for key, career in keyed.items() if key not in found}
    if missing:
        section_rows.prefetch(missing.values(), lambda: prefetches(sections), key=tuple(names))
        _store(missing, sections)
    for key, rows in found.items():
        _restore(keyed[key], sections, rows)


def _store(missing, sections):
    """Store the rows of ``sections`` of each career in ``missing`` ({key: career}) as {section name:
    [rows]}, without the rows' link back to the career (which would store the career again inside
    every row): the link is taken off while the cache pickles the rows and put back after, which
    spares copying every row first."""
    stored = {key: {s.name: list(getattr(career, s.name).all()) for s in sections} for key, career in missing.items()}
    links = [row._state.fields_cache for rows in stored.values() for section in rows.values() for row in section]
    unlinked = [(fields, fields.pop("career")) for fields in links if "career" in fields]
    try:
        cache.set_many(stored, settings.PAGE_CACHE_SECONDS)
    finally:
        for fields, career in unlinked:
            fields["career"] = career


def _restore(career, sections, stored):
    """Install stored rows as the career's prefetched sections, as ``prefetch_related`` does."""
    for section in sections:
        rows = stored[section.name]
        for row in rows:
            row._state.fields_cache["career"] = career
        section_rows.install(career, section.name, rows)
