"""Which careers are worth ranking: one full-text query served by the GIN index on PostgreSQL
(word matching on SQLite), and, only when it finds few, a fallback for typos and partial
matches (trigram similarity: the names one row each in ``SearchName``, GIN-indexed, then ranked on
the short ``search_names`` column).

Both give ``Found`` rows: what ranking reads (``search_parts``), read as plain values; ``shown``
then reads what the page shows of the hits it keeps, and makes a ``Career`` for each of them only
(making one for each of the 100-odd candidates, or sending their summaries, cost more than ranking
them).
"""

import difflib
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, CharField, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname, resolution_order

from ..models import Career, SearchName
from .query import condition
from .text import TYPING, is_prefix, normalize, stem

CANDIDATES = 60  # ranked in Python (PostgreSQL picks them by ts_rank)
SQLITE_CANDIDATES = 300
TYPO_CANDIDATES = 20
FEW = 3  # fewer full-text matches than this: look for typos and partial matches too
TYPO_MIN = 0.5  # trigram word similarity of a typo that counts as a result
# (The index answers from pg_trgm.word_similarity_threshold, set to 0.3 for the connection in
# settings: matches between 0.3 and TYPO_MIN are offered as "closest titles", not as results.)
SHOWN = ("slug", "title", "summary")  # what the page shows of a career (its translations too)


def shown_title():
    """The title a career shows on the page (``career.title``: the page language's, else the
    fallback language's, as modeltranslation reads it), compared as Python compares strings
    (code points), so the database orders ties as ranking does."""
    langs = resolution_order(get_language(), Career.title.fallback_languages)
    columns = [NullIf(build_localized_fieldname("title", lang), Value("")) for lang in langs]
    title = Coalesce(*columns, output_field=CharField()) if len(columns) > 1 else columns[0]
    return Collate(title, "C" if is_postgres() else "BINARY")


@cache
def _shown_columns():
    """The columns a hit's ``Career`` is made from: the id and ``SHOWN`` with their translations."""
    names = [
        f.attname
        for f in Career._meta.concrete_fields
        if f.name in SHOWN or getattr(getattr(f, "translated_field", None), "name", None) in SHOWN
    ]
    return ["id", *names]


@cache
def _title_columns():
    """The title in every language: what the candidates are ordered by (the page language's)."""
    return [build_localized_fieldname("title", lang) for lang, _name in settings.LANGUAGES]


@dataclass(eq=False)
class Found:
    """A candidate as ranking reads it (``pk``, ``title`` as shown, ``search_parts``, ``similar``;
    ``search_shown`` only where a search needs its names before it shows it, the typo fallback)."""

    pk: int
    title: str
    similar: float
    search_parts: str
    search_shown: str = ""


def _published():
    return Career.objects.published()


ROW = ("id", "shown", "similar", "search_parts")  # then search_shown when asked for, and the titles


def _rows(careers, *, names=False):
    """The careers (annotated with ``similar``) as the values of ``Found`` rows (with what their
    parts show when ``names``)."""
    columns = [*ROW, *(["search_shown"] if names else []), *_title_columns()]
    return careers.annotate(shown=shown_title()).rewrite(False).values_list(*columns)


def _found(rows, exclude=(), *, names=False):
    """``Found`` rows, each career once, leaving out the ids in ``exclude``."""
    out = {}
    for pk, shown, similar, parts, *rest in rows:
        if pk not in exclude and pk not in out:
            out[pk] = Found(pk, shown, similar or 0.0, parts, rest[0] if names else "")
    return list(out.values())


def shown(found):
    """[Career] for the candidates a page shows, in order, made from the columns a page shows (None
    for a career deleted since it was found); each candidate's ``search_shown`` read too. One query."""
    if not found:
        return []
    columns = [*_shown_columns(), "search_shown"]
    qn = connection.ops.quote_name
    select = ", ".join(qn(Career._meta.get_field(name).column) for name in columns)
    placeholders = ", ".join(["%s"] * len(found))
    sql = f"SELECT {select} FROM {qn(Career._meta.db_table)} WHERE {qn('id')} IN ({placeholders})"
    with connection.cursor() as cursor:
        cursor.execute(sql, [f.pk for f in found])
        rows = {row[0]: row for row in cursor.fetchall()}
    out = []
    for candidate in found:
        row = rows.get(candidate.pk)
        if row is None:
            out.append(None)
            continue
        candidate.search_shown = row[-1]
        out.append(Career.from_db("default", _shown_columns(), row[:-1]))
    return out


def _term(word):
    """A word of the tsquery. PostgreSQL stems it again (english); a long word is a prefix of
    both its own stem and ours, whichever is shorter ("photography" -> photograph, which finds
    "photographer"; "cybersecurity" -> cybersecur, which ours, "cybersecurit", would miss)."""
    if not is_prefix(word):
        return f"'{word}'"
    root = stem(word)
    return f"'{root}':*" if word.startswith(root + TYPING) or root == word else f"('{word}':* | '{root}':*)"


def tsquery(query, *, any_concept=False):
    """The query as a raw tsquery: concepts joined by & (| when ``any_concept``), each the | of its
    alternatives, each the & of its words (long words as prefixes: "paint" finds "painter")."""
    concepts = []
    for concept in query.concepts:
        alternatives = [" & ".join(_term(w) for w in alt) for alt in concept.alternatives if alt]
        concepts.append("(" + " | ".join(f"({a})" for a in alternatives) + ")")
    return (" | " if any_concept else " & ").join(concepts)


# PostgreSQL's two queries are compiled once per process and page language (the ORM took longer to
# build and compile them than PostgreSQL to run them): each is built with a marker where the
# query's text goes, and run with the query's text in the marker's place.
TSQUERY, TYPED = "\x00tsquery\x00", "\x00typed\x00"
_prepared = {}  # (name, language) -> (sql, params with the markers)


def _run(name, build, **texts):
    """The rows of the query ``build(tsquery=TSQUERY, typed=TYPED)`` with the markers' ``texts``."""
    key = (name, get_language())
    if key not in _prepared:
        sql, params = build(tsquery=TSQUERY, typed=TYPED).query.sql_with_params()
        _prepared[key] = (sql, tuple(params))
    sql, params = _prepared[key]
    values = {TSQUERY: texts.get("tsquery"), TYPED: texts.get("typed")}
    with connection.cursor() as cursor:
        cursor.execute(sql, [values.get(p, p) if isinstance(p, str) else p for p in params])
        return cursor.fetchall()


# Ranking every full-text match reads every matching vector (large: a career's whole text), which
# costs tens of milliseconds for a word half of 5,000 careers share. So the candidates are the
# careers whose title or job titles match, ranked on their small ``search_names_vector`` (GIN),
# plus other matches unranked (the GIN index on the whole vector, stopping at the limit);
# ranking.py orders them all.
NAMES_VECTOR = F("search_names_vector")


def _full_text(tsquery, *, names=False):
    """The named careers ranked, then other matches unranked (``tsquery``: a raw tsquery): two
    querysets of rows to unite."""
    sq = SearchQuery(tsquery, search_type="raw", config="english")
    named = (
        _published()
        .filter(search_names_vector=sq)
        .annotate(rank=SearchRank(NAMES_VECTOR, sq), similar=Value(0.0))
        .order_by("-rank", "title", "id")[:CANDIDATES]
    )
    others = _published().filter(search_vector=sq).annotate(similar=Value(0.0)).order_by("title", "id")[:CANDIDATES]
    return _rows(named, names=names), _rows(others, names=names)


def _matches(tsquery, **_texts):
    named, others = _full_text(tsquery)
    return named.union(others, all=True)


def postgres_matches(query):
    """Careers matching every concept: named ones best first, then others. One query."""
    return _found(_run("matches", _matches, tsquery=tsquery(query)))


def _similar(typed, **_texts):
    """The careers whose title or a job title looks like ``typed``, most similar first."""
    # One name (title or job title) a row, so the index's candidates are rechecked on short names.
    names = SearchName.objects.filter(TrigramWordSimilar(F("name"), Value(typed))).values("career_id")  # name %> typed
    return _rows(
        _published()
        .filter(pk__in=names)
        .annotate(similar=TrigramWordSimilarity(typed, "search_names"))
        .order_by("-similar", "title", "id")[:TYPO_CANDIDATES],
        names=True,
    )


def _similar_or_some(typed, tsquery):
    return _similar(typed).union(*_full_text(tsquery, names=True), all=True)


def postgres_fallback(query, exclude):
    """Careers matching some concepts (as ``postgres_matches``), and those whose title or a job
    title looks like the query (trigram word similarity, ``%>`` on the GIN-indexed names), most
    similar first, with their names. One query."""
    typed = " ".join(query.typed_words)
    if len(query.concepts) > 1:
        rows = _run("similar-or-some", _similar_or_some, typed=typed, tsquery=tsquery(query, any_concept=True))
    else:
        rows = _run("similar", _similar, typed=typed)
    return _found(rows, exclude=set(exclude), names=True)


def _word_condition(word):
    return Q(search_text__icontains=stem(word) if is_prefix(word) else word)


def sqlite_matches(query):
    """Careers whose text holds every concept (substrings; ranking drops those that only match
    inside a word). Titles holding the first word first, so a large catalogue cuts the right end."""
    first = stem(query.concepts[0].alternatives[0][0])
    return _found(
        _rows(
            _published()
            .filter(condition(query, _word_condition))
            .annotate(named=Case(When(title__icontains=first, then=0), default=1, output_field=IntegerField()))
            .annotate(similar=Value(0.0))
            .order_by("named", "title", "id")[:SQLITE_CANDIDATES]
        )
    )


def sqlite_fallback(query, exclude):
    """Every other published career, for ranking by the concepts they match and by how close
    their names are to the query's words (difflib: the simpler form of trigram matching)."""
    from .ranking import names  # the title and job titles (``search_names``), from the document

    typed = " ".join(query.typed_words)
    found = _found(_rows(_published().exclude(pk__in=exclude).annotate(similar=Value(0.0)), names=True), names=True)
    for career in found:
        career.similar = name_similarity(typed, " | ".join(names(career)))
    return found


def name_similarity(typed, names):
    """Like pg_trgm's word similarity: how well the typed words match words of the names."""
    name_words = normalize(names).split()
    typed_words = typed.split()
    if not typed_words or not name_words:
        return 0.0
    total = 0.0
    for word in typed_words:
        total += max(difflib.SequenceMatcher(None, word, candidate).ratio() for candidate in name_words)
    return total / len(typed_words)


def is_postgres():
    return connection.vendor == "postgresql"
