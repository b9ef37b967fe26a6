"""The exams, degrees and skills a query names, shown after the careers.

They are few (under a thousand) and change only with the catalogue, so their names are read once
per catalogue version and language (one query, ``caching.per_version``) and each search matches
them in Python: a query word at the start of a word of a searched field (a long stem as a prefix,
a short word whole), as the database's case-insensitive regular expressions did."""

import re
from dataclasses import dataclass

from django.db.models import CharField, F, Value
from django.urls import reverse

from .. import caching
from ..models import Degree, Exam, Skill
from .text import is_prefix, normalize, stem

PER_GROUP = 5
KINDS = [  # (kind, model, label field, detail field, fields searched)
    ("exam", Exam, "short_name", "name", ["short_name", "name", "slug"]),
    ("degree", Degree, "name", "description", ["name", "slug"]),
    ("skill", Skill, "name", "description", ["name", "slug"]),
]
SEARCHED = max(len(fields) for *_rest, fields in KINDS)  # columns of searched text in the one query
CACHE_NAME = "search-entries"


@dataclass
class Entry:
    kind: str
    slug: str
    label: str
    detail: str

    def get_absolute_url(self):
        return reverse(f"careers:{self.kind}", args=[self.slug])


def _regex(word):
    """A word at the start of a word (a long stem as a prefix, a short word whole or plural)."""
    if is_prefix(word):
        return re.compile(rf"(^|[^a-z0-9]){re.escape(stem(word))}", re.IGNORECASE)
    return re.compile(rf"(^|[^a-z0-9])({re.escape(word)}|{re.escape(word)}s)([^a-z0-9]|$)", re.IGNORECASE)


def _read_entries():
    """[(kind, slug, label, detail, searched text)] of every exam, degree and skill in the page's
    language (one query). The searched fields are kept one a line: a line break is not a letter or
    digit, so a word at the start of a field is at the start of a word of the text."""
    blank = Value("", output_field=CharField())
    parts = []
    for kind, model, label, detail, fields in KINDS:
        searched = {f"f{i}": F(name) for i, name in enumerate(fields)}
        searched.update({f"f{i}": blank for i in range(len(fields), SEARCHED)})
        parts.append(
            model.objects.annotate(kind=Value(kind), s=F("slug"), label=F(label), detail=F(detail), **searched)
            .order_by()
            .values_list("kind", "s", "label", "detail", *searched)
        )
    return [
        (kind, slug, label, detail, "\n".join(text for text in texts if text))
        for kind, slug, label, detail, *texts in parts[0].union(*parts[1:], all=True)
    ]


def _matches(query, text):
    """Every concept of the query in the text (any of its alternatives, each with all its words)."""
    return all(
        any(all(_regex(word).search(text) for word in alternative) for alternative in concept.alternatives)
        for concept in query.concepts
    )


def matching_entries(query):
    """{kind: [Entry]} for exams, degrees and skills that match every concept of the query."""
    rows = [row for row in caching.per_version(CACHE_NAME, _read_entries) if _matches(query, row[4])]
    out = {kind: [] for kind, *_rest in KINDS}
    first = normalize(" ".join(query.typed_words))
    rows.sort(key=lambda r: (not normalize(r[2]).startswith(first), r[2]))
    for kind, slug, label, detail, _text in rows:
        if len(out[kind]) < PER_GROUP:
            out[kind].append(Entry(kind, slug, label, detail))
    return out
