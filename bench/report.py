"""The report of a run: the Markdown of docs/benchmarks.md's block (throughput, load test, latency as
the catalogue grows, page weight; every public page's section from ``page_report``), the verdicts
against issue 8's targets, and writing the report between the document's markers."""

from .page_report import fmt_ms, issue16_verdicts, pages_section, yes
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
    return fmt_ms(r["p50_ms"]) + ("" if mostly_cold else " †")


def _hello_cells(main):
    h = main["hello"]
    spread = f"{min(h['rps_rounds']):.0f}–{max(h['rps_rounds']):.0f}"
    return f"{h['rps']:.0f} ({spread}) | {fmt_ms(h['p50_ms'])} | {fmt_ms(h['p99_ms'])} | 100 %"


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
            f"{r2['rps']:.0f} | {fmt_ms(r2['p50_ms'])} | {fmt_ms(r2['p99_ms'])} | {100 * _ratio(r2):.1f} %"
            if r2
            else "— | — | — | —"
        )
        lines.append(
            f"| {label} | {r['rps']:.0f} | {fmt_ms(r['p50_ms'])} | {fmt_ms(r['p99_ms'])} | "
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
        f"| {load['requests']:,} | {load['rps']:.0f} | {fmt_ms(load['p50_ms'])} | {fmt_ms(load['p99_ms'])} | "
        f"{fmt_ms(load['max_ms'])} | {load['errors_status']} | {load['errors_socket']} | {_cache_note(load)} |",
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
            f"{_lat(stage['finder'])} / {fmt_ms(stage['finder']['p99_ms'])} | "
            f"{_lat(stage['compare'])} / {fmt_ms(stage['compare']['p99_ms'])} | "
            f"{_lat(stage['career_cold'])} | {_lat(stage['search'])} | "
            f"{_lat(stage['browse'])} | {_lat(stage['home'])} | "
            f"{fmt_ms(ip['load_candidates_ms'])} / {fmt_ms(ip['rank_ms'])} / {fmt_ms(ip['finder_view_ms'])} / "
            f"{fmt_ms(ip['compare_view_ms'])} | {stage['synthesize_s']:.0f} |"
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
        out.append((label, text, yes(met)))

    ratio_row(f"Warm career page ≥ {TARGET_WARM_RATIO:.0%} of hello world req/s", "career_warm", TARGET_WARM_RATIO)
    ratio_row(f"Cold career page ≥ {TARGET_COLD_RATIO:.0%} of hello world req/s", "career_cold", TARGET_COLD_RATIO)
    stages = {s["careers"]: s for s in results["scale"]}
    at = stages.get(TARGET_FINDER_AT)
    if at:
        p50 = at["finder"]["p50_ms"]
        met = p50 < TARGET_FINDER_P50_MS
        extra = "" if met else f"; {p50 / TARGET_FINDER_P50_MS:.1f}× the target"
        label = f"Finder at {TARGET_FINDER_AT:,} careers p50 < {TARGET_FINDER_P50_MS} ms"
        out.append((label, f"{p50:.0f} ms{extra}", yes(met)))
    linear = linearity(results["scale"])
    if linear:
        out.append(("Finder cost linear in careers", linear[0], yes(linear[1])))
    pw = results["page_weight"]
    kb = pw["total_transferred"] / 1024
    out.append(
        (
            f"Career page ≤ {TARGET_PAGE_KB} KB transferred with all assets",
            f"{kb:.1f} KB (HTML {pw['html_transferred'] / 1024:.1f} KB, CSS {pw['css_transferred'] / 1024:.1f} KB, "
            f"JS {pw['js_transferred'] / 1024:.1f} KB, images {pw['images_transferred'] / 1024:.1f} KB)",
            yes(kb <= TARGET_PAGE_KB),
        )
    )
    js = pw["js_transferred"] / 1024
    out.append(
        (
            f"≤ {TARGET_JS_KB} KB of JS",
            f"{js:.1f} KB transferred ({pw['js_uncompressed'] / 1024:.1f} KB uncompressed)",
            yes(pw["js_uncompressed"] / 1024 <= TARGET_JS_KB),
        )
    )
    load = results["load"]
    errors = load["errors_status"] + load["errors_socket"]
    out.append(
        (
            f"Load test ({load['connections']} connections, {load['duration_s']:.0f} s): zero errors",
            f"{errors} errors in {load['requests']:,} requests",
            yes(errors == 0),
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
