"""How search reads text: one normalisation for the index and for queries, word stems and the
patterns that find a query word in a field (the same on PostgreSQL and SQLite)."""

import html
import re
import unicodedata
from functools import lru_cache

from django.utils.safestring import SafeData, SafeString, mark_safe

# Grammar words that never decide a search; Hinglish and other filler words are content
# (synonyms with nothing to stand for, in fixtures/vocabulary/synonyms.yaml).
STOPWORDS = {"a", "an", "and", "the", "of", "for", "in", "to", "jobs", "job", "career", "careers", "india", "or"}
# A stem this long matches as a prefix ("paint" finds "painter", "math" finds "mathematics");
# shorter ones match whole words only ("art" does not find "artificial").
PREFIX_MIN = 4

_DOTTED = re.compile(r"\b([a-z]{1,5})\.(?=[a-z])")  # b.com, m.sc, b.f.sc, pharm.d, ph.d
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text):
    """Lower case, abbreviations closed up ("B.Com" -> "bcom"), '&' as 'and', everything else
    that is not a letter or digit as one space."""
    text = unicodedata.normalize("NFKC", text or "").lower().replace("&", " and ")
    for _ in range(3):  # b.f.sc -> bf.sc -> bfsc
        closed = _DOTTED.sub(r"\1", text)
        if closed == text:
            break
        text = closed
    return _NON_WORD.sub(" ", text).strip()


def words(text):
    return normalize(text).split()


# A query's last word may be half typed ("data ana"): the query marks it with this suffix and it
# matches as a prefix whatever its length.
TYPING = "*"


@lru_cache(maxsize=4096)
def stem(word):
    """A light English stem, close to what PostgreSQL's english configuration does to a word."""
    if word.endswith(TYPING):
        return word[: -len(TYPING)]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 6 and word.endswith("ics"):  # economics -> econom (economist), statistics
        return word[:-3]
    if len(word) > 6 and word.endswith("ism"):  # journalism -> journal (journalist)
        return word[:-3]
    if len(word) > 6 and word.endswith("istry"):  # dentistry -> dentist
        return word[:-3]
    if len(word) > 6 and word.endswith("y"):  # photography -> photograph (photographer), biology
        return word[:-1]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "i"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def is_prefix(word):
    return word.endswith(TYPING) or len(stem(word)) >= PREFIX_MIN


@lru_cache(maxsize=2048)
def pattern(word):
    """The regular expression that finds a query word in normalised text, at the start of a word: a
    long stem as a prefix, a short word whole (or with a plural ending). It begins with the stem's
    letters and checks the word boundary behind them, so ``re`` looks for it as fast as for a
    substring (a leading ``\\b`` is tried at every position of a career's text)."""
    root = re.escape(stem(word))
    start = rf"{root}(?<=\b{root})"
    if is_prefix(word):
        return re.compile(start)
    rest = re.escape(word[len(stem(word)) :])  # a stem is the word without its ending
    return re.compile(rf"{start}(?:{rest})?(?:s|es)?\b")


def escape(text):
    """Django's ``escape`` without its check for lazy text (a search page escapes some 700 pieces)."""
    return html.escape(str(text))


def format_html(template, *args):
    """Django's ``format_html`` for text and safe HTML (``str.format`` with each argument escaped
    unless it is safe HTML already), without its checks for lazy text: for the search page's hits."""
    return SafeString(template.format(*(arg if isinstance(arg, SafeData) else escape(arg) for arg in args)))


def highlight(text, words_to_mark):
    """``text`` escaped, with each occurrence of a query word wrapped in <mark>."""
    if not words_to_mark:
        return mark_safe(escape(text))
    spans = []
    lowered = text.lower()
    for word in words_to_mark:
        for m in pattern(word).finditer(lowered):
            end = m.end()
            while end < len(text) and lowered[end].isalnum():
                end += 1
            spans.append((m.start(), end))
    if not spans:
        return mark_safe(escape(text))
    spans.sort()
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece of the content was escaped above
