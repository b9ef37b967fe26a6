"""Child processes of a run: commands with a time limit, gunicorn servers and wrk.

Every server is started in its own process group and stopped with it; every command and wrk run
has a timeout; nothing here talks to any address but ``HOST``.
"""

import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only address the benchmark ever talks to
WORKERS = 2
GUNICORN_CONFIG = ROOT / "careerportal" / "gunicorn.conf.py"
NO_RECYCLING = "--max-requests=0"
WRK_SCRIPT = ROOT / "bench" / "wrk.lua"
JSON_LINE = "BENCH_JSON "  # how wrk.lua and bench.inprocess hand their numbers back


class BenchError(Exception):
    pass


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


class Deadline:
    def __init__(self, minutes):
        self.end = time.monotonic() + minutes * 60

    def check(self, what):
        if time.monotonic() > self.end:
            raise BenchError(f"the run took longer than allowed (--max-minutes); stopped before {what}")

    def left(self):
        return max(1, self.end - time.monotonic())


def run(args, env, timeout, what, stdin=None):
    """Run a command in the repository; (stdout, seconds). Raises BenchError when it fails."""
    log(what)
    started = time.monotonic()
    result = subprocess.run(args, env=env, cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise BenchError(f"{what} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout, time.monotonic() - started


def json_line(stdout):
    """The numbers a child printed on its ``BENCH_JSON`` line, or None when there is none."""
    line = next((ln for ln in stdout.splitlines() if ln.startswith(JSON_LINE)), None)
    return None if line is None else json.loads(line[len(JSON_LINE) :])


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
                os.killpg(self.proc.pid, signal.SIGKILL)  # the group this run started, and only it
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


# --- wrk --------------------------------------------------------------------------------------


def wrk(server, paths, *, name, duration, connections, tmpdir, deadline, timeout_s=30):
    """Drive ``server`` through ``paths`` (cycled in order); returns the measurements."""
    deadline.check(name)
    paths_file = Path(tmpdir) / f"paths-{re.sub(r'[^a-z0-9]+', '-', name.lower())}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    since = server.log_size()
    args = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout_s}s"]
    args += ["-s", str(WRK_SCRIPT), server.base, "--", str(paths_file)]
    load_before = os.getloadavg()[0]
    log(f"wrk: {name} ({connections} connections, {duration} s, {len(paths)} distinct URLs; load {load_before:.2f})")
    result = subprocess.run(args, capture_output=True, text=True, timeout=duration + 60)
    data = json_line(result.stdout)
    if result.returncode != 0 or data is None:
        raise BenchError(f"wrk failed for {name}:\n{result.stdout}\n{result.stderr}")
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


# --- What the measurements share --------------------------------------------------------------


@dataclass
class Rig:
    """The running servers and settings every measurement of a run shares."""

    env: dict
    tmpdir: str
    deadline: Deadline
    gunicorn_args: list
    duration: int  # seconds of wrk per measurement (split into rounds where paired)
    rounds: int
    connections: int
    hello: Server | None = None
    site: Server | None = None

    def options(self, connections=None, duration=None):
        """wrk's keyword arguments (see ``wrk``)."""
        return {
            "duration": self.duration if duration is None else duration,
            "connections": self.connections if connections is None else connections,
            "tmpdir": self.tmpdir,
            "deadline": self.deadline,
        }

    def paired(self, paths_per_round, name, hello_runs=None):
        """``paired`` with this run's rounds, each a share of ``duration``."""
        per_round = self.options(duration=max(2, round(self.duration / self.rounds)))
        hello_runs = [] if hello_runs is None else hello_runs
        return paired(
            self.site, self.hello, paths_per_round, name=name, rounds=self.rounds, hello_runs=hello_runs, **per_round
        )

    def restart(self, *extra):
        """Both servers again, with the run's gunicorn options and ``extra``."""
        for server in (self.hello, self.site):
            server.restart(extra=[*self.gunicorn_args, *extra])

    def manage(self, *args, timeout=600, what=None):
        return run([sys.executable, str(ROOT / "manage.py"), *args], self.env, timeout, what or " ".join(args))
