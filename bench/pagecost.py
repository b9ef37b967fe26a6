"""What every public page costs inside one Django process (no HTTP, no gunicorn): the uncached p50,
the SQL queries and the HTML bytes, raw and gzipped (issue 16). Runs inside Django on the
benchmark's database, through ``python -m bench.inprocess pages``.

"Uncached" means the whole-page cache never answers: every request carries a query parameter no
request had before (``_bench=<n>``, which every view ignores), so the page cache misses. Fragment
caches inside a page are another matter, and the career page is measured both ways: a career
rendered for the first time in this process ("first render": every fragment is built) and the same
career again with the page cache missed ("fragments cached").

The finder is measured right after a content change (its catalogue read from the database by the
first worker that needs it), cold (the first request of a fresh process: it reads its catalogue
from the shared cache, or from the database with the local-memory cache, which no other process
shares) and warm (its catalogue kept in the process), and the memory its catalogue takes is counted
with ``tracemalloc``.
"""

import gc
import gzip
import statistics
import time
import tracemalloc
import uuid

GZIP_LEVEL = 6  # the level docs/deploy.md asks the proxy for (nginx gzip_comp_level 6)
FINDER = (
    "/finder/?stage=class12&stream=pcm&interests=code&interests=numbers&interests=puzzles"
    "&skills=python-programming&min_salary=4&avoid=shifts"
)
# The finder's other pages with FINDER's answers: its form filled in, and its skills step (with and
# without a skill looked for by name).
FINDER_ANSWERS = FINDER.replace("/finder/?", "/finder/answers/?")
FINDER_SKILLS = FINDER.replace("/finder/?", "/finder/skills/?")
FINDER_SKILLS_FIND = f"{FINDER_SKILLS}&skill_name=data"
SEARCH = "/search/?q=data+analyst"
SEARCHES = [SEARCH, "/search/?q=nurse", "/search/?q=python"]
# डॉक्टर and इंजीनियर: Hindi search through the simple-configuration index (issue 17).
HINDI_SEARCHES = ["/hi/search/?q=%E0%A4%A1%E0%A5%89%E0%A4%95%E0%A5%8D%E0%A4%9F%E0%A4%B0",
                  "/hi/search/?q=%E0%A4%87%E0%A4%82%E0%A4%9C%E0%A5%80%E0%A4%A8%E0%A4%BF%E0%A4%AF%E0%A4%B0"]  # fmt: skip


def _most_used(section_name):
    """The vocabulary entry that the most published careers list in this section: its reverse page
    is the longest list of that kind."""
    from django.db.models import Count

    from careers import models as m
    from careers.sections import BY_NAME

    section = BY_NAME[section_name]
    field = section.model._meta.get_field(section.vocabulary)
    rows = section.model.objects.filter(m.Career.published_q("career__"))
    top = rows.values(f"{section.vocabulary}__slug").annotate(n=Count("id")).order_by("-n").first()
    return top[f"{section.vocabulary}__slug"] if top else field.related_model.objects.values_list("slug").first()


def page_urls():
    """{page name: [URLs]}: every kind of public page, at the longest list of its kind (the biggest
    cluster, the most-listed skill, degree, industry, tool and exam). Kinds about one career cycle
    through different careers."""
    from django.db.models import Count

    from careers import browse
    from careers import models as m
    from careers.comparison import pair_slug

    published = list(m.Career.objects.published().order_by("slug").values_list("slug", flat=True))
    step = max(1, len(published) // 40)
    spread = published[::step][:40]
    cluster = m.Cluster.objects.annotate(n=Count("careers")).order_by("-n").values_list("slug", flat=True).first()
    exam = (
        m.Exam.objects.annotate(n=Count("career_exams")).order_by("-n").values_list("slug", flat=True).first()
        if m.Exam.objects.exists()
        else None
    )
    triples = [",".join(spread[i : i + 3]) for i in range(0, len(spread) - 2, 3)]
    last = max(1, -(-len(published) // browse.PAGE_SIZE))  # browse's last page
    deep = [f"/careers/?sort={sort}&page={page}" for sort in ("title", "salary") for page in (last * 7 // 10, last)]
    pairs = [sorted(spread[i : i + 2]) for i in range(0, len(spread) - 1, 2)]
    urls = {
        "home": ["/"],
        "browse": ["/careers/", "/careers/?sort=salary&page=3"],
        "browse_deep": deep,
        "search": SEARCHES,
        "cluster": [f"/clusters/{cluster}/"],
        "skill": [f"/skills/{_most_used('skills')}/"],
        "degree": [f"/degrees/{_most_used('degrees')}/"],
        "industry": [f"/industries/{_most_used('industries')}/"],
        "tool": [f"/tools/{_most_used('tools')}/"],
        "compare": [f"/compare/?careers={t}" for t in triples],
        "compare_find": [f"/compare/?careers={triples[0].rsplit(',', 1)[0]}&find=data"],
        "compare_suggest": ["/compare/suggest/?q=dat"],
        "pair": [f"/compare/{pair_slug(a, b)}/" for a, b in pairs],
        "transition": [f"/compare/{a}/to/{b}/" for a, b in pairs],
        "finder_form": ["/finder/"],
        "finder_answers": [FINDER_ANSWERS],
        "finder_skills": [FINDER_SKILLS],
        "finder_skills_find": [FINDER_SKILLS_FIND],
        "finder_method": ["/finder/how-it-works/"],
        "exams": ["/exams/"],
        # The same pages in Hindi (/hi/): the interface translated, content from the *_hi columns.
        "hindi_home": ["/hi/"],
        "hindi_browse": ["/hi/careers/"],
        "hindi_search": HINDI_SEARCHES,
        "hindi_finder": [f"/hi{FINDER}"],
        "hindi_finder_form": ["/hi/finder/"],
        "hindi_finder_answers": [f"/hi{FINDER_ANSWERS}"],
        "hindi_finder_skills": [f"/hi{FINDER_SKILLS}"],
        "hindi_finder_skills_find": [f"/hi{FINDER_SKILLS_FIND}"],
        "hindi_career": [f"/hi/careers/{slug}/" for slug in spread],
    }
    if exam:
        urls["exam"] = [f"/exams/{exam}/"]
    return urls, [f"/careers/{slug}/" for slug in spread]


# Requests a page: the median of 31 rather than 15, so that a burst of other work on the machine
# (2 cores, shared) moves fewer medians.
PAGE_REPS = 31
COLD_REPS = 3  # the finder after a content change, and in a new worker


def _client():
    from django.test import Client

    return Client(HTTP_HOST="127.0.0.1")


class _Timer:
    """Times GETs through Django's test client (middleware, view, template), counting queries and
    checking every answer is a 200."""

    def __init__(self):
        self.client = _client()
        self.n = 0
        # A run's own mark in every address: the page cache (Redis outlives a run) never holds them.
        self.run = uuid.uuid4().hex[:8]

    def get(self, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from .servers import BenchError

        self.n += 1
        address = f"{url}{'&' if '?' in url else '?'}_bench={self.run}-{self.n}"
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = self.client.get(address)
            ms = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise BenchError(f"in-process: {address} answered {response.status_code}")
        return ms, len(queries), response.content


def _summary(times, queries, body):
    return {
        "p50_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
        "n": len(times),
        "queries": queries,
        "html_bytes": len(body),
        "gzip_bytes": len(gzip.compress(body, compresslevel=GZIP_LEVEL)),
    }


def pages(reps=None):
    """Every public page: {name: summary}, plus the finder cold/warm and its memory."""
    from careers.models import Career

    reps = reps or PAGE_REPS
    timer = _Timer()
    urls, careers = page_urls()
    out = {"careers": Career.objects.published().count(), "pages": {}}

    # The finder first, in a process that has not loaded its careers yet (after one other page, so
    # that the time is the finder's, not the process's first request): right after a content change,
    # when no worker has the new version's catalogue (it is read from the database and stored in the
    # shared cache), then as a new worker would find it (read from the shared cache; from the
    # database again with the local-memory cache, which no other process shares).
    from careers import caching

    # Each the median of COLD_REPS: one request is at the mercy of whatever else the machine does.
    rebuild, cold = [], []
    for _ in range(COLD_REPS):
        timer.get("/")
        caching.bump()
        rebuild.append(timer.get(FINDER)[0])
        caching.forget_in_process()
        timer.get("/")
        cold.append(timer.get(FINDER)[0])
    out["finder_rebuild_ms"], out["finder_cold_ms"] = statistics.median(rebuild), statistics.median(cold)
    out["finder_memory"] = finder_memory()
    urls = {"finder": [FINDER], **urls}

    # A career's first render: each rep a career this process has not rendered.
    times = []
    for i in range(min(reps, len(careers))):
        ms, queries, body = timer.get(careers[i])
        times.append(ms)
    out["pages"]["career_first"] = _summary(times, queries, body)

    # Every other page, in rounds of one request each (the same careers again among them: the page
    # cache misses, a new query string, fragment caches may not), so that a burst of other work on
    # the machine costs each page a request or two rather than a few pages their whole median.
    urls = {"career": careers[: min(reps, len(careers))], **urls}
    for name, addresses in urls.items():
        if name != "career":
            timer.get(addresses[0])  # imports, template loading and per-process caches, once
    times, last = {name: [] for name in urls}, {}
    for i in range(reps):
        for name, addresses in urls.items():
            ms, queries, body = timer.get(addresses[i % len(addresses)])
            times[name].append(ms)
            last[name] = (queries, body)
    for name in urls:
        out["pages"][name] = _summary(times[name], *last[name])
    out["search_plans"] = search_plans()
    return out


def search_plans():
    """{query: [(plan nodes, execution ms)]}: EXPLAIN ANALYZE of every query the measured searches
    run (``careers.search.explain``), each plan reduced to its nodes (what scans which index, with
    the rows it found) and PostgreSQL's execution time. None on SQLite."""
    import re
    from urllib.parse import parse_qs, urlsplit

    from django.db import connection
    from django.utils import translation

    from careers.search.explain import explain

    if connection.vendor != "postgresql":
        return None
    out = {}
    for url in SEARCHES + HINDI_SEARCHES:
        q = parse_qs(urlsplit(url).query)["q"][0]
        with translation.override("hi" if url.startswith("/hi/") else "en"):
            plans = explain(q)
        out[q] = []
        for _sql, plan in plans:
            nodes = []
            for line in plan.splitlines():
                node = line.strip().removeprefix("->").strip()
                if " (cost=" in node:  # a plan node: its name and the rows it really found
                    name, _, rest = node.partition(" (cost=")
                    found = re.search(r"actual time=[\d.]+\.\.[\d.]+ rows=(\d+)", rest)
                    nodes.append(f"{name} (rows={found.group(1)})" if found else name)
            executed = re.search(r"Execution Time: ([\d.]+) ms", plan)
            out[q].append((nodes, float(executed.group(1)) if executed else None))
    return out


def finder_memory():
    """Bytes the finder's data takes in one process (what each gunicorn worker keeps), measured with
    tracemalloc: the score rows as a worker unpickles them from the shared cache, their columns
    (``columns_bytes``: what ranking reads) and the ten careers a results page shows (each career's
    own data is read from the cache only when it is shown), and the same with every career shown
    at least once (the most a worker can come to hold); how many
    careers that is; and the sizes of the stored values (the rows, which a new worker reads, and all
    the careers' own data, read ten at a time)."""
    import pickle

    from careers import finder, finder_candidates
    from careers.finder_scoring import SLUG

    plain, rows = finder_candidates.pack(finder_candidates.load_candidates())
    blob = pickle.dumps(rows, pickle.HIGHEST_PROTOCOL)
    by_slug = {row[SLUG]: data for row, data in zip(rows, plain, strict=True)}
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    catalogue = finder_candidates.Catalogue((None, pickle.loads(blob)), lambda slugs: {s: by_slug[s] for s in slugs})
    catalogue.prefetch(range(min(finder.TOP, len(catalogue))))
    gc.collect()
    rows_only = tracemalloc.get_traced_memory()[0]
    catalogue.columns  # noqa: B018 (made on a worker's first ranking, kept with the rows)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    catalogue.prefetch(range(len(catalogue)))
    gc.collect()
    every = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return {
        "bytes": after - before,
        "columns_bytes": after - rows_only,
        "bytes_every_career_shown": every - before,
        "careers": len(catalogue),
        "stored_bytes": len(blob),
        "careers_stored_bytes": sum(len(data) for data in plain),
    }
