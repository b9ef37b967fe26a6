"""Search that answers the way students ask: by title or job title, degree ("bcom"), stream
("commerce"), exam ("neet"), field, skill or tool, with synonyms ("govt", "maths", "IAS",
"kaise bane") and typos ("docter").

* ``query.py`` reads the query: filler words dropped, synonyms (content, in the ``Synonym``
  table) expanded into concepts;
* ``index.py`` builds what each career is found by; its ``reindex`` is called only by the write
  hook (``careers/changes.py``);
* ``candidates.py`` asks the database: full text (GIN) on PostgreSQL, words on SQLite, and
  typo matching on short names only when the full text finds few;
* ``ranking.py`` scores every candidate by the same rules on both databases and says why it
  matched;
* ``groups.py`` finds the exams, degrees and skills the query names (their names read once per
  catalogue version);
* ``hindi.py`` answers queries written in Devanagari from the careers' Hindi text;
* ``explain.py`` prints the plans of the queries a search runs (``manage.py explain_search``).

A search costs at most six queries: the synonyms and the exams/degrees/skills (both cached until
the catalogue changes), the full-text match, the fallback when that finds few, what the page shows
of the hits (and of the closest titles), and the clusters offered when nothing matched.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

from ..models import Cluster
from . import candidates as db
from . import hindi
from .groups import matching_entries
from .index import reindex
from .query import MAX_QUERY_LENGTH, QueryError, clean_query, read_query, terms
from .ranking import Hit, names, rank, score
from .text import highlight, normalize

__all__ = [
    "MAX_QUERY_LENGTH",
    "Hit",
    "QueryError",
    "Results",
    "clean_query",
    "highlight",
    "reindex",
    "search",
    "terms",
]

MAX_RESULTS = 30
SQLITE_TYPO_MIN = 0.75  # difflib's ratio runs higher than trigram similarity
CLOSEST_TITLES = 3


@dataclass
class Suggestion:
    text: str  # a corrected query


class Results(list):
    """The career hits, best first, with the query's other answers as attributes."""

    def __init__(self, hits=(), query=None):
        super().__init__(hits)
        self.query = query
        self.entries = {"exam": [], "degree": [], "skill": []}
        self.did_you_mean = None
        self.closest = []  # careers whose names are near the query, when nothing matched
        self.clusters = []  # for browsing, when nothing matched

    @property
    def exams(self):
        return self.entries["exam"]

    @property
    def degrees(self):
        return self.entries["degree"]

    @property
    def skills(self):
        return self.entries["skill"]

    @property
    def groups(self):
        """[(kind, heading, entries)] in page order after the careers."""
        return [
            ("exam", gettext("Exams"), self.exams),
            ("degree", gettext("Degrees"), self.degrees),
            ("skill", gettext("Skills"), self.skills),
        ]

    @property
    def empty(self):
        return not self and not any(self.entries.values())


def search(q):
    """Everything the search page shows for ``q`` (already cleaned)."""
    if hindi.is_hindi(q):
        results = Results(hindi.search(q, limit=MAX_RESULTS))
        if not results:
            results.clusters = list(Cluster.objects.all())
        return results
    query = read_query(q)
    results = Results(query=query)
    if not query.concepts:
        results.clusters = list(Cluster.objects.all())
        return results
    postgres = db.is_postgres()
    found = db.postgres_matches(query) if postgres else db.sqlite_matches(query)
    hits = [h for h in (score(c, query) for c in found) if h.matched]
    typo_min = db.TYPO_MIN if postgres else SQLITE_TYPO_MIN
    near = []
    if len(hits) < db.FEW:
        seen = [h.career.pk for h in hits]
        extra = db.postgres_fallback(query, seen) if postgres else db.sqlite_fallback(query, seen)
        for career in extra:
            hit = score(career, query)
            hit.similar = career.similar or 0.0
            if hit.matched or hit.similar >= typo_min:
                hits.append(hit)
            elif postgres or hit.similar >= typo_min - 0.15:
                near.append(hit)
        typos = [h for h in hits if not h.matched]
        if typos and not found:  # nothing matched as typed: offer the spelling the names use
            corrected = _correction(query, [h.career for h in typos])
            if corrected:
                results.did_you_mean = Suggestion(corrected)
                # Rank the typo matches as the corrected query would rank them.
                fixed = read_query(corrected)
                for hit in typos:
                    hit.score = score(hit.career, fixed).score
        if not hits:
            results.closest = _shown(sorted(near, key=lambda h: (-h.similar, h.career.pk))[:CLOSEST_TITLES])
    results.extend(_shown(rank(hits)[:MAX_RESULTS]))
    results.entries = matching_entries(query)
    if results.empty:
        results.clusters = list(Cluster.objects.all())
    return results


def _shown(hits):
    """The hits with their careers made and why they matched (ranking read the candidates as plain
    rows, without what their parts show): one query."""
    out = []
    for hit, career in zip(hits, db.shown([hit.career for hit in hits]), strict=True):
        if career is not None:
            hit.explain(hit.career.search_parts, hit.career.search_shown)
            hit.career = career
            out.append(hit)
    return out


def _correction(query, careers):
    """The query with each word that no name holds replaced by the closest word of the titles and
    job titles of ``careers`` ("docter" -> "doctor"), or None when nothing changed."""
    import difflib

    vocabulary = set()
    for career in careers:
        for name in names(career):
            vocabulary.update(w for w in normalize(name).split() if len(w) > 2)
    out, changed = [], False
    for word in query.typed_words:
        if word in vocabulary:
            out.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.6)
        out.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(out) if changed else None
