"""How a career scores for a query, and why it matched: the same rules on every database.

Each concept of the query (see ``query.py``) is looked for in each part of the career; the part
that counts most decides the concept's score (other parts add a tenth of theirs, so more
evidence breaks ties). A career named by the query (title 100, job title 60) beats one reached
through an exam (up to 45), a degree (up to 50), its class 12 stream (45), government
recruitment (35), its field (30), a skill (15 to 24 by importance), a tool (10 to 14), a stream
subject (12), its route's starting point (8) or its summary (5); a name counts more the more of
it the query covers. Careers that match every concept come before those that match some.
docs/search.md has the table.
"""

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.utils.html import format_html
from django.utils.translation import gettext

from ..models import STREAMS, Career, RouteStart
from .index import PARTS_SEPARATOR, decode, decode_detail
from .text import STOPWORDS, highlight, normalize, pattern, stem

WEIGHTS = {"title": 100, "job": 60, "gov": 35, "stream": 45, "cluster": 30, "subject": 12, "route": 8, "summary": 5}
SKILL, TOOL = 15, 10
NAMES = {"title", "job", "degree"}  # parts that name something: the more the query covers, the more they count
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
    cluster: str = ""
    similar: float = 0.0  # trigram similarity of a typo match
    marked: list = field(default_factory=list)  # the query words to highlight
    why: list = field(default_factory=list)  # (kind, shown, detail, words) of the parts that explain it
    # Scoring finds the parts that explain it, (kind, part index, detail, words); ``explain`` says
    # what they show once the hit is shown (what a part shows is read for the hits shown only).
    explaining: list = field(default_factory=list)

    def explain(self, search_parts, search_shown):
        """Fill ``why`` and ``cluster`` with what the career's parts show (``search_shown``)."""
        shown = search_shown.split("\n")
        self.why = [(kind, shown[index], detail, words) for kind, index, detail, words in self.explaining]
        kinds = search_parts.partition(PARTS_SEPARATOR)[2]
        at = ("\n" + kinds).find("\ncluster\t")  # where the cluster's line starts in ``kinds``
        self.cluster = shown[kinds.count("\n", 0, at)] if at >= 0 else ""

    # Built only for the hits a page shows.
    @cached_property
    def reasons(self):
        """Why it matched, as safe HTML: "accepts B.Com", "via NEET-UG", "job title: Advocate"."""
        return list(dict.fromkeys(_reason(*part) for part in self.why))[:SHOWN_REASONS]

    @cached_property
    def title_html(self):
        return highlight(self.career.title, self.marked)

    @cached_property
    def summary_html(self):
        return highlight(self.career.summary, self.marked)


def _weight(kind, detail):
    if kind == "exam":
        return EXAM.get(detail, OTHER_EXAM)
    if kind == "degree":
        fit, preferred = detail
        return 25 + 20 * fit / 100 + (5 if preferred else 0)
    if kind == "skill":
        return SKILL + SKILL_IMPORTANCE.get(detail, 0)
    if kind == "tool":
        return TOOL + max(0, TOOL_FIRST - detail)  # tools are listed main ones first
    return WEIGHTS[kind]


def _reason(kind, shown, detail, words):
    """Why a part matched, as safe HTML ("accepts B.Com", "via NEET-UG", "job title: Advocate")."""
    if kind == "job":
        return format_html(gettext("job title: {name}"), name=highlight(shown, words))
    if kind == "exam":
        return format_html(gettext("via {exam}"), exam=shown)
    if kind == "gov":
        return format_html(gettext("government job through {exam}"), exam=shown)
    if kind == "degree":
        return format_html(gettext("accepts {degree}"), degree=shown)
    if kind == "cluster":
        return format_html(gettext("in {field}"), field=shown)
    if kind in ("stream", "subject"):
        return format_html(gettext("open to {stream} students through {degree}"), stream=STREAMS[detail], degree=shown)
    if kind == "skill":
        return format_html(gettext("skill: {name}"), name=highlight(shown, words))
    if kind == "tool":
        return format_html(gettext("tool: {name}"), name=highlight(shown, words))
    if kind == "route":
        return format_html(gettext("starts {when}"), when=RouteStart(shown).label.lower())
    raise ValueError(kind)


EXPLAINED = {"job", "exam", "gov", "degree", "cluster", "stream", "subject", "skill", "tool", "route"}


def document(career):
    """The career's parts, [[kind, normalised text, what to show, detail]] (``index.parts``), as
    ranking and the page read them from ``search_parts`` and ``search_shown``."""
    return decode(career.search_parts, getattr(career, "search_shown", ""))


def names(career):
    """The title and job titles the career's parts hold, as shown."""
    return [shown for kind, _text, shown, _detail in document(career) if kind in ("title", "job")]


@lru_cache(maxsize=4096)
def _part(line):
    """(kind, detail, weight) of a part's "kind<TAB>detail" line (few lines differ)."""
    kind, detail = decode_detail(line)
    return kind, detail, _weight(kind, detail)


def _holding(alternative, joined):
    """The indexes of the parts (their texts ``joined`` one a line) that hold every word of the
    alternative (``text.pattern``): one search of the whole text a word, not one a part."""
    out = None
    for word in alternative:
        if stem(word) not in joined:  # cheap: most words of most careers fail here
            return ()
        found = {joined.count("\n", 0, m.start()) for m in pattern(word).finditer(joined)}
        out = found if out is None else out & found
        if not out:
            return ()
    return out


def score(career, query):
    """A Hit for the career: its score, the concepts it matched and why."""
    joined, _sep, kinds = career.search_parts.partition(PARTS_SEPARATOR)  # the texts, one a line
    hit = Hit(career)
    lines = texts = None  # split only when some concept is found
    for concept in query.concepts:
        holding = {}  # part index -> the first alternative it holds
        for alternative in concept.alternatives:
            for index in _holding(alternative, joined):
                holding.setdefault(index, alternative)
        if not holding:
            continue
        if lines is None:
            lines, texts = kinds.split("\n"), joined.split("\n")
        found = []  # (weight, index, kind, detail, words), in part order
        for index in sorted(holding):
            alternative = holding[index]
            kind, detail, weight = _part(lines[index])
            if kind in NAMES:
                weight *= NAME_BASE + (1 - NAME_BASE) * _coverage(alternative, texts[index])
            found.append((weight, index, kind, detail, alternative))
        found.sort(key=lambda f: -f[0])
        hit.matched += 1
        hit.score += found[0][0] + 0.1 * sum(f[0] for f in found[1:])
        hit.marked.extend(found[0][4])
        # Why: the strongest part that is not the title or summary (both are on the page).
        explaining = next(((k, i, d, w) for _w, i, k, d, w in found if k in EXPLAINED), None)
        if explaining:
            hit.explaining.append(explaining)
    typed = " ".join(query.typed_words)
    # The first part is the normalised title (read from it: the title attribute costs more).
    title = joined.partition("\n")[0] if kinds.startswith("title\t") else normalize(career.title)
    if typed and title in (typed, typed.replace(" ", "")):
        hit.score += EXACT_TITLE_BONUS
    return hit


def rank(hits):
    """Best first: careers matching more of the query, then by score, then typo similarity, then by
    title and id (titles as shown can tie: a Hindi title is not unique)."""
    return sorted(hits, key=lambda h: (-h.matched, -h.score, -h.similar, h.career.title, h.career.pk))
