"""A visitor's query, read: cleaned, filler words dropped, synonyms expanded into concepts.

A query is a list of concepts that must all match (the words the student typed, or a phrase a
synonym names); each concept has alternatives (the words typed, and what a synonym says they
stand for), and an alternative matches when all its words do. Synonyms are content (the
``Synonym`` table, loaded from ``fixtures/vocabulary/synonyms.yaml``) and are applied here, at
query time, so editing one needs no reindex: the write hook bumps the catalogue version and the
cached table below is read again.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext

from .. import caching
from .text import PREFIX_MIN, STOPWORDS, TYPING, normalize, words

MAX_QUERY_LENGTH = 100
LONGEST_PHRASE = 4  # words in the longest synonym term looked for


class QueryError(ValueError):
    """The query cannot be searched; the message says why, for the visitor."""


def clean_query(raw):
    """A visitor's query -> a normalised string, or QueryError with a friendly message."""
    q = unicodedata.normalize("NFKC", raw or "")
    q = "".join(ch for ch in q if ch.isprintable())
    q = re.sub(r"\s+", " ", q).strip()
    if not q:
        raise QueryError(gettext("Type a career, job title, exam, degree or skill to search for."))
    if len(q) > MAX_QUERY_LENGTH:
        raise QueryError(
            gettext("That search is too long; use at most %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
        )
    if not words(q):
        raise QueryError(gettext("Search with letters or numbers, e.g. “data analyst”, “NEET”, “B.Com” or “nurse”."))
    return q


def terms(q):
    return [w for w in words(q) if w not in STOPWORDS and (len(w) >= 2 or w.isdigit())]


@dataclass
class Concept:
    typed: str  # as the student wrote it (normalised)
    alternatives: list  # [[word, ...], ...]; the first is what was typed
    synonym: bool = False

    @property
    def all_words(self):
        return [w for alternative in self.alternatives for w in alternative]


@dataclass
class Query:
    text: str  # the cleaned query
    concepts: list = field(default_factory=list)
    ignored: list = field(default_factory=list)  # filler words dropped

    @property
    def typed_words(self):
        return [w.removesuffix(TYPING) for c in self.concepts for w in c.alternatives[0]]

    @property
    def all_words(self):
        return list(dict.fromkeys(w for c in self.concepts for w in c.all_words))


def _keep(phrase_words):
    return [w for w in phrase_words if w not in STOPWORDS and (len(w) >= 2 or w.isdigit())]


def synonym_table():
    """{normalised term: [alternative words lists]} ([] for filler words), kept per catalogue
    version in the shared cache (one query after any content change) and in the process."""
    return caching.per_version_in_process("search-synonyms", _shared_synonym_table)


def _shared_synonym_table():
    key = f"search-synonyms:{caching.catalogue_version()}"
    table = cache.get(key)
    if table is None:
        from ..models import Synonym

        table = {}
        for name, means in Synonym.objects.values_list("name", "means"):
            term = normalize(name)
            if term:
                table[term] = [w for w in (_keep(words(m)) for m in means.split(",")) if w]
        cache.set(key, table, settings.CATALOGUE_CACHE_SECONDS)
    return table


def read_query(q, table=None):
    """The query's concepts, with synonyms applied (longest phrase first)."""
    table = synonym_table() if table is None else table
    tokens = words(q)
    query = Query(text=q)
    i = 0
    while i < len(tokens):
        for n in range(min(LONGEST_PHRASE, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + n])
            if phrase in table:
                means = table[phrase]
                if not means:
                    query.ignored.append(phrase)
                else:
                    typed = _keep(tokens[i : i + n])
                    alternatives = ([typed] if typed else []) + [m for m in means if m != typed]
                    query.concepts.append(Concept(phrase, alternatives, synonym=True))
                i += n
                break
        else:
            word = tokens[i]
            i += 1
            if _keep([word]):
                query.concepts.append(Concept(word, [[word]]))
    last = query.concepts[-1] if query.concepts else None
    typing = len(query.concepts) > 1 and tokens and tokens[-1] == last.typed
    if typing and not last.synonym and 2 < len(last.typed) < PREFIX_MIN:
        # As you type: a short last word may be the start of a longer one ("data ana"); a short
        # word alone is taken as typed ("art" is not "artificial").
        last.alternatives = [[last.typed + TYPING]]
    if not query.concepts and not query.ignored:
        # Only grammar words ("jobs"): search for them rather than for nothing.
        query.concepts = [Concept(w, [[w]]) for w in tokens if len(w) >= 2]
    return query


def condition(query, word_condition, *, any_concept=False):
    """A Q for the query: every concept (any one with ``any_concept``), each as any of its
    alternatives, each as all of its words, a word as ``word_condition(word)`` says."""
    out = Q()
    for concept in query.concepts:
        either = Q()
        for alternative in concept.alternatives:
            both = Q()
            for word in alternative:
                both &= word_condition(word)
            either |= both
        out = (out | either) if any_concept else (out & either)
    return out
