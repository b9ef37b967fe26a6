"""What search indexes for each career, and ``reindex()`` (called only by the write hook,
``careers/changes.py``).

Students search by title, by the job titles a career goes by, by the degree they hold or plan
("bcom", "B.Tech"), by their class 12 stream (through the degrees a career accepts), by exam
("neet"), by field (cluster), and by skill or tool. Each career keeps:

* ``search_parts`` and ``search_shown``: those parts, for ranking and for saying why a career
  matched, as plain lines that a search splits rather than decodes (``encode``, ``decode_detail``):
  ranking reads ``search_parts`` for every candidate, the page ``search_shown`` for its hits only;
* ``search_text``: all of it normalised, for SQLite's word matching;
* ``search_names``: the title and job titles only, how close a typo comes to them on PostgreSQL
  (trigram word similarity), and ``search_names_vector``, their own small full-text vector, ranked
  first; the same names one row each in ``SearchName``, whose trigram index finds the typos;
* ``search_vector`` (PostgreSQL): the weighted full-text vector, A for the title, B for what
  names the career (job titles, required exams, degrees that fit best, government recruitment),
  C for cluster, streams, other degrees and exams, skills, D for tools, route and summary.
"""

from functools import lru_cache

from django.db import connection

from ..models import (
    STREAMS,
    Career,
    CareerDegree,
    CareerExam,
    CareerSkill,
    CareerTool,
    Exam,
    JobTitle,
    RouteStart,
    SearchName,
)
from .text import normalize

# A degree counts as strongly fitting (weight B) at this fit or when marked preferred.
STRONG_FIT = 70
# A stream is a signal only through degrees that few streams lead to (B.Com: commerce; not BBA,
# which every stream may take), and only through degrees that fit the career.
STREAM_DEGREE_MAX_STREAMS = 2
STREAM_MIN_FIT = 60
# Exams on the main route (the rest were employers' or optional ones).
MAIN_ROLES = {"required", "common"}
# What students call each stream (a strong signal: "commerce" means the stream) and its subjects
# (a weak one: "maths" should find careers built on mathematics before every PCM career).
STREAM_WORDS = {"pcm": "pcm science", "pcb": "pcb science", "commerce": "commerce", "arts": "arts humanities"}
STREAM_SUBJECTS = {
    "pcm": "physics chemistry mathematics",
    "pcb": "physics chemistry biology",
    "commerce": "accountancy business studies economics",
    "arts": "history political science geography",
}
# The route's starting point, as students write it ("after 12th").
ROUTE_WORDS = {
    RouteStart.AFTER_10: "after 10th class 10",
    RouteStart.AFTER_12: "after 12th class 12",
    RouteStart.AFTER_DEGREE: "after graduation after a degree",
}
GOVERNMENT_WORDS = "government job"


def documents(career_ids=None):
    """{career id: (title, summary, document)} for the given careers (all when None): 6 queries."""
    careers = Career.objects.all() if career_ids is None else Career.objects.filter(pk__in=career_ids)
    docs, titles = {}, {}
    for pk, title, summary, cluster, route in careers.values_list(
        "pk", "title", "summary", "cluster__name", "route_start"
    ):
        titles[pk] = (title, summary)
        docs[pk] = {
            "job": [],
            "exam": [],
            "gov": [],
            "degree": [],
            "cluster": cluster or "",
            "skill": [],
            "tool": [],
            "route": route,
        }
    for career_id, value in JobTitle.objects.filter(career__in=careers).values_list("career_id", "title"):
        docs[career_id]["job"].append(value)
    for career_id, short, name, role, purpose in CareerExam.objects.filter(career__in=careers).values_list(
        "career_id", "exam__short_name", "exam__name", "role", "exam__purpose"
    ):
        docs[career_id]["exam"].append([short, name, role])
        if purpose == Exam.Purpose.RECRUITMENT and role in MAIN_ROLES:
            docs[career_id]["gov"].append(short)
    for career_id, name, fit, preferred, streams in CareerDegree.objects.filter(career__in=careers).values_list(
        "career_id", "degree__name", "fit_score", "preferred", "degree__streams"
    ):
        docs[career_id]["degree"].append([name, fit, preferred, streams])
    for career_id, name, importance in CareerSkill.objects.filter(career__in=careers).values_list(
        "career_id", "skill__name", "importance"
    ):
        docs[career_id]["skill"].append([name, importance])
    for career_id, name in CareerTool.objects.filter(career__in=careers).values_list("career_id", "tool__name"):
        docs[career_id]["tool"].append(name)
    return {pk: (*titles[pk], doc) for pk, doc in docs.items()}


def stream_routes(doc):
    """[(stream, degree name)]: the class 12 streams that lead to the career through a degree it
    accepts (only degrees few streams lead to, and that fit well)."""
    out = []
    for name, fit, _preferred, streams in doc["degree"]:
        listed = [s.strip() for s in streams.split(",") if s.strip() in STREAMS]
        if listed and len(listed) <= STREAM_DEGREE_MAX_STREAMS and fit >= STREAM_MIN_FIT:
            out.extend((stream, name) for stream in listed)
    return out


def strong_degree(fit, preferred):
    return preferred or fit >= STRONG_FIT


def parts(title, summary, doc):
    """[[kind, normalised text, what to show, detail]] of one career: what ranking reads (stored
    by ``encode``, so a search normalises nothing but the query)."""
    out = [["title", normalize(title), title, None]]
    out += [["job", normalize(v), v, None] for v in doc["job"]]
    out += [["exam", normalize(f"{short} {name}"), short, role] for short, name, role in doc["exam"]]
    if doc["gov"]:
        out.append(["gov", GOVERNMENT_WORDS, doc["gov"][0], None])
    out += [["degree", normalize(n), n, [fit, preferred]] for n, fit, preferred, _s in doc["degree"]]
    if doc["cluster"]:
        out.append(["cluster", normalize(doc["cluster"]), doc["cluster"], None])
    for stream, degree in stream_routes(doc):
        out.append(["stream", STREAM_WORDS[stream], degree, stream])
        out.append(["subject", STREAM_SUBJECTS[stream], degree, stream])
    out += [["skill", normalize(name), name, importance] for name, importance in doc["skill"]]
    out += [["tool", normalize(name), name, position] for position, name in enumerate(doc["tool"])]
    if doc["route"] in ROUTE_WORDS:
        out.append(["route", ROUTE_WORDS[doc["route"]], doc["route"], None])
    out.append(["summary", normalize(summary), "", None])
    return out


# ``search_parts``: the parts' normalised texts one a line (no normalised text holds a line break or
# this separator), the separator, then each part's "kind<TAB>detail" one a line, in the same order.
# ``search_shown``: what each part shows, one a line, in the same order (a line break in a name
# shows as a space, as HTML shows it). Ranking finds a word in the texts as they are stored and
# reads the kind and detail only of the parts that hold it, and no search decodes JSON.
PARTS_SEPARATOR = "\x1e"


def encode(career_parts):
    """(``search_parts``, ``search_shown``) of a career's ``parts``."""
    texts = "\n".join(text for _kind, text, _shown, _detail in career_parts)
    kinds = "\n".join(f"{kind}\t{_detail_text(detail)}" for kind, _text, _shown, detail in career_parts)
    shown = "\n".join(shown.replace("\n", " ") for _kind, _text, shown, _detail in career_parts)
    return texts + PARTS_SEPARATOR + kinds, shown


def _detail_text(detail):
    if detail is None:
        return ""
    if isinstance(detail, list | tuple):  # a degree's [fit, preferred]
        fit, preferred = detail
        return f"{fit} {int(bool(preferred))}"
    return str(detail)


@lru_cache(maxsize=4096)
def decode_detail(line):
    """(kind, detail) from a "kind<TAB>detail" line of ``search_parts``: the detail as ``parts``
    made it (a degree's (fit, preferred), a tool's position, an exam's role, a skill's importance,
    a stream; None for the rest). Few lines differ, so each is read once."""
    kind, _tab, text = line.partition("\t")
    if kind == "degree":
        fit, preferred = text.split(" ")
        return kind, (int(fit), preferred == "1")
    if kind == "tool":
        return kind, int(text)
    return kind, text or None


def decode(search_parts, search_shown=""):
    """[[kind, normalised text, what to show, detail]] back from the stored columns (``parts``
    as ``encode`` stored them; what they show is "" when ``search_shown`` is not given)."""
    if not search_parts:
        return []
    texts, _sep, kinds = search_parts.partition(PARTS_SEPARATOR)
    texts, kinds = texts.split("\n"), kinds.split("\n")
    shown = search_shown.split("\n") if search_shown else [""] * len(texts)
    out = []
    for line, text, what in zip(kinds, texts, shown, strict=True):
        kind, detail = decode_detail(line)
        out.append([kind, text, what, list(detail) if kind == "degree" else detail])
    return out


def _letter(kind, detail):
    """The full-text weight of a part: A names the career, B says what it mainly takes, C what
    it relates to, D the rest."""
    if kind == "title":
        return "A"
    if kind in ("job", "gov") or (kind == "exam" and detail in MAIN_ROLES):
        return "B"
    if kind == "degree":
        return "B" if strong_degree(*detail) else "C"
    if kind in ("exam", "cluster", "stream", "skill"):
        return "C"
    return "D"


def weighted_parts(career_parts):
    """{weight letter: text} of one career's parts."""
    texts = {"A": [], "B": [], "C": [], "D": []}
    for kind, text, _shown, detail in career_parts:
        texts[_letter(kind, detail)].append(text)
    return {letter: " | ".join(values) for letter, values in texts.items()}


def reindex(career_ids=None):
    """Refresh the search columns of the given careers (all when None)."""
    postgres = connection.vendor == "postgresql"
    found = documents(career_ids)
    SearchName.objects.filter(career_id__in=list(found)).delete()
    SearchName.objects.bulk_create(
        SearchName(career_id=pk, name=name) for pk, (title, _s, doc) in found.items() for name in [title, *doc["job"]]
    )
    for pk, (title, summary, doc) in found.items():
        career_parts = parts(title, summary, doc)
        weighted = weighted_parts(career_parts)
        search_parts, search_shown = encode(career_parts)
        values = {
            "search_text": " | ".join(weighted.values()),
            "search_names": " | ".join([title, *doc["job"]]),
            "search_parts": search_parts,
            "search_shown": search_shown,
        }
        if postgres:
            values["search_vector"] = _vector(weighted)
            values["search_names_vector"] = _vector({"A": normalize(values["search_names"])})
        Career.objects.filter(pk=pk).update(**values)


def _vector(parts):
    from django.contrib.postgres.search import SearchVector
    from django.db.models import TextField, Value

    vector = None
    for letter, text in parts.items():
        piece = SearchVector(Value(text, output_field=TextField()), weight=letter, config="english")
        vector = piece if vector is None else vector + piece
    return vector
