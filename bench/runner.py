"""The benchmark of issue 8: `make bench` (or `python -m bench.runner`).

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
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from . import inprocess
from .loadtest import load_test
from .pages import CAREER, MAIN_PAGES, check_urls, page_weight, warm
from .report import render, write_between_markers
from .scaling import scale
from .servers import HOST, NO_RECYCLING, ROOT, BenchError, Deadline, Rig, Server, combine, log


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.runner", description=__doc__.split("\n")[0])
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
    parser.add_argument("--db-prefix", default="cp_bench", help="the run's database is named <prefix>_<pid>_<random>")
    parser.add_argument(
        "--gunicorn-arg",
        action="append",
        default=[],
        help="extra gunicorn option for both servers, e.g. --gunicorn-arg=--max-requests=0 (repeatable)",
    )
    return parser.parse_args(argv)


# --- Machine and database ---------------------------------------------------------------------


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


def pg_admin(url, sql):
    import psycopg

    with psycopg.connect(url + "/postgres", autocommit=True, connect_timeout=10) as conn:
        result = conn.execute(sql)
        return result.fetchone() if result.description else None


def environment(database_url, tmpdir, cache_url):
    """The servers' and commands' environment: production settings on the benchmark's database,
    nothing inherited that could point them elsewhere."""
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
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env


# --- Throughput -------------------------------------------------------------------------------


def throughput(rig):
    """Every main page paired with hello world (see ``servers.paired``); one measurement each, and
    hello world's rounds combined."""
    for path in MAIN_PAGES.values():
        warm(rig.site.base, [path], times=4)
    warm(rig.hello.base, ["/"], times=20)
    hello_runs = []
    out = {key: rig.paired(lambda i, p=path: [p], key, hello_runs) for key, path in MAIN_PAGES.items()}
    out["hello"] = combine(hello_runs, "hello world")
    out["hello_runs"] = hello_runs
    return out


# --- The run ----------------------------------------------------------------------------------


def measure(rig, info, args):
    """Everything a run measures, with the rig's servers started on a database with the catalogue."""
    real = inprocess.call(rig.env, "catalogue", "reading the catalogue's URLs", timeout=120)
    check_urls(rig.site.base, list(MAIN_PAGES.values()), "main pages")
    results = {"machine": info, "settings": vars(args)}

    # Twice: with the project's gunicorn config as it is (workers recycled every ~20,000 requests),
    # then without recycling, to tell the app's own cost from the cost of restarting workers.
    results["main"] = throughput(rig)
    rig.restart(NO_RECYCLING)
    results["main_no_recycling"] = throughput(rig)
    rig.restart()
    results["page_weight"] = page_weight(rig.site.base, CAREER)
    log(f"career page weight: {results['page_weight']['total_transferred']} bytes with assets")

    results["load"] = load_test(
        rig.site,
        real,
        duration=args.load_duration,
        connections=args.load_connections,
        tmpdir=rig.tmpdir,
        deadline=rig.deadline,
    )
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results["scale"], cold = scale(rig, len(real["careers"]), sizes)
    for key, measurement in cold.items():
        results[key]["career_cold"] = measurement
    return results


def previous_run(path):
    """The numbers of the run before this one (from its JSON file), for the report to show beside
    this run's: the date, revision, and each size's latencies; None when there is none."""
    try:
        data = json.loads(Path(path).read_text()) if path else None
    except (OSError, ValueError):
        return None
    if not data or "scale" not in data:
        return None
    keep = ("finder", "compare", "career_cold", "search", "browse", "home")
    return {
        "date": data["machine"]["date"],
        "revision": data["machine"]["revision"],
        "warm_ratio": (data.get("main") or {}).get("career_warm", {}).get("ratio"),
        "scale": {
            str(stage["careers"]): {
                **{k: stage[k]["p50_ms"] for k in keep if k in stage},
                **{f"page:{name}": p["p50_ms"] for name, p in (stage.get("pages") or {}).get("pages", {}).items()},
            }
            for stage in data["scale"]
        },
    }


def main(argv=None):
    args = parse_args(argv)
    if not shutil.which("wrk"):
        print(
            "bench: wrk is not installed. It is the load generator this benchmark uses; install the Debian "
            "package (apt-get install wrk) and run again. Nothing was started.",
            file=sys.stderr,
        )
        return 2
    deadline = Deadline(args.max_minutes)
    tmpdir = tempfile.mkdtemp(prefix="cp-bench-")
    db_name = f"{args.db_prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    created_db, rig, ok = False, None, False

    def on_term(signum, frame):
        raise SystemExit(f"bench: stopped by signal {signum}")

    signal.signal(signal.SIGTERM, on_term)
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
        rig = Rig(
            env=environment(database_url, tmpdir, args.cache_url),
            tmpdir=tmpdir,
            deadline=deadline,
            gunicorn_args=args.gunicorn_arg,
            duration=args.duration,
            rounds=args.rounds,
            connections=args.connections,
        )
        rig.manage("migrate", "--noinput", "-v0", what="migrate")
        rig.manage("collectstatic", "--noinput", "-v0", what="collectstatic")
        rig.manage("load_catalogue")
        rig.hello = Server("hello", "bench.hello_wsgi:application", rig.env, tmpdir, args.gunicorn_arg)
        rig.hello.start()  # (assigned first, so that a server which fails to start is stopped all the same)
        rig.site = Server("site", "careerportal.wsgi:application", rig.env, tmpdir, args.gunicorn_arg)
        rig.site.start()
        previous = previous_run(args.json)
        results = measure(rig, info, args)
        results["previous"] = previous

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
        for server in (rig.hello, rig.site) if rig else ():
            if server is not None:
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


if __name__ == "__main__":
    sys.exit(main())
