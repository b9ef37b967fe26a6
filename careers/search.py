"""Search over careers: titles, job titles, exams, skills, tools and summaries.

On PostgreSQL: full-text search on a stored, weighted ``search_vector`` (title A, job titles and
exams' short names B, skills and tools C, summary D; GIN index) plus trigram word similarity on ``search_text`` so
that typos ("machne lerning") still find careers. On SQLite: every query word must appear in
``search_text`` (case-insensitive), ranked in Python by where it matched.

``reindex()`` refreshes the stored columns; only the write hook (``changes.py``) calls it.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Career, CareerExam, CareerSkill, CareerTool, JobTitle

MAX_QUERY_LENGTH = 100
MAX_RESULTS = 30
TRIGRAM_THRESHOLD = 0.3
# Where a word matched, and how much that counts (the same order as the weights A–D).
FIELD_WEIGHTS = {"title": 8, "job title": 4, "exam": 4, "skill": 2, "tool": 2, "summary": 1}
STOPWORDS = {"a", "an", "and", "the", "of", "for", "in", "to", "jobs", "job", "career", "careers", "india"}


class QueryError(ValueError):
    """The query cannot be searched; the message says why, for the visitor."""


def clean_query(raw):
    """A visitor's query -> a normalised string, or QueryError with a friendly message."""
    q = unicodedata.normalize("NFKC", raw or "")
    q = "".join(ch for ch in q if ch.isprintable())
    q = re.sub(r"\s+", " ", q).strip()
    if not q:
        raise QueryError("Type a career, job title, skill or tool to search for.")
    if len(q) > MAX_QUERY_LENGTH:
        raise QueryError(f"That search is too long; use at most {MAX_QUERY_LENGTH} characters.")
    if not terms(q):
        raise QueryError("Search with letters or numbers, e.g. “data analyst”, “SQL” or “nurse”.")
    return q


def terms(q):
    words = [w for w in re.findall(r"\w+", q.lower()) if w not in STOPWORDS]
    return [w for w in words if len(w) >= 2 or w.isdigit()]


# --- Index ----------------------------------------------------------------------------------


def _documents(career_ids=None):
    """{career id: {"title":…, "job title": [...], "exam": [...], "skill": [...], "tool": [...], "summary":…}}"""
    careers = Career.objects.all() if career_ids is None else Career.objects.filter(pk__in=career_ids)
    docs = {
        pk: {"title": t, "summary": s, "job title": [], "exam": [], "skill": [], "tool": []}
        for pk, t, s in careers.values_list("pk", "title", "summary")
    }
    for model, key, name in [
        (JobTitle, "job title", "title"),
        (CareerExam, "exam", "exam__short_name"),
        (CareerSkill, "skill", "skill__name"),
        (CareerTool, "tool", "tool__name"),
    ]:
        for career_id, value in model.objects.filter(career__in=careers).values_list("career_id", name):
            docs[career_id][key].append(value)
    return docs


def reindex(career_ids=None):
    """Refresh ``search_text`` (and, on PostgreSQL, ``search_vector``) for the given careers."""
    from django.contrib.postgres.search import SearchVector

    docs = _documents(career_ids)
    postgres = connection.vendor == "postgresql"
    for pk, doc in docs.items():
        text = " | ".join([doc["title"], *doc["job title"], *doc["exam"], *doc["skill"], *doc["tool"], doc["summary"]])
        values = {"search_text": text}
        if postgres:
            parts = [
                (doc["title"], "A"),
                (" ".join(doc["job title"] + doc["exam"]), "B"),
                (" ".join(doc["skill"] + doc["tool"]), "C"),
                (doc["summary"], "D"),
            ]
            vector = None
            for value, weight in parts:
                piece = SearchVector(Value(value, output_field=TextField()), weight=weight, config="english")
                vector = piece if vector is None else vector + piece
            values["search_vector"] = vector
        Career.objects.filter(pk=pk).update(**values)


# --- Searching ------------------------------------------------------------------------------


@dataclass
class Hit:
    career: Career
    score: float
    matches: list = field(default_factory=list)  # [(where, highlighted html)]


def search(q):
    """Published careers matching ``q`` (already cleaned), best first, with what matched."""
    words = terms(q)
    if connection.vendor == "postgresql":
        candidates = _postgres_candidates(q, words)
    else:
        candidates = _simple_candidates(words)
    if not candidates:
        return []
    docs = _documents([c.pk for c in candidates])
    hits = []
    for career in candidates:
        matches, score = _matches(docs[career.pk], words)
        if connection.vendor != "postgresql" and score == 0:
            continue  # the substring filter matched inside a word ("sde" in "inside"): not a hit
        db_rank = getattr(career, "rank", 0) or 0
        similarity = (getattr(career, "similarity", 0) or 0) + 2 * (getattr(career, "title_similarity", 0) or 0)
        hits.append(Hit(career, score + 10 * db_rank + 5 * similarity, matches))
    hits.sort(key=lambda h: (-h.score, h.career.title))
    return hits[:MAX_RESULTS]


def _simple_candidates(words):
    condition = Q()
    for word in words:
        condition &= Q(search_text__icontains=word)
    return list(Career.objects.published().filter(condition).select_related("cluster")[: MAX_RESULTS * 3])


def _postgres_candidates(q, words):
    from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity

    query = SearchQuery(" ".join(words), search_type="plain", config="english")
    return list(
        Career.objects.published()
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            similarity=TrigramWordSimilarity(q, "search_text"),
            title_similarity=TrigramWordSimilarity(q, "title"),
        )
        .filter(Q(search_vector=query) | Q(similarity__gte=TRIGRAM_THRESHOLD))
        .select_related("cluster")
        .order_by("-rank", "-title_similarity", "-similarity", "title")[: MAX_RESULTS * 3]
    )


def _matches(doc, words):
    """[(where, highlighted)] for the parts of a career that contain a query word, and a score."""
    found, score = [], 0
    for where in ("title", "job title", "exam", "skill", "tool", "summary"):
        values = doc[where] if isinstance(doc[where], list) else [doc[where]]
        for value in values:
            hit = [w for w in words if re.search(rf"\b{re.escape(w)}", value, re.I)]
            if hit:
                score += FIELD_WEIGHTS[where] * len(hit)
                if where != "title" and len(found) < 4:
                    found.append((where, highlight(value, hit)))
    return found, score


def highlight(text, words):
    """``text`` escaped, with each occurrence of a word wrapped in <mark>."""
    if not words:
        return escape(text)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")", re.I)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece of the content was escaped above
