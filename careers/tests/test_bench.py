"""The benchmark's own logic (the bench package), without starting servers or wrk; and the URLs
it drives, which must keep answering 2xx/3xx on the real catalogue."""

import io
import subprocess
import sys

import pytest
from django.db import connection

from bench import inprocess, loadtest, page_report, pagecost, pages, report, runner, scaling, servers

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


def page_costs(careers, ms):
    """What ``pagecost.pages`` answers: every page at ``ms`` except a few named ones."""
    one = {"min_ms": ms, "max_ms": ms, "n": 15, "queries": 3, "html_bytes": 40000, "gzip_bytes": 9000}
    costs = {name: {**one, "p50_ms": ms} for name in page_report.PAGE_LABELS}
    costs["career"]["p50_ms"] = ms / 5
    costs["search"]["p50_ms"] = ms / 2
    return {
        "careers": careers,
        "pages": costs,
        "finder_cold_ms": ms * 2,
        "finder_rebuild_ms": ms * 20,
        "finder_memory": {"bytes": careers * 5000, "careers": careers},
        "search_plans": {
            "data analyst": [
                (
                    ["Limit (rows=60)", "Bitmap Index Scan on careers_career_search_vector_gin (rows=386)"],
                    careers / 2500,
                ),
                (["Index Scan using careers_career_pkey on careers_career (rows=30)"], 0.1),
            ]
        },
    }


def stage(careers, finder_ms, view_ms):
    pages = {
        k: measurement(20, p50=finder_ms) for k in ("finder", "compare", "career_cold", "search", "browse", "home")
    }
    inprocess = {"load_candidates_ms": 1.0, "rank_ms": 1.0, "finder_view_ms": view_ms, "compare_view_ms": 5.0}
    return {
        "careers": careers,
        "synthesize_s": 1.0 if careers > 43 else 0.0,
        "inprocess": inprocess,
        "pages": page_costs(careers, finder_ms / 4),
        **pages,
    }


@pytest.fixture
def results():
    main = {
        "hello": {**measurement(1000), "rounds": 18, "duration_s": 72},
        "career_warm": measurement(850, cache={"hit": 7500}),
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
            "path": pages.CAREER,
            "items": [
                {
                    "kind": "html",
                    "url": pages.CAREER,
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
    verdicts = {
        label.split(" ")[0] + " " + label.split(" ")[1]: met for label, _result, met in report.verdicts(results)
    }
    assert verdicts["Warm career"] == "yes"  # 85 % of hello world
    assert verdicts["Cold career"] == "**no**"  # 5 %
    assert verdicts["Finder at"] == "yes"  # 140 ms at 5,000
    assert verdicts["Finder cost"] == "yes"  # 20 ms per 1,000 careers both below and above 5,000
    assert verdicts["Career page"] == "yes" and verdicts["≤ 30"] == "yes"
    assert verdicts["Load test"] == "yes"


def test_a_miss_says_by_how_much(results):
    results["main"]["career_warm"].update(rps=500, ratio=0.5)
    (row,) = [r for r in report.verdicts(results) if r[0].startswith("Warm")]
    assert "50.0 %" in row[1] and "missed by 30.0 points" in row[1] and "about 800 req/s needed" in row[1]


def test_superlinear_finder_cost_is_flagged(results):
    results["scale"][-1]["inprocess"]["finder_view_ms"] = 600  # 94 ms per 1,000 above 5,000 vs 20 below
    text, linear = report.linearity(results["scale"])
    assert not linear and "per 1,000 careers" in text


def test_issue_16_verdicts_name_the_pages_that_miss(results):
    # at 5,000: every page 35 ms (career 7, search 17.5), finder cold 70 ms; at 10,000: 65 ms
    def rows():
        return {label.split(" at ")[0]: (text, met) for label, text, met in page_report.issue16_verdicts(results)}

    got = rows()
    assert got["Every public page uncached p50 ≤ 50 ms in-process"] == ("all within", "yes")
    assert got["Every public page ≤ 120 KB of HTML"] == ("largest: Home 39.1 KB", "yes")
    assert got["At 10,000 careers no page over 1.5× its 5,000 figure"][1] == "**no**"
    assert "Home 1.86×" in got["At 10,000 careers no page over 1.5× its 5,000 figure"][0]
    assert got["Search p50 ≤ 20 ms"] == ("17.5 ms in-process", "yes")
    assert got["Finder"][1] == "yes" and "23.8 MB per worker" in got["Finder"][0]
    assert "700 ms for the first request after a content change" in got["Finder"][0]
    assert got["Career page uncached p50 ≤ 10 ms"][1] == "yes"
    results["scale"][2]["pages"]["pages"]["exam"]["html_bytes"] = 200 * 1024
    text, met = rows()["Every public page ≤ 120 KB of HTML"]
    assert met == "**no**" and "Exam page (the exam most careers list) 200.0 KB" in text


def test_report_shows_the_previous_run_beside_this_one(results, tmp_path):
    path = tmp_path / "benchmarks.json"
    import json

    path.write_text(json.dumps(results))
    results["previous"] = runner.previous_run(str(path))
    assert results["previous"]["scale"]["5000"]["finder"] == 140
    text = report.render(results)
    assert "### Every public page in-process, uncached (issue 16)" in text
    assert "previous run (2026-11-28 12:00 UTC, abc1234)" in text
    assert runner.previous_run(str(tmp_path / "missing.json")) is None


def test_every_public_page_is_measured_in_process():
    out = pagecost.pages(reps=2)
    assert set(page_report.PAGE_LABELS) <= set(out["pages"])
    for name, page in out["pages"].items():
        assert page["p50_ms"] > 0 and 0 < page["gzip_bytes"] < page["html_bytes"], name
    # A career page whose content (and career) is cached runs no query; its first render one per section.
    assert out["pages"]["career"]["queries"] == 0 and out["pages"]["career_first"]["queries"] > 1
    assert out["finder_memory"]["careers"] == out["careers"] and out["finder_memory"]["bytes"] > 0
    assert out["finder_rebuild_ms"] > 0 and out["finder_cold_ms"] > 0
    if connection.vendor == "postgresql":  # every query each measured search runs, as PostgreSQL ran it
        assert set(out["search_plans"]) == {"data analyst", "nurse", "python", "डॉक्टर", "इंजीनियर"}
        for plans in out["search_plans"].values():
            assert plans and all(nodes and executed > 0 for nodes, executed in plans)
    else:
        assert out["search_plans"] is None


def test_the_report_shows_searchs_query_plans(results):
    text = report.render(results)
    assert "Bitmap Index Scan on careers_career_search_vector_gin (rows=386)" in text
    assert "- **data analyst**: 2 queries; 0.0 / 0.2 / 2.0 / 4.0 ms; 0.1 / 0.1 / 0.1 / 0.1 ms" in text


def test_report_renders_every_section(results):
    text = report.render(results)
    for heading in ("### Throughput", "### Load test", "### Latency as the catalogue grows", "### Career page weight"):
        assert heading in text
    assert "| 10,000 |" in text and "| 43 (real) |" in text
    assert "85.0 %" in text and "90.0 %" in text  # warm career page as a share of hello world


def test_report_is_written_between_markers(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nBefore.\n\nAfter.\n")
    report.write_between_markers(doc, "first\n")
    assert report.MARK_START in doc.read_text() and "first" in doc.read_text()
    text = doc.read_text().replace(report.MARK_END, report.MARK_END + "\n\nNotes kept.")
    doc.write_text(text)
    report.write_between_markers(doc, "second\n")
    text = doc.read_text()
    assert "second" in text and "first" not in text and "Notes kept." in text and "Before." in text


def test_the_benchmarks_document_has_the_markers_once():
    text = (servers.ROOT / "docs" / "benchmarks.md").read_text()
    assert text.count(report.MARK_START) == 1 and text.count(report.MARK_END) == 1


def test_asset_parser_finds_what_a_browser_fetches():
    parser = pages.AssetParser()
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
    profiles = pages.finder_profiles(2000)
    assert len(profiles) == len(set(profiles)) == 2000
    slugs = [f"career-{i}" for i in range(50)]
    triples = pages.compare_triples(slugs, 500)
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
    urls = {pages.CAREER, pages.COMPARE, pages.FINDER, pages.SEARCH, pages.BROWSE, pages.HOME}
    urls |= set(loadtest.mixed_urls(careers, clusters, vocab))
    urls |= set(pages.finder_profiles(48)) | set(pages.search_queries())
    urls |= set(pages.compare_triples(careers, 5))
    # Every published career's page answering is test_catalogue's (within its query budget): not
    # rendered twice here.
    urls -= {f"/careers/{slug}/" for slug in careers} - {pages.CAREER}
    for url in sorted(urls):
        assert client.get(url).status_code < 400, url


def test_rounds_combine_into_one_measurement():
    runs = [
        {**measurement(100, p50=10), "duration_s": 4, "requests": 400, "p90_ms": 20, "wrapped": False},
        {**measurement(300, p50=30), "duration_s": 4, "requests": 1200, "p90_ms": 40, "wrapped": True},
    ]
    for r in runs:
        r["loadavg_before"] = 1.0
    out = servers.combine(runs, "page")
    assert out["rps"] == 200 and out["p50_ms"] == 20 and out["p99_ms"] == 90 and out["wrapped"]


# --- The run's wiring, with the servers, wrk and child processes replaced ------------------------


class FakeServer:
    def __init__(self, name):
        self.name, self.base, self.restarts = name, "http://127.0.0.1:9", []

    def restart(self, extra=None):
        self.restarts.append(extra)
        return self


def test_a_run_wires_every_measurement_into_the_report(results, monkeypatch, tmp_path):
    wrk_calls, inprocess_calls, manage_calls = [], [], []

    def fake_wrk(server, paths, *, name, duration, connections, tmpdir, deadline, timeout_s=30):
        wrk_calls.append((server.name, name, connections, duration))
        rps = 1000 if server.name == "hello" else 500
        fake = {"duration_s": duration, "requests": rps * duration, "connections": connections, "p90_ms": 20.0}
        return {**measurement(rps), **fake, "distinct_urls": len(set(paths)), "wrapped": False, "loadavg_before": 0}

    def fake_call(env, command, what, timeout=600, **kwargs):
        inprocess_calls.append((command, kwargs))
        if command == "catalogue":
            return inprocess.catalogue()
        if command == "pages":
            return page_costs(43, 10)
        return {"careers": 43, "load_candidates_ms": 1.0, "rank_ms": 1.0, "finder_view_ms": 9, "compare_view_ms": 5}

    for module in (servers, scaling, loadtest):
        monkeypatch.setattr(module, "wrk", fake_wrk)
    for module, name in ((runner, "check_urls"), (loadtest, "check_urls"), (runner, "warm"), (scaling, "warm")):
        monkeypatch.setattr(module, name, lambda *args, **kwargs: None)
    monkeypatch.setattr(inprocess, "call", fake_call)
    monkeypatch.setattr(runner, "page_weight", lambda base, path: results["page_weight"])
    from careers import models as m

    real = m.Career.objects.published().count()
    small, large = real + 57, real + 100
    args = runner.parse_args(
        ["--sizes", f"{large},{small},{real - 1}", "--duration", "4", "--rounds", "2", "--load-connections", "32"]
    )
    rig = servers.Rig(
        env={},
        tmpdir=str(tmp_path),
        deadline=servers.Deadline(5),
        gunicorn_args=[],
        duration=args.duration,
        rounds=args.rounds,
        connections=args.connections,
        hello=FakeServer("hello"),
        site=FakeServer("site"),
    )
    rig.manage = lambda *command, **kwargs: (manage_calls.append(command), ("", 2.0))[1]

    out = runner.measure(rig, results["machine"], args)

    # The real catalogue first, then synthetic careers up to each size, in order.
    # A size the real catalogue already reaches is skipped.
    assert manage_calls == [("synthesize_catalogue", "--careers", "57"), ("synthesize_catalogue", "--careers", "43")]
    assert [(s["careers"], s["synthesize_s"]) for s in out["scale"]] == [(real, 0.0), (small, 2.0), (large, 2.0)]
    for stage in out["scale"]:
        assert set(scaling.STAGE_PAGES) | {"inprocess"} <= set(stage)
    # Latency with one connection for the whole duration; throughput in rounds of duration / rounds seconds.
    latency = [c for c in wrk_calls if c[0] == "site" and " at " in c[1] and "round" not in c[1]]
    assert len(latency) == 3 * len(scaling.STAGE_PAGES) and all(c[2:] == (1, 4) for c in latency)
    rounds = [c for c in wrk_calls if "round" in c[1]]
    assert rounds and all(c[2:] == (args.connections, 2) for c in rounds)
    timings = [kwargs for command, kwargs in inprocess_calls if command == "timings"]
    assert len(timings) == 3 and all(len(t["finder_urls"]) == 50 and t["reps"] == 7 for t in timings)
    # Each page paired with hello world, with the gunicorn config as it is and without recycling; the
    # cold career page at the largest size.
    for key in ("main", "main_no_recycling"):
        assert set(pages.PAGES) | {"hello", "career_cold"} <= set(out[key])
        assert out[key]["career_warm"]["ratio"] == 0.5 and out[key]["hello"]["rounds"] == 2 * len(pages.PAGES)
        assert out[key]["career_cold"]["careers_in_catalogue"] == large
    no_recycling = [servers.NO_RECYCLING]
    assert rig.hello.restarts == [no_recycling, [], [], no_recycling]
    assert rig.site.restarts == [no_recycling, [], None, None, None, [], no_recycling]
    assert out["load"]["connections"] == 32 and out["load"]["distinct_urls"] > 200
    text = report.render(out)
    assert f"| {large} |" in text and f"| {real} (real) |" in text and "Cold career page" in text


# --- What runs inside Django ---------------------------------------------------------------------


def test_catalogue_lists_what_the_urls_are_made_of():
    from careers import models as m

    catalogue = inprocess.catalogue()
    assert catalogue["careers"] == list(m.Career.objects.published().order_by("slug").values_list("slug", flat=True))
    assert catalogue["clusters"] == list(m.Cluster.objects.order_by("slug").values_list("slug", flat=True))
    assert list(catalogue["vocab"]) == list(inprocess.REVERSE_PAGES)
    used_skills = m.Skill.objects.filter(career_skills__isnull=False).values_list("slug", flat=True)
    assert set(catalogue["vocab"]["skills"]) == set(used_skills)
    for slugs in catalogue["vocab"].values():
        assert slugs and len(slugs) == len(set(slugs))


def test_inprocess_timings_go_through_the_whole_stack():
    careers = inprocess.catalogue()["careers"]
    out = inprocess.timings(pages.finder_profiles(3), pages.compare_triples(careers, 3), reps=3)
    assert out["careers"] == len(careers)
    assert all(out[k] > 0 for k in ("load_candidates_ms", "rank_ms", "finder_view_ms", "compare_view_ms"))
    with pytest.raises(servers.BenchError, match="404"):
        inprocess.timings([pages.FINDER], ["/careers/no-such-career/"], reps=1)


def test_inprocess_rank_timing_ranks_the_catalogue_the_view_ranks(monkeypatch):
    # The view ranks cached_candidates() (score rows, scored by finder_scoring); ranking a plain list
    # of Candidates instead would time building 5,000 score rows on every call.
    from careers import finder

    ranked, rank = [], finder.rank

    def recording(candidates, profile):
        ranked.append(candidates)
        return rank(candidates, profile)

    monkeypatch.setattr(finder, "rank", recording)
    inprocess.timings([pages.FINDER], ["/compare/?careers=nurse,pharmacist"], reps=2)
    assert len(ranked) >= 3 and all(c is finder.cached_candidates() for c in ranked)


def test_inprocess_command_answers_on_one_json_line(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("{}"))
    assert inprocess.main(["catalogue"]) == 0
    assert servers.json_line(capsys.readouterr().out) == inprocess.catalogue()
    assert inprocess.main(["no-such-command"]) == 2


@pytest.mark.parametrize("command", [["-m", "bench.runner"], ["bench/run.py"]])
def test_the_command_line_answers(command):
    result = subprocess.run(
        [sys.executable, *command, "--help"], cwd=servers.ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "--sizes" in result.stdout and "--write" in result.stdout
