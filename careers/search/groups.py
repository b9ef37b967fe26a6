"""The exams, degrees and skills a query names, shown after the careers (one query)."""

from dataclasses import dataclass

from django.db.models import F, Q, Value
from django.urls import reverse

from ..models import Degree, Exam, Skill
from .query import condition
from .text import is_prefix, normalize, stem

PER_GROUP = 5
KINDS = [  # (kind, model, label field, detail field, fields searched)
    ("exam", Exam, "short_name", "name", ["short_name", "name", "slug"]),
    ("degree", Degree, "name", "description", ["name", "slug"]),
    ("skill", Skill, "name", "description", ["name", "slug"]),
]


@dataclass
class Entry:
    kind: str
    slug: str
    label: str
    detail: str

    def get_absolute_url(self):
        return reverse(f"careers:{self.kind}", args=[self.slug])


def _regex(word):
    """A word at the start of a word (the same expression works on PostgreSQL and SQLite)."""
    if is_prefix(word):
        return rf"(^|[^a-z0-9]){stem(word)}"
    return rf"(^|[^a-z0-9])({word}|{word}s)([^a-z0-9]|$)"


def _anywhere(fields):
    def word_condition(word):
        out = Q()
        for name in fields:
            out |= Q(**{f"{name}__iregex": _regex(word)})
        return out

    return word_condition


def matching_entries(query):
    """{kind: [Entry]} for exams, degrees and skills that match every concept of the query."""
    parts = [
        model.objects.filter(condition(query, _anywhere(fields)))
        .annotate(kind=Value(kind), s=F("slug"), label=F(label), detail=F(detail))
        .order_by()
        .values_list("kind", "s", "label", "detail")
        for kind, model, label, detail, fields in KINDS
    ]
    out = {kind: [] for kind, *_rest in KINDS}
    first = normalize(" ".join(query.typed_words))
    rows = sorted(parts[0].union(*parts[1:], all=True), key=lambda r: (not normalize(r[2]).startswith(first), r[2]))
    for kind, slug, label, detail in rows:
        if len(out[kind]) < PER_GROUP:
            out[kind].append(Entry(kind, slug, label, detail))
    return out
