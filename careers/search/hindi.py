"""Search in Hindi: a query written in Devanagari ("डॉक्टर", "इंजीनियर कैसे बनें") is looked for in the
careers' Hindi text (title, summary, overview: the reviewed translations' columns; job titles stay
in English, as Indians write them, and the English search finds them). A query in
Latin letters, Hinglish included ("doctor kaise bane"), is the English search's (its synonyms read
"kaise bane" and the like), whatever the page's language.

PostgreSQL: every word of the query in the text in the ``simple`` configuration (words as written,
no stemming), served by a GIN index (migration 0015); when that finds nothing, the titles closest
in spelling (trigram word similarity). SQLite degrades: every word contained in the text, and
difflib for spelling. Both score the matches and cut them to the page's hits in the same query (a
word in the title counts most, then in the summary, then in the overview), so only the careers
shown are read, and only what the page shows of them.
"""

import difflib
import re
import unicodedata

from django.db import connection
from django.db.models import BooleanField, Case, Q, When
from django.db.models.expressions import RawSQL

from ..catalogue.translations import DEVANAGARI
from ..models import Career
from .candidates import shown_title
from .ranking import Hit

# Words that ask how, not what ("डॉक्टर कैसे बनें": how to become a doctor), never decide a search.
STOPWORDS = {
    "कैसे", "बने", "बनें", "बनूं", "बनूँ", "बनना", "बनने", "क्या", "है", "हैं", "की", "के", "का", "को", "में", "और",
    "या", "से", "पर", "लिए", "नौकरी", "नौकरियां", "करियर", "कोर्स", "भारत",
}  # fmt: skip
_SPLIT = re.compile(r"[\s,.;:!?()\[\]\"'/|।॥-]+")
TITLE, SUMMARY, OVERVIEW, FIRST = 30, 5, 1, 10
TYPO_MIN = 0.4
# The Hindi text searched, as migration 0015's GIN index holds it (the same expression, or
# PostgreSQL does not use the index).
SIMPLE_VECTOR = (
    "to_tsvector('simple'::regconfig, coalesce(\"careers_career\".\"title_hi\", '') || ' ' || "
    'coalesce("careers_career"."summary_hi", \'\') || \' \' || coalesce("careers_career"."overview_hi", \'\'))'
)
MAX_TYPOS = 5


def is_hindi(q):
    return bool(DEVANAGARI.search(q or ""))


def words(q):
    text = unicodedata.normalize("NFC", q or "").lower()
    return [w for w in _SPLIT.split(text) if w and w not in STOPWORDS]


def search(q, limit=None):
    """Hits for a Devanagari query, best first, at most ``limit`` (2 queries; 1 more when nothing
    matched as typed)."""
    wanted = words(q)
    if not wanted:
        return []
    published = Career.objects.published().select_related("cluster").only(*FIELDS)
    careers = _matching(published, wanted).annotate(score=_score(wanted)).order_by("-score", shown_title(), "id")
    hits = [
        Hit(career=c, score=c.score, matched=len(wanted), cluster=c.cluster.name if c.cluster else "")
        for c in careers[:limit]
    ]
    if not hits:
        hits = _closest(published, " ".join(wanted))
    return sorted(hits, key=lambda h: (-h.score, h.career.title, h.career.pk))[:limit]


# What a hit shows (its title, summary, address and field): never the long text it was found in.
FIELDS = ("slug", "title", "summary", "cluster__name")


def _matching(published, wanted):
    """The careers whose Hindi text holds every word: on PostgreSQL through the ``simple`` text
    search index (migration 0015), on SQLite by reading the columns."""
    if connection.vendor == "postgresql":
        query = RawSQL(f"{SIMPLE_VECTOR} @@ plainto_tsquery('simple', %s)", [" ".join(wanted)], BooleanField())
        return published.filter(query)
    condition = Q()
    for word in wanted:
        condition &= Q(title_hi__contains=word) | Q(summary_hi__contains=word) | Q(overview_hi__contains=word)
    return published.filter(condition)


def _score(wanted):
    """A match's score: each word counts as where it is found first (title, summary, overview), and
    a title that starts with the first word more ("डॉक्टर (MBBS)" before "दांतों के डॉक्टर")."""
    first = Case(When(title_hi__startswith=wanted[0], then=FIRST), default=0)
    return sum(
        (
            Case(When(title_hi__contains=w, then=TITLE), When(summary_hi__contains=w, then=SUMMARY), default=OVERVIEW)
            for w in wanted
        ),
        start=first,
    )


def _closest(published, text):
    """Careers whose Hindi titles are nearest in spelling (typos: "डाक्टर")."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity

        near = (
            published.annotate(similar=TrigramWordSimilarity(text, "title_hi"))
            .filter(similar__gte=TYPO_MIN)
            .order_by("-similar", shown_title(), "id")[:MAX_TYPOS]
        )
        return [Hit(career=c, score=c.similar, matched=0, similar=c.similar) for c in near]
    by_word = {}
    for pk, title in published.exclude(title_hi=None).order_by("id").values_list("pk", "title_hi"):
        for word in words(title):
            by_word.setdefault(word, []).append(pk)
    close = difflib.get_close_matches(text, list(by_word), n=MAX_TYPOS, cutoff=0.6)
    pks = list(dict.fromkeys(pk for word in close for pk in by_word[word]))[:MAX_TYPOS]
    by_pk = published.in_bulk(pks)
    return [Hit(career=by_pk[pk], score=1.0, matched=0, similar=0.6) for pk in pks if pk in by_pk]
