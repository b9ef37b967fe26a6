"""The benchmark of issue 8: `make bench` (or `.venv/bin/python bench/run.py`).

One run, on this machine, only ever talking to 127.0.0.1:

1. makes a fresh database (PostgreSQL at 127.0.0.1:5432 by default, a unique name; SQLite with
   ``--db sqlite``), migrates it, collects static files into a temporary folder and loads the
   catalogue;
2. starts gunicorn with 2 workers and the project's config (careerportal/gunicorn.conf.py) twice:
   the site under production settings, and a minimal Django "hello world" (bench/hello_wsgi.py),
   the ceiling on this machine;
3. drives both with wrk (bench/wrk.lua): hello world, the career page warm, compare of 3, the
   finder, search, browse and home, each as requests/s, p50/p99 and a ratio of hello world;
   whether each request hit the page cache is counted from the site's request log;
4. measures the career page's weight with all its assets, as served (compressed where whitenoise
   compresses);
5. runs a load test (64 connections, 60 s) over a mix of public URLs and counts the errors;
6. adds synthetic careers (manage.py synthesize_catalogue) up to 500, 5,000 and 10,000 published
   careers and measures the finder, compare and other pages there, with every request for a URL
   not asked for before (so no page cache helps), plus in-process timings of the finder's parts;
   the cold career page (distinct careers, never requested before) is measured at the largest size;
7. writes a Markdown report (the table of docs/benchmarks.md, between its markers, with
   ``--write``) and a JSON file of every number.

Every server it starts is stopped and the database dropped, also on failure or Ctrl-C. Every
loop is bounded in time and count. It installs nothing: wrk must be there (Debian package `wrk`).
"""

import argparse
import datetime
import gzip
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only address this script ever talks to
WORKERS = 2
GUNICORN_CONFIG = ROOT / "careerportal" / "gunicorn.conf.py"
NO_RECYCLING = "--max-requests=0"
MARK_START = "<!-- bench:start (written by bench/run.py; do not edit by hand) -->"
MARK_END = "<!-- bench:end -->"
PAGES = ["career_warm", "compare", "finder", "search", "browse", "home"]

# The targets.
TARGET_WARM_RATIO = 0.70
TARGET_COLD_RATIO = 0.10
TARGET_FINDER_P50_MS = 150
TARGET_FINDER_AT = 5000
TARGET_PAGE_KB = 150
TARGET_JS_KB = 30

CAREER = "/careers/machine-learning-engineer/"
COMPARE = "/compare/?careers=data-analyst,data-scientist,machine-learning-engineer"
# A class 12 PCM student who enjoys code, numbers and puzzles, knows some Python, wants at least
# ₹4 LPA to start and no night shifts.
FINDER = (
    "/finder/?stage=class12&stream=pcm&interests=code&interests=numbers&interests=puzzles"
    "&skills=python-programming&min_salary=4&avoid=shifts"
)
SEARCH = "/search/?q=data+analyst"
BROWSE = "/careers/"
HOME = "/"


class BenchError(Exception):
    pass


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Processes --------------------------------------------------------------------------------


class Deadline:
    def __init__(self, minutes):
        self.end = time.monotonic() + minutes * 60

    def check(self, what):
        if time.monotonic() > self.end:
            raise BenchError(f"the run took longer than allowed (--max-minutes); stopped before {what}")

    def left(self):
        return max(1, self.end - time.monotonic())


def run(args, env, timeout, what):
    log(what)
    started = time.monotonic()
    result = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise BenchError(f"{what} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout, time.monotonic() - started


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """A gunicorn master in its own process group, logging to a file."""

    def __init__(self, name, app, env, logdir, extra=()):
        self.name, self.app, self.env, self.extra = name, app, env, list(extra)
        self.port = free_port()
        self.logfile = Path(logdir) / f"{name}.log"
        self.proc = None

    @property
    def base(self):
        return f"http://{HOST}:{self.port}"

    def start(self, timeout=60):
        args = [sys.executable, "-m", "gunicorn", "--chdir", str(ROOT), "--bind", f"{HOST}:{self.port}"]
        args += ["--workers", str(WORKERS), "--no-control-socket"]
        if GUNICORN_CONFIG.exists():
            args += ["--config", str(GUNICORN_CONFIG)]
        args += self.extra
        args.append(self.app)
        self._log = open(self.logfile, "ab")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            args, env=self.env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.proc.poll() is not None:
                raise BenchError(f"{self.name} server exited at start; see {self.logfile}")
            try:
                with urllib.request.urlopen(self.base + "/", timeout=5) as response:
                    response.read()
                return self
            except urllib.error.HTTPError:
                return self  # it answers
            except OSError:
                time.sleep(0.3)
        raise BenchError(f"{self.name} server did not answer within {timeout} s; see {self.logfile}")

    def restart(self, extra=None):
        self.stop()
        if extra is not None:
            self.extra = list(extra)
        return self.start()

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.kill(self.proc.pid, signal.SIGTERM)  # gunicorn's master stops its workers
                self.proc.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        if self.proc.poll() is None or _group_alive(self.proc.pid):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the group this script started, and only it
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        self.proc = None
        self._log.close()

    def log_size(self):
        return self.logfile.stat().st_size if self.logfile.exists() else 0

    def cache_use(self, since):
        """{"hit": n, "miss": n, "": n} of the requests logged since byte ``since`` of the log."""
        counts = {}
        with open(self.logfile, "rb") as fh:
            fh.seek(since)
            for line in fh:
                if b"careers.requests" not in line:
                    continue
                try:
                    entry = json.loads(line[line.index(b"{") :])
                except ValueError:
                    continue
                key = entry.get("cache") or "none"
                counts[key] = counts.get(key, 0) + 1
        return counts


def _group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except (ProcessLookupError, PermissionError):
        return False


# --- HTTP -------------------------------------------------------------------------------------


def fetch(url, accept_encoding="gzip, deflate, br"):
    """(status, headers, raw body as transferred) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding, "User-Agent": "cp-bench"})
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def decoded(headers, body):
    encoding = (headers.get("Content-Encoding") or "").strip()
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        try:
            import brotli
        except ImportError:
            return None
        return brotli.decompress(body)
    return body


def header_bytes(status, headers):
    return len(f"HTTP/1.1 {status} OK\r\n") + sum(len(f"{k}: {v}\r\n") for k, v in headers.items()) + 2


def check_urls(base, paths, what):
    """Every path answers 2xx/3xx before it is used under load (so an error there is the load's)."""
    bad = []
    for path in paths:
        status, _headers, _body = fetch(base + path)
        if status >= 400:
            bad.append(f"{status} {path}")
    if bad:
        raise BenchError(f"{what}: these URLs do not answer 2xx/3xx even without load:\n" + "\n".join(bad[:20]))


def warm(base, paths, times=2):
    for _ in range(times):
        for path in paths:
            fetch(base + path)


# --- wrk --------------------------------------------------------------------------------------


def wrk(server, paths, *, name, duration, connections, tmpdir, deadline, timeout_s=30):
    """Drive ``server`` through ``paths`` (cycled in order); returns the measurements."""
    deadline.check(name)
    paths_file = Path(tmpdir) / f"paths-{re.sub(r'[^a-z0-9]+', '-', name.lower())}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    since = server.log_size()
    args = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout_s}s"]
    args += ["-s", str(ROOT / "bench" / "wrk.lua"), server.base, "--", str(paths_file)]
    load_before = os.getloadavg()[0]
    log(f"wrk: {name} ({connections} connections, {duration} s, {len(paths)} distinct URLs; load {load_before:.2f})")
    result = subprocess.run(args, capture_output=True, text=True, timeout=duration + 60)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if result.returncode != 0 or line is None:
        raise BenchError(f"wrk failed for {name}:\n{result.stdout}\n{result.stderr}")
    data = json.loads(line[len("BENCH_JSON ") :])
    seconds = data["duration_us"] / 1e6
    errors = data["errors"]
    time.sleep(0.5)  # let the workers flush their last log lines
    out = {
        "name": name,
        "connections": connections,
        "duration_s": round(seconds, 1),
        "requests": data["requests"],
        "rps": data["requests"] / seconds if seconds else 0,
        "p50_ms": data["latency_us"]["p50"] / 1000,
        "p90_ms": data["latency_us"]["p90"] / 1000,
        "p99_ms": data["latency_us"]["p99"] / 1000,
        "max_ms": data["latency_us"]["max"] / 1000,
        "errors_status": errors["status"],
        "errors_socket": errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
        "errors_detail": errors,
        "distinct_urls": data["paths"],
        "wrapped": data["sent"] > data["paths"],
        "cache": server.cache_use(since) if server.name == "site" else {},
        "loadavg_before": load_before,
    }
    log(
        f"  {out['rps']:.1f} req/s, p50 {out['p50_ms']:.1f} ms, p99 {out['p99_ms']:.1f} ms, "
        f"errors {out['errors_status']}+{out['errors_socket']}, cache {out['cache']}"
    )
    return out


def combine(runs, name):
    """One measurement from several rounds: requests/s over the whole time, the median p50 and the
    worst p99, errors and cache use added up."""
    seconds = sum(r["duration_s"] for r in runs)
    requests = sum(r["requests"] for r in runs)
    cache = {}
    for r in runs:
        for k, v in (r.get("cache") or {}).items():
            cache[k] = cache.get(k, 0) + v
    return {
        "name": name,
        "rounds": len(runs),
        "connections": runs[0]["connections"],
        "duration_s": seconds,
        "requests": requests,
        "rps": requests / seconds if seconds else 0,
        "rps_rounds": [round(r["rps"], 1) for r in runs],
        "p50_ms": statistics.median(r["p50_ms"] for r in runs),
        "p90_ms": statistics.median(r["p90_ms"] for r in runs),
        "p99_ms": max(r["p99_ms"] for r in runs),
        "max_ms": max(r["max_ms"] for r in runs),
        "errors_status": sum(r["errors_status"] for r in runs),
        "errors_socket": sum(r["errors_socket"] for r in runs),
        "distinct_urls": sum(r["distinct_urls"] for r in runs),
        "wrapped": any(r["wrapped"] for r in runs),
        "cache": cache,
        "loadavg_before": runs[0]["loadavg_before"],
    }


def paired(site, hello, paths_per_round, *, name, rounds, hello_runs, **kwargs):
    """The page and hello world in alternating rounds (hello, page, hello, page, …): the ratio is the
    median of each round's page/hello, so a machine whose background load drifts (other work on the
    same cores) moves both sides of a ratio together."""
    runs, ratios = [], []
    for i in range(rounds):
        h = wrk(hello, ["/"], name=f"hello world (round {i + 1})", **kwargs)
        hello_runs.append(h)
        r = wrk(site, paths_per_round(i), name=f"{name} (round {i + 1})", **kwargs)
        runs.append(r)
        ratios.append(r["rps"] / h["rps"] if h["rps"] else 0)
    out = combine(runs, name)
    out["ratio"] = statistics.median(ratios)
    out["ratio_rounds"] = [round(x, 3) for x in ratios]
    return out


# --- Page weight ------------------------------------------------------------------------------


class AssetParser(HTMLParser):
    """What a browser fetches to show the page: stylesheets, scripts, images and the favicon.
    (Not the apple-touch-icon or og:image: phones fetch those only to save or share the page.)"""

    def __init__(self):
        super().__init__()
        self.assets = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower().split()
            if "stylesheet" in rel:
                self.assets.append(("css", a["href"]))
            elif "icon" in rel:
                self.assets.append(("image", a["href"]))
            elif "preload" in rel or "modulepreload" in rel:
                self.assets.append(("js" if a.get("as") == "script" or "modulepreload" in rel else "other", a["href"]))
        elif tag == "script" and a.get("src"):
            self.assets.append(("js", a["src"]))
        elif tag == "img" and a.get("src") and not a["src"].startswith("data:"):
            self.assets.append(("image", a["src"]))


CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def page_weight(base, path):
    status, headers, body = fetch(base + path)
    if status != 200:
        raise BenchError(f"page weight: {path} answered {status}")
    html = decoded(headers, body)
    rows = [("html", path, header_bytes(status, headers), len(body), len(html) if html else None, headers)]
    parser = AssetParser()
    parser.feed((html or b"").decode("utf-8", "replace"))
    seen = set()
    queue = list(parser.assets)
    while queue and len(seen) < 100:
        kind, url = queue.pop(0)
        if url.startswith("data:") or url in seen:
            continue
        seen.add(url)
        full = url if url.startswith("http") else base + (url if url.startswith("/") else "/" + url)
        if not full.startswith(f"http://{HOST}:"):
            rows.append((kind, url, 0, 0, 0, {}))  # another origin: not ours to count (there are none today)
            continue
        st, hd, raw = fetch(full)
        plain = decoded(hd, raw)
        rows.append((kind, url, header_bytes(st, hd), len(raw), len(plain) if plain is not None else None, hd))
        if kind == "css" and plain:
            for ref in CSS_URL.findall(plain.decode("utf-8", "replace")):
                if not ref.startswith(("data:", "#")):
                    queue.append(("css-asset", _join(url, ref)))
    items = []
    for kind, url, hbytes, wire, plain, hd in rows:
        items.append(
            {
                "kind": kind,
                "url": url,
                "headers": hbytes,
                "transferred": wire,
                "uncompressed": plain,
                "encoding": (hd.get("Content-Encoding") or "identity") if hd else "",
            }
        )
    total = sum(i["headers"] + i["transferred"] for i in items)
    js = [i for i in items if i["kind"] == "js"]
    return {
        "path": path,
        "items": items,
        "total_transferred": total,
        "html_transferred": items[0]["transferred"],
        "html_uncompressed": items[0]["uncompressed"],
        "js_transferred": sum(i["transferred"] for i in js),
        "js_uncompressed": sum(i["uncompressed"] or 0 for i in js),
        "css_transferred": sum(i["transferred"] for i in items if i["kind"] in ("css", "css-asset")),
        "images_transferred": sum(i["transferred"] for i in items if i["kind"] == "image"),
    }


def _join(base_url, ref):
    if ref.startswith(("/", "http")):
        return ref
    return base_url.rsplit("/", 1)[0] + "/" + ref


# --- URL sets ---------------------------------------------------------------------------------


def interest_sets():
    return [
        ["code", "numbers", "puzzles"],
        ["helping", "caring"],
        ["design", "ideas", "writing"],
        ["leading", "persuading", "business"],
        ["records", "money", "details"],
        ["fix-build", "machines", "outdoors"],
        ["experiments", "numbers"],
        ["teaching", "writing"],
    ]


def finder_profiles(limit):
    """Distinct typical finder URLs: interests x stream or degree x a minimum salary."""
    out = []
    who = [
        "stage=class12&stream=pcm",
        "stage=class12&stream=commerce",
        "stage=class12&stream=pcb",
        "stage=class12&stream=arts",
        "stage=graduate&degree=btech-cse",
        "stage=graduate&degree=bcom",
    ]
    for salary_tenths in range(20, 2000, 5):
        for interests in interest_sets():
            for person in who:
                query = person + "".join(f"&interests={i}" for i in interests)
                out.append(f"/finder/?{query}&min_salary={salary_tenths / 10:g}&avoid=shifts")
                if len(out) >= limit:
                    return out
    return out


def synthetic_slugs(first, last):
    return [f"synthetic-career-{n:05d}" for n in range(first, last + 1)]


def compare_triples(slugs, limit, seed=3):
    rng = random.Random(seed)
    out, seen = [], set()
    for _ in range(limit * 3):
        if len(out) >= limit or len(slugs) < 3:
            break
        trio = tuple(rng.sample(slugs, 3))
        if trio not in seen:
            seen.add(trio)
            out.append("/compare/?careers=" + ",".join(trio))
    return out


def search_queries():
    words = [
        "data analyst",
        "nurse",
        "python",
        "sql",
        "design",
        "teacher",
        "engineer",
        "finance",
        "machne lerning",
        "cloud",
        "marketing",
        "law",
        "doctor",
        "pilot",
        "excel",
        "research",
        "security",
        "hotel",
        "writer",
        "accounts",
    ]
    return [f"/search/?q={w.replace(' ', '+')}" for w in words]


def mixed_urls(base, real_slugs, clusters, vocab):
    """The load test's mix of public URLs (weights by repetition), shuffled with a fixed seed."""
    rng = random.Random(8)
    urls = [HOME] * 20 + [BROWSE] * 10
    urls += [f"/careers/{s}/" for s in real_slugs] * 3
    urls += [f"/careers/?cluster={c}" for c in clusters] + ["/careers/?sort=salary", "/careers/?page=2"]
    urls += [f"/clusters/{c}/" for c in clusters]
    urls += search_queries()
    urls += finder_profiles(40)
    for _ in range(30):
        a, b, c = rng.sample(real_slugs, 3)
        urls.append(f"/compare/?careers={a},{b},{c}")
        first, second = sorted([a, b])
        urls.append(f"/compare/{first}-vs-{second}/")
    for _ in range(10):
        a, b = rng.sample(real_slugs, 2)
        urls.append(f"/compare/{a}/to/{b}/")
    for kind, slugs in vocab.items():
        urls += [f"/{kind}/{s}/" for s in slugs[:10]]
    urls += ["/finder/how-it-works/", "/sitemap.xml", "/robots.txt", "/healthz"]
    rng.shuffle(urls)
    return urls


# --- In-process timings -----------------------------------------------------------------------

INPROCESS = r"""
import json, statistics, sys, time
import django
django.setup()
from django.test import Client
from careers import finder
from careers.forms import FinderForm
from careers.models import Career

finder_urls, compare_urls, reps = json.loads(sys.stdin.read())
client = Client(HTTP_HOST="127.0.0.1")  # the whole stack: middleware, view, template (no HTTP)
def timed(fn):
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000
def get(url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
out = {"careers": Career.objects.published().count(), "load_candidates_ms": [], "rank_ms": [],
       "finder_view_ms": [], "compare_view_ms": []}
for i in range(reps):
    candidates = []
    out["load_candidates_ms"].append(timed(lambda: candidates.append(finder.load_candidates())))
    form = FinderForm({"interests": ["code", "numbers"], "stream": "pcm", "min_salary": "4", "avoid": ["shifts"]})
    form.is_valid()
    profile = form.profile()
    out["rank_ms"].append(timed(lambda: finder.rank(candidates[0], profile)))
    out["finder_view_ms"].append(timed(lambda: get(finder_urls[i % len(finder_urls)])))
    out["compare_view_ms"].append(timed(lambda: get(compare_urls[i % len(compare_urls)])))
print("BENCH_JSON " + json.dumps({k: (statistics.median(v) if isinstance(v, list) else v) for k, v in out.items()}))
"""


def inprocess(env, finder_urls, compare_urls, reps=7):
    result = subprocess.run(
        [sys.executable, "-c", INPROCESS],
        input=json.dumps([finder_urls, compare_urls, reps]),
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if result.returncode != 0 or line is None:
        raise BenchError(f"in-process timing failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return json.loads(line[len("BENCH_JSON ") :])


# --- Machine ----------------------------------------------------------------------------------


def machine(db_kind, pg_version):
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    versions = {}
    for module in ("django", "gunicorn", "psycopg"):
        try:
            versions[module] = __import__(module).__version__
        except Exception:  # noqa: BLE001
            versions[module] = "?"
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("[")[0].strip()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True)
    revision = commit.stdout.strip() or os.environ.get("BENCH_REVISION", "unknown")
    if commit.returncode == 0 and dirty.stdout.strip():
        revision += " with uncommitted changes"
    return {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": os.cpu_count(),
        "memory": memory,
        "cpu": cpu,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": versions["django"],
        "gunicorn": versions["gunicorn"],
        "psycopg": versions["psycopg"],
        "wrk": wrk_version,
        "database": pg_version if db_kind == "postgres" else f"SQLite {__import__('sqlite3').sqlite_version}",
        "revision": revision,
    }


# --- Database ---------------------------------------------------------------------------------


def pg_admin(url, sql):
    import psycopg

    with psycopg.connect(url + "/postgres", autocommit=True, connect_timeout=10) as conn:
        result = conn.execute(sql)
        return result.fetchone() if result.description else None


# --- The run ----------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432", help="PostgreSQL server (no db name)")
    parser.add_argument("--cache-url", default="", help="Redis URL for the page cache (default: local memory)")
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per page (split into rounds)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating hello/page rounds per page")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections for throughput")
    parser.add_argument("--load-duration", type=int, default=60)
    parser.add_argument("--load-connections", type=int, default=64)
    parser.add_argument("--sizes", default="500,5000,10000", help="published careers to measure at")
    parser.add_argument("--max-minutes", type=float, default=60, help="give up (and clean up) after this long")
    parser.add_argument("--json", default="", help="also write every number here")
    parser.add_argument("--write", default="", help="update this Markdown file between its bench markers")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    parser.add_argument(
        "--gunicorn-arg",
        action="append",
        default=[],
        help="extra gunicorn option for both servers, e.g. --gunicorn-arg=--max-requests=0 (repeatable)",
    )
    args = parser.parse_args(argv)

    if not shutil.which("wrk"):
        print(
            "bench: wrk is not installed. It is the load generator this benchmark uses; install the Debian "
            "package (apt-get install wrk) and run again. Nothing was started.",
            file=sys.stderr,
        )
        return 2
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    deadline = Deadline(args.max_minutes)
    tmpdir = tempfile.mkdtemp(prefix="cp-bench-")
    servers = []
    db_name = f"cp_bench_{os.getpid()}_{secrets.token_hex(3)}"
    created_db = False

    def on_term(signum, frame):
        raise SystemExit(f"bench: stopped by signal {signum}")

    signal.signal(signal.SIGTERM, on_term)
    ok = False
    try:
        if args.db == "postgres":
            try:
                pg_version = pg_admin(args.pg, "SELECT version()")[0].split(" on ")[0]
            except Exception as exc:  # noqa: BLE001
                raise BenchError(
                    f"cannot reach PostgreSQL at {args.pg} ({exc}); start it, or run with --db sqlite"
                ) from None
            pg_admin(args.pg, f'CREATE DATABASE "{db_name}"')
            created_db = True
            database_url = f"{args.pg}/{db_name}"
        else:
            pg_version = ""
            database_url = f"sqlite:///{tmpdir}/bench.sqlite3"
        info = machine(args.db, pg_version)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
        for name in ("DATABASE_URL", "REDIS_URL", "CACHE_URL"):
            env.pop(name, None)
        env.update(
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="bench.settings",
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS=HOST,
            DJANGO_SECURE_SSL_REDIRECT="0",
            BENCH_STATIC_ROOT=str(Path(tmpdir) / "static"),
            PYTHONDONTWRITEBYTECODE="1",
        )
        if args.cache_url:
            env["CACHE_URL"] = args.cache_url
        manage = [sys.executable, str(ROOT / "manage.py")]
        run([*manage, "migrate", "--noinput", "-v0"], env, 600, "migrate")
        run([*manage, "collectstatic", "--noinput", "-v0"], env, 600, "collectstatic")
        run([*manage, "load_catalogue"], env, 600, "load_catalogue")

        hello = Server("hello", "bench.hello_wsgi:application", env, tmpdir, args.gunicorn_arg).start()
        servers.append(hello)
        site = Server("site", "careerportal.wsgi:application", env, tmpdir, args.gunicorn_arg).start()
        servers.append(site)
        results = {
            "machine": info,
            "settings": vars(args),
            "main": {},
            "main_no_recycling": {},
            "scale": [],
            "load": None,
        }

        real = json.loads(
            run(
                [*manage, "shell", "-c", SLUGS_SCRIPT],
                env,
                120,
                "reading the catalogue's URLs",
            )[0].splitlines()[-1]
        )
        main_paths = dict(zip(PAGES, [[CAREER], [COMPARE], [FINDER], [SEARCH], [BROWSE], [HOME]], strict=True))
        for paths in main_paths.values():
            check_urls(site.base, paths, "main pages")
        duration, conns = args.duration, args.connections
        common = {"duration": duration, "connections": conns, "tmpdir": tmpdir, "deadline": deadline}

        rounds = args.rounds
        per_round = {**common, "duration": max(2, round(duration / rounds))}

        def measure_main(into):
            for paths in main_paths.values():
                warm(site.base, paths, times=4)
            warm(hello.base, ["/"], times=20)
            hello_runs = []
            for key, paths in main_paths.items():
                into[key] = paired(
                    site, hello, lambda i, p=paths: p, name=key, rounds=rounds, hello_runs=hello_runs, **per_round
                )
            into["hello"] = combine(hello_runs, "hello world")
            into["hello_runs"] = hello_runs

        # Twice: with the project's gunicorn config as it is (workers recycled every ~20,000 requests),
        # then without recycling, to tell the app's own cost from the cost of restarting workers.
        main = results["main"]
        measure_main(main)
        for server in (hello, site):
            server.restart(extra=[*args.gunicorn_arg, NO_RECYCLING])
        measure_main(results["main_no_recycling"])
        for server in (hello, site):
            server.restart(extra=args.gunicorn_arg)
        results["page_weight"] = page_weight(site.base, CAREER)
        log(f"career page weight: {results['page_weight']['total_transferred']} bytes with assets")

        mix = mixed_urls(site.base, real["careers"], real["clusters"], real["vocab"])
        check_urls(site.base, sorted(set(mix)), "load test mix")
        results["load"] = wrk(
            site,
            mix,
            name=f"load test: {len(set(mix))} public URLs",
            duration=args.load_duration,
            connections=args.load_connections,
            tmpdir=tmpdir,
            deadline=deadline,
        )

        published = len(real["careers"])
        made = 0
        if published < sizes[0]:
            sizes.insert(0, published)  # the real catalogue first: the same measurements without synthesis
        for size in sizes:
            deadline.check(f"the {size}-career stage")
            add = size - published - made
            if add > 0:
                _out, seconds = run(
                    [*manage, "synthesize_catalogue", "--careers", str(add)],
                    env,
                    int(deadline.left()),
                    f"synthesize_catalogue --careers {add} (to {size} published careers)",
                )
                made += add
            else:
                seconds = 0.0
            # A fresh server: the page cache (local memory) starts empty, the new careers are live.
            site.stop()
            site.start()
            slugs = real["careers"] + synthetic_slugs(1, made)
            rng = random.Random(size)
            cold_careers = [f"/careers/{s}/" for s in rng.sample(slugs, len(slugs))]
            finder_urls = finder_profiles(3000)
            triples = compare_triples(slugs, 3000)
            stage = {"careers": size, "synthesize_s": round(seconds, 1)}
            warm(site.base, [CAREER, BROWSE, "/search/?q=zzzz", finder_urls[-1], triples[-1]], times=2)
            lat = {"duration": duration, "connections": 1, "tmpdir": tmpdir, "deadline": deadline}
            stage["finder"] = wrk(site, finder_urls, name=f"finder at {size}", **lat)
            stage["compare"] = wrk(site, triples, name=f"compare of 3 at {size}", **lat)
            stage["career_cold"] = wrk(site, cold_careers, name=f"career page cold at {size}", **lat)
            stage["search"] = wrk(site, search_queries(), name=f"search at {size}", **lat)
            browse_pages = [f"/careers/?page={p}&sort={s}" for p in range(1, 400) for s in ("title", "salary")]
            stage["browse"] = wrk(site, browse_pages, name=f"browse at {size}", **lat)
            stage["home"] = wrk(site, [f"/?v={n}" for n in range(5000)], name=f"home at {size}", **lat)
            stage["inprocess"] = inprocess(env, finder_urls[:50], triples[-50:])
            log(f"  in-process: {stage['inprocess']}")
            results["scale"].append(stage)
            if size == sizes[-1]:
                # The cold career page for the main table: careers nobody asked for yet, paired with
                # hello world like the other pages, with each gunicorn config.
                n = len(cold_careers)
                halves = {"main": cold_careers[n // 2 : 3 * n // 4], "main_no_recycling": cold_careers[3 * n // 4 :]}
                for key, extra in (("main", []), ("main_no_recycling", [NO_RECYCLING])):
                    for server in (hello, site):
                        server.restart(extra=[*args.gunicorn_arg, *extra])
                    chunk = halves[key]
                    size_of = max(1, len(chunk) // rounds)
                    r = paired(
                        site,
                        hello,
                        lambda i, c=chunk, k=size_of: c[i * k : (i + 1) * k],
                        name=f"career page cold at {size} ({key})",
                        rounds=rounds,
                        hello_runs=[],
                        **per_round,
                    )
                    r["careers_in_catalogue"] = size
                    results[key]["career_cold"] = r

        report = render(results)
        print("\n" + report)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2, default=str) + "\n")
        if args.write:
            write_between_markers(Path(args.write), report)
            log(f"wrote {args.write}")
        ok = True
        return 0
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    finally:
        for server in servers:
            server.stop()
        if created_db and not args.keep_db:
            try:
                pg_admin(args.pg, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
            except Exception as exc:  # noqa: BLE001
                print(f"bench: could not drop database {db_name}: {exc}", file=sys.stderr)
        if ok:
            shutil.rmtree(tmpdir, ignore_errors=True)
        else:
            print(f"bench: logs kept in {tmpdir}", file=sys.stderr)


SLUGS_SCRIPT = """
import json
from careers import models as m
print(json.dumps({
    "careers": list(m.Career.objects.published().order_by("slug").values_list("slug", flat=True)),
    "clusters": list(m.Cluster.objects.order_by("slug").values_list("slug", flat=True)),
    "vocab": {
        "skills": list(m.Skill.objects.filter(career_skills__isnull=False).distinct().order_by("slug")
                       .values_list("slug", flat=True)),
        "degrees": list(m.Degree.objects.filter(career_degrees__isnull=False).distinct().order_by("slug")
                        .values_list("slug", flat=True)),
        "tools": list(m.Tool.objects.filter(career_tools__isnull=False).distinct().order_by("slug")
                      .values_list("slug", flat=True)),
        "industries": list(m.Industry.objects.filter(career_industries__isnull=False).distinct().order_by("slug")
                           .values_list("slug", flat=True)),
    },
}))
"""


# --- Report -----------------------------------------------------------------------------------


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
        "the catalogue's 43 careers unless noted. Each page is measured in "
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
        for k in ("finder", "compare", "career_cold", "search", "browse", "home")
        if stage[k]["errors_status"] + stage[k]["errors_socket"]
    ]
    if errors:
        lines += ["", f"Errors during the scale runs: {', '.join(errors)}."]
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
    lines += [f"| {t} | {r} | {m} |" for t, r, m in verdicts(results)]
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


if __name__ == "__main__":
    sys.exit(main())
