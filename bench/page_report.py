"""Issue 16's part of the report: every public page in-process at every size (``bench/pagecost.py``),
the finder's figures, and the verdicts against issue 16's targets. ``report`` puts it in the block."""

from .pagecost import COLD_REPS, PAGE_REPS

TARGET_PAGE_P50_MS = 50
TARGET_PAGE_HTML_KB = 120
TARGET_GROWTH = 1.5  # at 10,000 careers, at most this times the 5,000 figure
TARGET_SEARCH_P50_MS = 20
TARGET_FINDER_WARM_MS = 50
TARGET_FINDER_COLD_MS = 100
TARGET_CAREER_MS = 10
TARGET_AT, TARGET_BIG = 5000, 10000

PAGE_LABELS = {
    "home": "Home",
    "browse": "Browse (first page; page 3 by salary)",
    "browse_deep": "Browse, deep pages (70 % in and the last, by title and by salary)",
    "search": "Search (3 queries in turn)",
    "finder": "Finder, warm (a typical profile)",
    "cluster": "Cluster page (the biggest cluster)",
    "skill": "Skill page (the most-listed skill)",
    "degree": "Degree page (the most-listed degree)",
    "industry": "Industry page (the most-listed industry)",
    "tool": "Tool page (the most-listed tool)",
    "compare": "Compare of 3",
    "compare_find": "Compare: the picker's results without JavaScript",
    "compare_suggest": "Compare: the picker's suggestions (JSON)",
    "pair": "Pair page (compare of 2)",
    "transition": "Transition page",
    "finder_form": "Finder's form, empty (/finder/)",
    "finder_answers": "Finder's form filled in (/finder/answers/)",
    "finder_skills": "Finder's skills step (/finder/skills/)",
    "finder_skills_find": "Finder's skills step, a skill looked for by name",
    "finder_method": "How the finder works",
    "exams": "Exam list",
    "exam": "Exam page (the exam most careers list)",
    "career_first": "Career page, first render (fragments built)",
    "career": "Career page, again (page cache missed, fragments cached)",
    "hindi_home": "Hindi: home (/hi/)",
    "hindi_browse": "Hindi: browse",
    "hindi_search": "Hindi: search (डॉक्टर, इंजीनियर)",
    "hindi_finder": "Hindi: finder, warm",
    "hindi_finder_form": "Hindi: finder's form, empty",
    "hindi_finder_answers": "Hindi: finder's form filled in",
    "hindi_finder_skills": "Hindi: finder's skills step",
    "hindi_finder_skills_find": "Hindi: finder's skills step, a skill looked for by name",
    "hindi_career": "Hindi: career page (page cache missed)",
}
# The previous run measured some pages with wrk, 1 connection, over HTTP (not in-process).
PREVIOUS_WRK = {
    "finder": "finder",
    "compare": "compare",
    "career_first": "career_cold",
    "search": "search",
    "browse": "browse",
    "home": "home",
}


def fmt_ms(value):
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def yes(met):
    return "yes" if met else "**no**"


def _kb(n):
    return f"{n / 1024:.1f}"


def _stage_pages(results):
    return {s["careers"]: s["pages"] for s in results.get("scale", []) if s.get("pages")}


def _every_shown(mem):
    """How much the finder's data comes to once a worker has shown every career (older runs: nothing)."""
    every = mem.get("bytes_every_career_shown")
    return f"; {every / 1024 / 1024:.1f} MB once every career has been shown" if every else ""


def pages_section(results):
    """The Markdown table of every public page in-process at every size, with the previous run's
    figure at 5,000 beside it."""
    stages = _stage_pages(results)
    if not stages:
        return []
    sizes = sorted(stages)
    previous = (results.get("previous") or {}).get("scale", {}).get(str(TARGET_AT), {})
    prev_note = (
        f"previous run ({results['previous']['date']}, {results['previous']['revision']})"
        if results.get("previous")
        else "previous run"
    )
    head = " | ".join(f"{n:,} p50 ms" for n in sizes)
    lines = [
        "",
        "### Every public page in-process, uncached (issue 16)",
        "",
        "Inside one Django process on the run's database (Django's test client: middleware, view, template; no "
        f"HTTP), each page requested {PAGE_REPS} times with a query parameter no request had before, so the whole-page "
        "cache never answers; the median. The requests go in rounds of one request of each page (a career's first "
        "render excepted), so that a burst of other work on the machine costs each page a request or two. "
        "Pages about one thing are measured at the longest list of their kind. "
        f"Queries and HTML at {TARGET_AT:,} careers; gzip at level 6 (what docs/deploy.md configures). "
        f"The last column is the {prev_note} at {TARGET_AT:,}: in-process where it measured that, otherwise "
        "(marked wrk) over HTTP with one connection, which adds about 1–2 ms.",
        "",
        f"| Page | {head} | Queries | HTML KB | gzip KB | 10,000 / 5,000 | Previous at 5,000 |",
        "|---|" + "---:|" * (len(sizes) + 5),
    ]
    at = stages.get(TARGET_AT) or stages[sizes[-1]]
    for name, label in PAGE_LABELS.items():
        if name not in at["pages"]:
            continue
        cells = [fmt_ms(stages[n]["pages"][name]["p50_ms"]) if name in stages[n]["pages"] else "—" for n in sizes]
        p = at["pages"][name]
        growth = _growth(stages, name)
        prev = previous.get(f"page:{name}")
        if prev is None and name in PREVIOUS_WRK and PREVIOUS_WRK[name] in previous:
            prev_text = f"{fmt_ms(previous[PREVIOUS_WRK[name]])} (wrk)"
        else:
            prev_text = fmt_ms(prev) if prev is not None else "—"
        lines.append(
            f"| {label} | {' | '.join(cells)} | {p['queries']} | {_kb(p['html_bytes'])} | {_kb(p['gzip_bytes'])} | "
            f"{f'{growth:.2f}×' if growth else '—'} | {prev_text} |"
        )
    finder_lines = []
    for n in sizes:
        s = stages[n]
        mem = s.get("finder_memory") or {}
        finder_lines.append(
            f"| {n:,} | {fmt_ms(s['finder_rebuild_ms']) if 'finder_rebuild_ms' in s else '—'} | "
            f"{fmt_ms(s['finder_cold_ms'])} | "
            f"{fmt_ms(s['pages']['finder']['p50_ms'])} | "
            f"{mem.get('bytes', 0) / 1024 / 1024:.1f} MB ({mem.get('careers', 0):,} careers){_every_shown(mem)} |"
        )
    lines += [
        "",
        "The finder after a content change (the first finder request of any worker once the catalogue has "
        "changed: it reads every published career from the database, stores them in the shared cache, and "
        "the other workers wait for it rather than doing the same), in a fresh process (cold: the first finder "
        "request of a new worker, which reads the catalogue from the shared cache, or from the database with "
        f"the local-memory cache; each the median of {COLD_REPS}) and warm (kept in the process until the catalogue "
        "changes), and the memory "
        "its data takes in each worker (tracemalloc around one load).",
        "",
        "| Published careers | Finder after a content change ms | Finder cold ms | Finder warm p50 ms "
        "| Finder data per worker |",
        "|---:|---:|---:|---:|---:|",
        *finder_lines,
    ]
    return lines + _search_plans(stages)


def _search_plans(stages):
    """Search's queries at 5,000 careers as PostgreSQL ran them (EXPLAIN ANALYZE), each plan as its
    nodes, with the execution time at every size."""
    at = stages.get(TARGET_AT) or {}
    plans = at.get("search_plans")
    if not plans:
        return []
    sizes = [n for n in sorted(stages) if stages[n].get("search_plans")]
    lines = [
        "",
        f"Search's queries at {TARGET_AT:,} careers as PostgreSQL ran them: EXPLAIN ANALYZE of every query "
        "the measured searches run (`careers.search.explain`; `python manage.py explain_search QUERY` prints "
        "whole plans), each plan as its nodes with the rows each really found. PostgreSQL's execution time "
        f"of each query at {', '.join(f'{n:,}' for n in sizes)} careers:",
    ]
    for q, queries in plans.items():
        times = [
            " / ".join(fmt_ms(stages[n]["search_plans"].get(q, [])[i][1] or 0) for n in sizes) + " ms"
            if all(len(stages[n]["search_plans"].get(q, [])) > i for n in sizes)
            else f"{fmt_ms(executed or 0)} ms"
            for i, (_nodes, executed) in enumerate(queries)
        ]
        lines += ["", f"- **{q}**: {len(queries)} queries; " + "; ".join(times), "", "  ```"]
        for i, (nodes, _executed) in enumerate(queries, 1):
            lines += [f"  query {i}:", *(f"    {node}" for node in nodes)]
        lines.append("  ```")
    return lines


def _rebuild(at):
    if "finder_rebuild_ms" not in at:
        return ""
    return f", {fmt_ms(at['finder_rebuild_ms'])} ms for the first request after a content change (from the database)"


def _growth(stages, name):
    a, b = stages.get(TARGET_AT), stages.get(TARGET_BIG)
    if not a or not b or name not in a["pages"] or name not in b["pages"]:
        return None
    return b["pages"][name]["p50_ms"] / max(a["pages"][name]["p50_ms"], 0.001)


def _over(pages, figure):
    """ "over: <page> <figure>, …" for {page name: value}, or "" when there are none."""
    return "over: " + ", ".join(f"{PAGE_LABELS.get(n, n)} {figure(v)}" for n, v in pages.items()) if pages else ""


def issue16_verdicts(results):
    """(target, result, met) rows for issue 16's goals that the in-process pages measure."""
    stages = _stage_pages(results)
    at = stages.get(TARGET_AT)
    if not at:
        return [("Issue 16 targets at 5,000 careers", f"not measured (no {TARGET_AT:,}-career stage)", "—")]
    pages = at["pages"]
    out = []
    slow = {n: p["p50_ms"] for n, p in pages.items() if p["p50_ms"] > TARGET_PAGE_P50_MS}
    out.append(
        (
            f"Every public page uncached p50 ≤ {TARGET_PAGE_P50_MS} ms in-process at {TARGET_AT:,}",
            _over(slow, lambda ms: f"{fmt_ms(ms)} ms") or "all within",
            yes(not slow),
        )
    )
    big = {n: p["html_bytes"] for n, p in pages.items() if p["html_bytes"] > TARGET_PAGE_HTML_KB * 1024}
    largest = max(pages.items(), key=lambda kv: kv[1]["html_bytes"])
    out.append(
        (
            f"Every public page ≤ {TARGET_PAGE_HTML_KB} KB of HTML at {TARGET_AT:,}",
            _over(big, lambda b: f"{_kb(b)} KB")
            or f"largest: {PAGE_LABELS.get(largest[0], largest[0])} {_kb(largest[1]['html_bytes'])} KB",
            yes(not big),
        )
    )
    if stages.get(TARGET_BIG):
        growths = {n: _growth(stages, n) for n in pages}
        worse = {n: g for n, g in growths.items() if g and g > TARGET_GROWTH}
        out.append(
            (
                f"At {TARGET_BIG:,} careers no page over {TARGET_GROWTH}× its {TARGET_AT:,} figure",
                _over(worse, lambda g: f"{g:.2f}×") or "all within",
                yes(not worse),
            )
        )
    search = pages["search"]["p50_ms"]
    out.append(
        (
            f"Search p50 ≤ {TARGET_SEARCH_P50_MS} ms at {TARGET_AT:,}",
            f"{fmt_ms(search)} ms in-process",
            yes(search <= TARGET_SEARCH_P50_MS),
        )
    )
    warm, cold = pages["finder"]["p50_ms"], at["finder_cold_ms"]
    mem = at.get("finder_memory") or {}
    out.append(
        (
            f"Finder at {TARGET_AT:,}: warm p50 ≤ {TARGET_FINDER_WARM_MS} ms, cold ≤ {TARGET_FINDER_COLD_MS} ms",
            f"warm {fmt_ms(warm)} ms, cold (a new worker) {fmt_ms(cold)} ms"
            f"{_rebuild(at)}; its data takes "
            f"{mem.get('bytes', 0) / 1024 / 1024:.1f} MB per worker{_every_shown(mem)}",
            yes(warm <= TARGET_FINDER_WARM_MS and cold <= TARGET_FINDER_COLD_MS),
        )
    )
    career, first = pages["career"]["p50_ms"], pages["career_first"]["p50_ms"]
    out.append(
        (
            f"Career page uncached p50 ≤ {TARGET_CAREER_MS} ms at {TARGET_AT:,}",
            f"{fmt_ms(career)} ms with its fragments cached (page cache missed); {fmt_ms(first)} ms the first "
            "time a career is rendered",
            yes(career <= TARGET_CAREER_MS),
        )
    )
    return out
