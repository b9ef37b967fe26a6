"""How a career scores for a query, and why it matched: the same rules on every database.

Each concept of the query (see ``query.py``) is looked for in each part of the career; the part
that counts most decides the concept's score (other parts add a tenth of theirs, so more
evidence breaks ties). A career named by the query (title 100, job title 60) beats one reached
through an exam (up to 45), a degree (up to 50), government recruitment (35), its field (30), a
stream (20), a skill (15), a tool (10), its route's starting point (8) or its summary (5).
Careers that match every concept come before those that match some.
"""

from dataclasses import dataclass, field

from django.utils.html import format_html

from ..models import STREAMS, Career, RouteStart
from .index import GOVERNMENT_WORDS, ROUTE_WORDS, STREAM_SUBJECTS, STREAM_WORDS, stream_routes
from .text import STOPWORDS, contains, highlight, normalize

TITLE, JOB, GOV, STREAM, CLUSTER, SUBJECT, SKILL, TOOL, ROUTE, SUMMARY = 100, 60, 35, 45, 30, 12, 15, 10, 8, 5
EXAM = {"required": 45, "common": 40}
OTHER_EXAM = 20
TOOL_FIRST = 4  # the first tools listed add 4, 3, 2, 1
SKILL_IMPORTANCE = {"high": 9, "medium-high": 6, "medium": 3}  # added to SKILL: a core skill counts more
EXACT_TITLE_BONUS = 100  # the query is the title ("doctor mbbs", "nurse")
SHOWN_REASONS = 3
NAME_BASE = 0.6  # a name the query covers only a little of ("commerce" in "E-commerce Photographer")


def _coverage(alternative, text):
    """The share of a name's words that the query's words cover."""
    name_words = [w for w in text.split() if w not in STOPWORDS]
    return min(1.0, len(alternative) / len(name_words)) if name_words else 1.0


@dataclass
class Hit:
    career: Career
    score: float = 0.0
    matched: int = 0  # concepts matched
    reasons: list = field(default_factory=list)  # safe HTML, e.g. "accepts B.Com"
    title_html: str = ""
    summary_html: str = ""
    cluster: str = ""
    similar: float = 0.0  # trigram similarity of a typo match


def _parts(career):
    """[(weight, normalised text, reason builder, is a name)] for every part of a career. A name
    (title, job title, degree) counts more the more of it the query covers."""
    doc = career.search_document or {}
    out = [(TITLE, normalize(career.title), None, True)]
    for value in doc.get("job", []):
        out.append(
            (JOB, normalize(value), lambda words, v=value: format_html("job title: {}", highlight(v, words)), True)
        )
    for short, name, role in doc.get("exam", []):
        weight = EXAM.get(role, OTHER_EXAM)
        out.append((weight, normalize(f"{short} {name}"), lambda words, s=short: format_html("via {}", s)))
    if doc.get("gov"):
        first = doc["gov"][0]
        out.append((GOV, GOVERNMENT_WORDS, lambda words, s=first: format_html("government job through {}", s)))
    for name, fit, preferred, _streams in doc.get("degree", []):
        weight = 25 + 20 * fit / 100 + (5 if preferred else 0)
        out.append((weight, normalize(name), lambda words, n=name: format_html("accepts {}", n), True))
    if doc.get("cluster"):
        out.append((CLUSTER, normalize(doc["cluster"]), lambda words, c=doc["cluster"]: format_html("in {}", c)))
    for stream, degree in stream_routes(doc):
        reason = lambda words, s=stream, d=degree: format_html("open to {} students through {}", STREAMS[s], d)  # noqa: E731
        out.append((STREAM, STREAM_WORDS[stream], reason))
        out.append((SUBJECT, STREAM_SUBJECTS[stream], reason))
    for value, importance in doc.get("skill", []):
        weight = SKILL + SKILL_IMPORTANCE.get(importance, 0)
        out.append((weight, normalize(value), lambda words, v=value: format_html("skill: {}", highlight(v, words))))
    for position, value in enumerate(doc.get("tool", [])):
        weight = TOOL + max(0, TOOL_FIRST - position)  # tools are listed main ones first
        out.append((weight, normalize(value), lambda words, v=value: format_html("tool: {}", highlight(v, words))))
    route = doc.get("route")
    if route in ROUTE_WORDS:
        label = RouteStart(route).label.lower()
        out.append((ROUTE, ROUTE_WORDS[route], lambda words, label=label: format_html("starts {}", label)))
    out.append((SUMMARY, normalize(career.summary), None))
    return out


def score(career, query):
    """A Hit for the career: its score, the concepts it matched and why."""
    hit = Hit(career, cluster=(career.search_document or {}).get("cluster", ""))
    parts = _parts(career)
    marked = []
    for concept in query.concepts:
        found = []  # (weight, reason builder, words)
        for weight, text, reason, *name in parts:
            for alternative in concept.alternatives:
                if contains(text, alternative):
                    if name:
                        weight *= NAME_BASE + (1 - NAME_BASE) * _coverage(alternative, text)
                    found.append((weight, reason, alternative))
                    break
        if not found:
            continue
        found.sort(key=lambda f: -f[0])
        best_weight, _reason, best_words = found[0]
        hit.matched += 1
        hit.score += best_weight + 0.1 * sum(f[0] for f in found[1:])
        marked.extend(best_words)
        # Why: the strongest part that is not the title or summary (both are on the page).
        explained = next(((r, w) for _weight, r, w in found if r is not None), None)
        if explained and len(hit.reasons) < SHOWN_REASONS:
            reason = explained[0](explained[1])
            if reason not in hit.reasons:
                hit.reasons.append(reason)
    typed = " ".join(query.typed_words)
    if typed and normalize(career.title) in (typed, typed.replace(" ", "")):
        hit.score += EXACT_TITLE_BONUS
    hit.title_html = highlight(career.title, marked)
    hit.summary_html = highlight(career.summary, marked)
    return hit


def rank(hits):
    """Best first: careers matching more of the query, then by score, then typo similarity."""
    return sorted(hits, key=lambda h: (-h.matched, -h.score, -h.similar, h.career.title))
