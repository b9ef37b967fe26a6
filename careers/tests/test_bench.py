"""The benchmark script's own logic (bench/run.py), without starting servers or wrk; and the URLs
it drives, which must keep answering 2xx/3xx on the real catalogue."""

import pytest

from bench import run as bench

pytestmark = pytest.mark.django_db


def measurement(rps, p50=10.0, cache=None, errors=0, careers=None, hello=1000):
    r = {
        "ratio": rps / hello,
        "rounds": 3,
        "rps_rounds": [rps * 0.9, rps, rps * 1.1],
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p50 * 3,
        "max_ms": p50 * 5,
        "errors_status": errors,
        "errors_socket": 0,
        "connections": 8,
        "duration_s": 10,
        "requests": int(rps * 10),
        "distinct_urls": 1,
        "cache": cache or {},
    }
    if careers:
        r["careers_in_catalogue"] = careers
    return r


def stage(careers, finder_ms, view_ms):
    pages = {
        k: measurement(20, p50=finder_ms) for k in ("finder", "compare", "career_cold", "search", "browse", "home")
    }
    inprocess = {"load_candidates_ms": 1.0, "rank_ms": 1.0, "finder_view_ms": view_ms, "compare_view_ms": 5.0}
    return {"careers": careers, "synthesize_s": 1.0 if careers > 43 else 0.0, "inprocess": inprocess, **pages}


@pytest.fixture
def results():
    main = {
        "hello": {**measurement(1000), "rounds": 18, "duration_s": 72},
        "career_warm": measurement(750, cache={"hit": 7500}),
        "career_cold": measurement(50, careers=10000, cache={"miss": 500}),
        "compare": measurement(500),
        "finder": measurement(30),
        "search": measurement(40),
        "browse": measurement(600),
        "home": measurement(300),
    }
    return {
        "machine": {
            "date": "2026-11-28 12:00 UTC",
            "revision": "abc1234",
            "nproc": 2,
            "cpu": "Some CPU",
            "memory": "24 GiB",
            "kernel": "6",
            "python": "3.11",
            "django": "5.2",
            "gunicorn": "27",
            "psycopg": "3.3",
            "database": "PostgreSQL 15",
            "wrk": "wrk 4.1",
        },
        "settings": {"cache_url": ""},
        "main": main,
        "main_no_recycling": {**main, "career_warm": measurement(900)},
        "load": measurement(200, errors=0),
        "scale": [stage(43, 30, 30), stage(500, 40, 40), stage(5000, 140, 130), stage(10000, 260, 230)],
        "page_weight": {
            "path": bench.CAREER,
            "items": [
                {
                    "kind": "html",
                    "url": bench.CAREER,
                    "headers": 500,
                    "transferred": 40000,
                    "uncompressed": 40000,
                    "encoding": "identity",
                },
                {
                    "kind": "js",
                    "url": "/static/js/site.js",
                    "headers": 300,
                    "transferred": 2000,
                    "uncompressed": 4000,
                    "encoding": "gzip",
                },
            ],
            "total_transferred": 42800,
            "html_transferred": 40000,
            "html_uncompressed": 40000,
            "js_transferred": 2000,
            "js_uncompressed": 4000,
            "css_transferred": 0,
            "images_transferred": 0,
        },
    }


def test_verdicts_compare_against_the_issue_targets(results):
    verdicts = {label.split(" ")[0] + " " + label.split(" ")[1]: met for label, _result, met in bench.verdicts(results)}
    assert verdicts["Warm career"] == "yes"  # 75 % of hello world
    assert verdicts["Cold career"] == "**no**"  # 5 %
    assert verdicts["Finder at"] == "yes"  # 140 ms at 5,000
    assert verdicts["Finder cost"] == "yes"  # 20 ms per 1,000 careers both below and above 5,000
    assert verdicts["Career page"] == "yes" and verdicts["≤ 30"] == "yes"
    assert verdicts["Load test"] == "yes"


def test_a_miss_says_by_how_much(results):
    results["main"]["career_warm"].update(rps=500, ratio=0.5)
    (row,) = [r for r in bench.verdicts(results) if r[0].startswith("Warm")]
    assert "50.0 %" in row[1] and "missed by 20.0 points" in row[1] and "about 700 req/s needed" in row[1]


def test_superlinear_finder_cost_is_flagged(results):
    results["scale"][-1]["inprocess"]["finder_view_ms"] = 600  # 94 ms per 1,000 above 5,000 vs 20 below
    text, linear = bench.linearity(results["scale"])
    assert not linear and "per 1,000 careers" in text


def test_report_renders_every_section(results):
    report = bench.render(results)
    for heading in ("### Throughput", "### Load test", "### Latency as the catalogue grows", "### Career page weight"):
        assert heading in report
    assert "| 10,000 |" in report and "| 43 (real) |" in report
    assert "75.0 %" in report and "90.0 %" in report  # warm career page as a share of hello world


def test_report_is_written_between_markers(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nBefore.\n\nAfter.\n")
    bench.write_between_markers(doc, "first\n")
    assert bench.MARK_START in doc.read_text() and "first" in doc.read_text()
    text = doc.read_text().replace(bench.MARK_END, bench.MARK_END + "\n\nNotes kept.")
    doc.write_text(text)
    bench.write_between_markers(doc, "second\n")
    text = doc.read_text()
    assert "second" in text and "first" not in text and "Notes kept." in text and "Before." in text


def test_asset_parser_finds_what_a_browser_fetches():
    parser = bench.AssetParser()
    parser.feed(
        '<link rel="stylesheet" href="/static/a.css"><link rel="icon" href="/static/i.svg">'
        '<link rel="apple-touch-icon" href="/static/t.png"><script src="/static/s.js" defer></script>'
        '<script>inline()</script><img src="/static/p.png"><img src="data:image/png;base64,AA">'
    )
    assert parser.assets == [
        ("css", "/static/a.css"),
        ("image", "/static/i.svg"),
        ("js", "/static/s.js"),
        ("image", "/static/p.png"),
    ]


def test_url_sets_are_distinct():
    profiles = bench.finder_profiles(2000)
    assert len(profiles) == len(set(profiles)) == 2000
    slugs = [f"career-{i}" for i in range(50)]
    triples = bench.compare_triples(slugs, 500)
    assert len(triples) == len(set(triples)) == 500


def test_every_url_the_benchmark_drives_answers(client):
    from careers import models as m

    careers = list(m.Career.objects.published().values_list("slug", flat=True))
    clusters = list(m.Cluster.objects.values_list("slug", flat=True))
    vocab = {
        "skills": list(m.Skill.objects.filter(career_skills__isnull=False).values_list("slug", flat=True)[:10]),
        "degrees": list(m.Degree.objects.filter(career_degrees__isnull=False).values_list("slug", flat=True)[:10]),
        "tools": list(m.Tool.objects.filter(career_tools__isnull=False).values_list("slug", flat=True)[:10]),
        "industries": list(
            m.Industry.objects.filter(career_industries__isnull=False).values_list("slug", flat=True)[:10]
        ),
    }
    urls = {bench.CAREER, bench.COMPARE, bench.FINDER, bench.SEARCH, bench.BROWSE, bench.HOME}
    urls |= set(bench.mixed_urls("", careers, clusters, vocab))
    urls |= set(bench.finder_profiles(48)) | set(bench.search_queries())
    urls |= set(bench.compare_triples(careers, 5))
    for url in sorted(urls):
        assert client.get(url).status_code < 400, url


def test_rounds_combine_into_one_measurement():
    runs = [
        {**measurement(100, p50=10), "duration_s": 4, "requests": 400, "p90_ms": 20, "wrapped": False},
        {**measurement(300, p50=30), "duration_s": 4, "requests": 1200, "p90_ms": 40, "wrapped": True},
    ]
    for r in runs:
        r["loadavg_before"] = 1.0
    out = bench.combine(runs, "page")
    assert out["rps"] == 200 and out["p50_ms"] == 20 and out["p99_ms"] == 90 and out["wrapped"]
