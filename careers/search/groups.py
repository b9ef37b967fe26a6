"""The exams, degrees and skills a query names, shown after the careers.

They are few (under a thousand) and change only with the catalogue, so their names are read once
per catalogue version and language (one query, ``caching.per_version``) and each search matches
them in Python: a query word at the start of a word of a searched field, case aside (a long stem as
a prefix, a short word whole), as the database's regular expressions did."""

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

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


@lru_cache(maxsize=2048)
def _regex(word):
    """A word at the start of a word of lower-case text (a long stem as a prefix, a short word whole
    or plural). It begins with the word's letters, so ``re`` looks for it as for a substring."""
    root = re.escape(stem(word) if is_prefix(word) else word)
    start = rf"{root}(?<![a-z0-9]{root})"  # nothing but a non-letter (or the text's start) before it
    return re.compile(start if is_prefix(word) else rf"{start}s?(?![a-z0-9])")


def _read_entries():
    """The exams, degrees and skills in the page's language (one query): [(kind, slug, label,
    detail)], and their searched fields in lower case, one a line, as one text with the offset
    where each entry's lines start. A line break is not a letter or digit, so a word at the start
    of a field is at the start of a word of the text."""
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
    rows, texts, starts, offset = [], [], [], 0
    for kind, slug, label, detail, *fields in parts[0].union(*parts[1:], all=True):
        text = "\n".join(field for field in fields if field).lower() + "\n"
        rows.append((kind, slug, label, detail))
        texts.append(text)
        starts.append(offset)
        offset += len(text)
    return rows, "".join(texts), starts


def _holding(word, text, starts):
    """The indexes of the entries whose searched fields hold the word."""
    return {bisect_right(starts, m.start()) - 1 for m in _regex(word).finditer(text)}


def _matching(query, text, starts):
    """The indexes of the entries that hold every concept (any of its alternatives, each with all
    its words): one search of all the names a word."""
    found = None
    for concept in query.concepts:
        either = set()
        for alternative in concept.alternatives:
            both = None
            for word in alternative:
                holding = _holding(word, text, starts)
                both = holding if both is None else both & holding
            either |= both or set()
        found = either if found is None else found & either
    return found or set()


def matching_entries(query):
    """{kind: [Entry]} for exams, degrees and skills that match every concept of the query."""
    # Kept in the process too: the names are some 200 KB, read and unpickled from the shared cache
    # on every search otherwise.
    entries, text, starts = caching.per_version_in_process(
        CACHE_NAME, lambda: caching.per_version(CACHE_NAME, _read_entries)
    )
    rows = [entries[i] for i in sorted(_matching(query, text, starts))]
    out = {kind: [] for kind, *_rest in KINDS}
    first = normalize(" ".join(query.typed_words))
    rows.sort(key=lambda r: (not normalize(r[2]).startswith(first), r[2]))
    for kind, slug, label, detail in rows:
        if len(out[kind]) < PER_GROUP:
            out[kind].append(Entry(kind, slug, label, detail))
    return out
