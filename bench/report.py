"""The report of a run: the Markdown table of docs/benchmarks.md, the verdicts against the issue's
targets, and writing the report between the document's markers."""

from .pages import PAGES
from .scaling import STAGE_PAGES
from .servers import WORKERS

MARK_START = "<!-- bench:start (written by make bench; do not edit by hand) -->"
MARK_END = "<!-- bench:end -->"

# The issue's targets.
TARGET_WARM_RATIO = 0.80  # issue 16 (issue 8 asked for 0.70)
TARGET_COLD_RATIO = 0.10
TARGET_FINDER_P50_MS = 150
TARGET_FINDER_AT = 5000
TARGET_PAGE_KB = 150
TARGET_JS_KB = 30


def _cache_note(r):
    cache = r.get("cache") or {}
    total = sum(cache.values())
    if not total:
        return ""
    hits = cache.get("hit", 0)
    return f"{100 * hits / total:.0f} %"


def _lat(r):
    """p50 in ms, marked when some of the requests were served from the page cache."""
    cache = r.get("cache") or {}
    mostly_cold = cache.get("hit", 0) <= 0.05 * sum(cache.values())
    return _fmt_ms(r["p50_ms"]) + ("" if mostly_cold else " †")


def _fmt_ms(value):
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _hello_cells(main):
    h = main["hello"]
    spread = f"{min(h['rps_rounds']):.0f}–{max(h['rps_rounds']):.0f}"
    return f"{h['rps']:.0f} ({spread}) | {_fmt_ms(h['p50_ms'])} | {_fmt_ms(h['p99_ms'])} | 100 %"


def _ratio(r):
    return r["ratio"] if "ratio" in r else 0.0


def _errors(r):
    return (r["errors_status"] + r["errors_socket"]) if r else 0


def render(results):
    info, main = results["machine"], results["main"]
    lines = [
        f"Run: {info['date']}, revision {info['revision']}.",
        "",
        f"Machine: {info['nproc']} cores ({info['cpu']}), {info['memory']} memory, Linux {info['kernel']}; "
        f"Python {info['python']}, Django {info['django']}, gunicorn {info['gunicorn']} "
        f"({WORKERS} sync workers, the project's gunicorn.conf.py), psycopg {info['psycopg']}; "
        f"{info['database']} on the same machine; page cache: "
        f"{'Redis' if results['settings'].get('cache_url') else 'local memory (per worker)'}; "
        f"load from {info['wrk']} (1 thread) on the same machine.",
        "",
        "### Throughput against hello world",
        "",
        f"wrk, {main['hello']['connections']} connections (so p50/p99 include waiting for one of the 2 workers); "
        "the real catalogue's careers unless noted. Each page is measured in "
        f"{main['hello']['rounds'] // max(1, len(PAGES))} rounds of "
        f"{main['hello']['duration_s'] / max(1, main['hello']['rounds']):.0f} s, each round right after a round "
        'of hello world with the same gunicorn settings; "% of hello world" is the median of the rounds\' '
        "ratios (robust to other work on the machine), requests/s is over all rounds. "
        "First with the project's gunicorn.conf.py as it is (max_requests 20,000: a worker restarts after about "
        "20,000 requests, and its local-memory page cache starts empty), then the same with `--max-requests=0`. "
        '"Cache hits" counts the site\'s own request log.',
        "",
        "| Page | Requests/s | p50 ms | p99 ms | % of hello world | Cache hits | Without recycling: requests/s | "
        "p50 ms | p99 ms | % of hello world | Errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [
        ("Hello world (ceiling; range of the rounds)", None),
        ("Career page, warm (the same URL again and again)", "career_warm"),
        ("Career page, cold (a different career every request)", "career_cold"),
        ("Compare of 3", "compare"),
        ("Finder, a typical profile", "finder"),
        ("Search", "search"),
        ("Browse (first page)", "browse"),
        ("Home", "home"),
    ]
    other = results.get("main_no_recycling") or {}
    for label, key in rows:
        if key is None:
            second = _hello_cells(other) if other.get("hello") else "— | — | — | —"
            errors = _errors(main["hello"]) + _errors(other.get("hello"))
            lines.append(f"| {label} | {_hello_cells(main)} | | {second} | {errors} |")
            continue
        r = main.get(key)
        if r is None:
            continue
        if key == "career_cold":
            label += f", at {r['careers_in_catalogue']:,} careers"
            if (r.get("cache") or {}).get("hit"):
                label += " (some cache hits)"
        r2 = other.get(key)
        second = (
            f"{r2['rps']:.0f} | {_fmt_ms(r2['p50_ms'])} | {_fmt_ms(r2['p99_ms'])} | {100 * _ratio(r2):.1f} %"
            if r2
            else "— | — | — | —"
        )
        lines.append(
            f"| {label} | {r['rps']:.0f} | {_fmt_ms(r['p50_ms'])} | {_fmt_ms(r['p99_ms'])} | "
            f"{100 * _ratio(r):.1f} % | {_cache_note(r)} | {second} | {_errors(r) + _errors(r2)} |"
        )
    load = results["load"]
    lines += [
        "",
        "### Load test",
        "",
        f"{load['connections']} connections for {load['duration_s']:.0f} s over {load['distinct_urls']} public URLs "
        "(home, browse with filters, every career, clusters, search, finder profiles, compare, pair and transition "
        "pages, reverse pages, sitemap, robots, healthz; each checked to answer 2xx/3xx first), "
        "wrk timeout 30 s (gunicorn's worker timeout).",
        "",
        "| Requests | Requests/s | p50 ms | p99 ms | max ms | Non-2xx/3xx | Socket errors | Cache hits |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {load['requests']:,} | {load['rps']:.0f} | {_fmt_ms(load['p50_ms'])} | {_fmt_ms(load['p99_ms'])} | "
        f"{_fmt_ms(load['max_ms'])} | {load['errors_status']} | {load['errors_socket']} | {_cache_note(load)} |",
        "",
        "### Latency as the catalogue grows",
        "",
        "wrk with 1 connection (no queueing: the time one request takes), "
        f"{results['scale'][0]['finder']['duration_s']:.0f} s each; every request is for a URL not requested before "
        "(different finder profiles, compare triples, careers, browse pages; home with a distinct query string), "
        "so the page cache never helps, except search, which cycles through 20 queries and is not cached. "
        "In-process: the median of 7 calls inside one Django process (no HTTP), "
        "for the finder's two parts and the whole finder and compare views (through Django's test client). "
        "† marks a p50 where more than 5 % of the requests were page-cache hits (fewer distinct URLs than requests).",
        "",
        "| Published careers | Finder p50 / p99 ms | Compare of 3 p50 / p99 ms | Career page (cold) p50 ms | "
        "Search p50 ms | Browse p50 ms | Home p50 ms | In-process: load_candidates / rank / finder view / "
        "compare view ms | Synthesis s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for stage in results["scale"]:
        ip = stage["inprocess"]
        lines.append(
            f"| {stage['careers']:,}{' (real)' if not stage['synthesize_s'] else ''} | "
            f"{_lat(stage['finder'])} / {_fmt_ms(stage['finder']['p99_ms'])} | "
            f"{_lat(stage['compare'])} / {_fmt_ms(stage['compare']['p99_ms'])} | "
            f"{_lat(stage['career_cold'])} | {_lat(stage['search'])} | "
            f"{_lat(stage['browse'])} | {_lat(stage['home'])} | "
            f"{_fmt_ms(ip['load_candidates_ms'])} / {_fmt_ms(ip['rank_ms'])} / {_fmt_ms(ip['finder_view_ms'])} / "
            f"{_fmt_ms(ip['compare_view_ms'])} | {stage['synthesize_s']:.0f} |"
        )
    errors = [
        f"{stage['careers']} {k}"
        for stage in results["scale"]
        for k in STAGE_PAGES
        if stage[k]["errors_status"] + stage[k]["errors_socket"]
    ]
    if errors:
        lines += ["", f"Errors during the scale runs: {', '.join(errors)}."]
    lines += pages_section(results)
    pw = results["page_weight"]
    lines += [
        "",
        "### Career page weight",
        "",
        f"`{pw['path']}` and everything a browser fetches to show it (stylesheets, scripts, images, favicon; "
        "CSS `url()` references followed), as served with `Accept-Encoding: gzip, deflate, br`; "
        "bytes are body plus response headers.",
        "",
        "| Resource | Kind | Encoding | Transferred bytes | Uncompressed bytes |",
        "|---|---|---|---:|---:|",
    ]
    for item in pw["items"]:
        unc = f"{item['uncompressed']:,}" if item["uncompressed"] is not None else "?"
        lines.append(
            f"| `{item['url']}` | {item['kind']} | {item['encoding']} | {item['headers'] + item['transferred']:,} | "
            f"{unc} |"
        )
    lines.append(f"| **Total** | | | **{pw['total_transferred']:,}** | |")
    lines += ["", "### Targets", "", "| Target | Result | Met? |", "|---|---|---|"]
    lines += [f"| {t} | {r} | {m} |" for t, r, m in verdicts(results) + issue16_verdicts(results)]
    return "\n".join(lines) + "\n"


def verdicts(results):
    main = results["main"]
    out = []
    other = results.get("main_no_recycling") or {}

    def ratio_row(label, key, target):
        r = main.get(key)
        if r is None:
            out.append((label, "not measured", "—"))
            return
        ratio = _ratio(r)
        met = ratio >= target
        hello = r["rps"] / ratio if ratio else 0
        miss = (
            "" if met else f"; missed by {100 * (target - ratio):.1f} points (about {target * hello:.0f} req/s needed)"
        )
        text = f"{100 * ratio:.1f} % ({r['rps']:.0f} req/s; hello world about {hello:.0f}){miss}"
        if other.get(key):
            text += f"; without worker recycling {100 * _ratio(other[key]):.1f} %"
        out.append((label, text, _yes(met)))

    ratio_row(f"Warm career page ≥ {TARGET_WARM_RATIO:.0%} of hello world req/s", "career_warm", TARGET_WARM_RATIO)
    ratio_row(f"Cold career page ≥ {TARGET_COLD_RATIO:.0%} of hello world req/s", "career_cold", TARGET_COLD_RATIO)
    stages = {s["careers"]: s for s in results["scale"]}
    at = stages.get(TARGET_FINDER_AT)
    if at:
        p50 = at["finder"]["p50_ms"]
        met = p50 < TARGET_FINDER_P50_MS
        extra = "" if met else f"; {p50 / TARGET_FINDER_P50_MS:.1f}× the target"
        label = f"Finder at {TARGET_FINDER_AT:,} careers p50 < {TARGET_FINDER_P50_MS} ms"
        out.append((label, f"{p50:.0f} ms{extra}", _yes(met)))
    linear = linearity(results["scale"])
    if linear:
        out.append(("Finder cost linear in careers", linear[0], _yes(linear[1])))
    pw = results["page_weight"]
    kb = pw["total_transferred"] / 1024
    out.append(
        (
            f"Career page ≤ {TARGET_PAGE_KB} KB transferred with all assets",
            f"{kb:.1f} KB (HTML {pw['html_transferred'] / 1024:.1f} KB, CSS {pw['css_transferred'] / 1024:.1f} KB, "
            f"JS {pw['js_transferred'] / 1024:.1f} KB, images {pw['images_transferred'] / 1024:.1f} KB)",
            _yes(kb <= TARGET_PAGE_KB),
        )
    )
    js = pw["js_transferred"] / 1024
    out.append(
        (
            f"≤ {TARGET_JS_KB} KB of JS",
            f"{js:.1f} KB transferred ({pw['js_uncompressed'] / 1024:.1f} KB uncompressed)",
            _yes(pw["js_uncompressed"] / 1024 <= TARGET_JS_KB),
        )
    )
    load = results["load"]
    errors = load["errors_status"] + load["errors_socket"]
    out.append(
        (
            f"Load test ({load['connections']} connections, {load['duration_s']:.0f} s): zero errors",
            f"{errors} errors in {load['requests']:,} requests",
            _yes(errors == 0),
        )
    )
    return out


def linearity(scale):
    """(text, linear?) from the in-process finder view times: the cost per extra 1,000 careers in
    the upper range may be at most 1.5 times that in the lower range (a straight line with a fixed
    part passes; anything growing faster than the catalogue does not)."""
    if len(scale) < 3:
        return None
    a, b, c = scale[-3:]
    t = [s["inprocess"]["finder_view_ms"] for s in (a, b, c)]
    n = [s["careers"] for s in (a, b, c)]
    low = (t[1] - t[0]) / (n[1] - n[0]) * 1000
    high = (t[2] - t[1]) / (n[2] - n[1]) * 1000
    linear = high <= 1.5 * max(low, 0.01)
    text = (
        f"finder view in-process {t[0]:.0f} / {t[1]:.0f} / {t[2]:.0f} ms at {n[0]:,} / {n[1]:,} / {n[2]:,} careers: "
        f"{low:.1f} ms per 1,000 careers below {n[1]:,}, {high:.1f} above"
    )
    return text, linear


def _yes(met):
    return "yes" if met else "**no**"


def write_between_markers(path, report):
    text = path.read_text() if path.exists() else ""
    block = f"{MARK_START}\n{report}{MARK_END}"
    if MARK_START in text and MARK_END in text:
        before = text[: text.index(MARK_START)]
        after = text[text.index(MARK_END) + len(MARK_END) :]
        text = before + block + after
    else:
        text = (text.rstrip() + "\n\n" if text else "# Benchmarks\n\n") + block + "\n"
    path.write_text(text)


# --- Issue 16: every public page at every size (bench/pagecost.py) ----------------------------

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
        "HTTP), each page requested 15 times with a query parameter no request had before, so the whole-page "
        "cache never answers; the median. Pages about one thing are measured at the longest list of their kind. "
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
        cells = [_fmt_ms(stages[n]["pages"][name]["p50_ms"]) if name in stages[n]["pages"] else "—" for n in sizes]
        p = at["pages"][name]
        growth = _growth(stages, name)
        prev = previous.get(f"page:{name}")
        if prev is None and name in PREVIOUS_WRK and PREVIOUS_WRK[name] in previous:
            prev_text = f"{_fmt_ms(previous[PREVIOUS_WRK[name]])} (wrk)"
        else:
            prev_text = _fmt_ms(prev) if prev is not None else "—"
        lines.append(
            f"| {label} | {' | '.join(cells)} | {p['queries']} | {_kb(p['html_bytes'])} | {_kb(p['gzip_bytes'])} | "
            f"{f'{growth:.2f}×' if growth else '—'} | {prev_text} |"
        )
    finder_lines = []
    for n in sizes:
        s = stages[n]
        mem = s.get("finder_memory") or {}
        finder_lines.append(
            f"| {n:,} | {_fmt_ms(s['finder_rebuild_ms']) if 'finder_rebuild_ms' in s else '—'} | "
            f"{_fmt_ms(s['finder_cold_ms'])} | "
            f"{_fmt_ms(s['pages']['finder']['p50_ms'])} | "
            f"{mem.get('bytes', 0) / 1024 / 1024:.1f} MB ({mem.get('careers', 0):,} careers){_every_shown(mem)} |"
        )
    lines += [
        "",
        "The finder after a content change (the first finder request of any worker once the catalogue has "
        "changed: it reads every published career from the database, stores them in the shared cache, and "
        "the other workers wait for it rather than doing the same), in a fresh process (cold: the first finder "
        "request of a new worker, which reads the catalogue from the shared cache, or from the database with "
        "the local-memory cache) and warm (kept in the process until the catalogue changes), and the memory "
        "its data takes in each worker (tracemalloc around one load).",
        "",
        "| Published careers | Finder after a content change ms | Finder cold ms | Finder warm p50 ms "
        "| Finder data per worker |",
        "|---:|---:|---:|---:|---:|",
        *finder_lines,
    ]
    return lines


def _rebuild(at):
    if "finder_rebuild_ms" not in at:
        return ""
    return f", {_fmt_ms(at['finder_rebuild_ms'])} ms for the first request after a content change (from the database)"


def _growth(stages, name):
    a, b = stages.get(TARGET_AT), stages.get(TARGET_BIG)
    if not a or not b or name not in a["pages"] or name not in b["pages"]:
        return None
    return b["pages"][name]["p50_ms"] / max(a["pages"][name]["p50_ms"], 0.001)


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
            "all within"
            if not slow
            else "over: " + ", ".join(f"{PAGE_LABELS.get(n, n)} {_fmt_ms(ms)} ms" for n, ms in slow.items()),
            _yes(not slow),
        )
    )
    big = {n: p["html_bytes"] for n, p in pages.items() if p["html_bytes"] > TARGET_PAGE_HTML_KB * 1024}
    largest = max(pages.items(), key=lambda kv: kv[1]["html_bytes"])
    out.append(
        (
            f"Every public page ≤ {TARGET_PAGE_HTML_KB} KB of HTML at {TARGET_AT:,}",
            f"largest: {PAGE_LABELS.get(largest[0], largest[0])} {_kb(largest[1]['html_bytes'])} KB"
            if not big
            else "over: " + ", ".join(f"{PAGE_LABELS.get(n, n)} {_kb(b)} KB" for n, b in big.items()),
            _yes(not big),
        )
    )
    if stages.get(TARGET_BIG):
        growths = {n: _growth(stages, n) for n in pages}
        worse = {n: g for n, g in growths.items() if g and g > TARGET_GROWTH}
        out.append(
            (
                f"At {TARGET_BIG:,} careers no page over {TARGET_GROWTH}× its {TARGET_AT:,} figure",
                "all within"
                if not worse
                else "over: " + ", ".join(f"{PAGE_LABELS.get(n, n)} {g:.2f}×" for n, g in worse.items()),
                _yes(not worse),
            )
        )
    search = pages["search"]["p50_ms"]
    out.append(
        (
            f"Search p50 ≤ {TARGET_SEARCH_P50_MS} ms at {TARGET_AT:,}",
            f"{_fmt_ms(search)} ms in-process",
            _yes(search <= TARGET_SEARCH_P50_MS),
        )
    )
    warm, cold = pages["finder"]["p50_ms"], at["finder_cold_ms"]
    mem = at.get("finder_memory") or {}
    out.append(
        (
            f"Finder at {TARGET_AT:,}: warm p50 ≤ {TARGET_FINDER_WARM_MS} ms, cold ≤ {TARGET_FINDER_COLD_MS} ms",
            f"warm {_fmt_ms(warm)} ms, cold (a new worker) {_fmt_ms(cold)} ms"
            f"{_rebuild(at)}; its data takes "
            f"{mem.get('bytes', 0) / 1024 / 1024:.1f} MB per worker{_every_shown(mem)}",
            _yes(warm <= TARGET_FINDER_WARM_MS and cold <= TARGET_FINDER_COLD_MS),
        )
    )
    career, first = pages["career"]["p50_ms"], pages["career_first"]["p50_ms"]
    out.append(
        (
            f"Career page uncached p50 ≤ {TARGET_CAREER_MS} ms at {TARGET_AT:,}",
            f"{_fmt_ms(career)} ms with its fragments cached (page cache missed); {_fmt_ms(first)} ms the first "
            "time a career is rendered",
            _yes(career <= TARGET_CAREER_MS),
        )
    )
    return out
