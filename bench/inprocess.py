"""What a run reads or times inside one Django process on the benchmark's database (no HTTP).

The runner starts ``python -m bench.inprocess COMMAND`` with the run's environment (its database and
settings); the command reads its keyword arguments as JSON on stdin and prints its answer on one
``BENCH_JSON`` line. In a process where Django is already set up (the tests), call the functions.

- ``catalogue``: the published careers, clusters and used vocabulary entries the URL sets are made of;
- ``timings``: the median of ``reps`` calls of the finder's two parts and of the whole finder and
  compare views (through Django's test client: middleware, view and template). The parts are
  ``load_candidates`` (reading every published career from the database, what a worker does when no
  shared cache holds the packed catalogue) and ``rank`` over the catalogue the view ranks
  (``cached_candidates()``: score rows scored by ``finder_scoring.Scorer``, the top ten explained),
  not over a plain list of Candidates, which would build every score row on each call;
- ``pages``: every public page's uncached p50, queries and HTML bytes raw and gzipped, the finder
  cold and warm and its memory (``bench/pagecost.py``).
"""

import json
import os
import statistics
import sys
import time

from .servers import JSON_LINE, BenchError, json_line, run

# Vocabularies with a public page per entry (/<name>/<slug>/): the sections that show them.
REVERSE_PAGES = ("skills", "degrees", "tools", "industries")


def catalogue():
    from careers import models as m
    from careers.sections import BY_NAME

    def used(section):
        field = section.model._meta.get_field(section.vocabulary)
        used = field.related_model.objects.filter(**{f"{field.remote_field.related_name}__isnull": False})
        return list(used.distinct().order_by("slug").values_list("slug", flat=True))

    return {
        "careers": list(m.Career.objects.published().order_by("slug").values_list("slug", flat=True)),
        "clusters": list(m.Cluster.objects.order_by("slug").values_list("slug", flat=True)),
        "vocab": {name: used(BY_NAME[name]) for name in REVERSE_PAGES},
    }


def timings(finder_urls, compare_urls, reps=7):
    from django.test import Client

    from careers import finder
    from careers.forms import FinderForm
    from careers.models import Career

    client = Client(HTTP_HOST="127.0.0.1")

    def timed(fn):
        started = time.perf_counter()
        value = fn()
        return (time.perf_counter() - started) * 1000, value

    def get(url):
        response = client.get(url)
        if response.status_code != 200:
            raise BenchError(f"in-process: {url} answered {response.status_code}")

    form = FinderForm({"interests": ["code", "numbers"], "stream": "pcm", "min_salary": "4", "avoid": ["shifts"]})
    form.is_valid()
    profile = form.profile()
    times = {"load_candidates_ms": [], "rank_ms": [], "finder_view_ms": [], "compare_view_ms": []}
    catalogue = finder.cached_candidates()  # what the view ranks, kept in the process
    finder.rank(catalogue, profile)  # (the ten shown careers unpacked once, as on a view's first request)
    for i in range(reps):
        times["load_candidates_ms"].append(timed(finder.load_candidates)[0])
        times["rank_ms"].append(timed(lambda: finder.rank(catalogue, profile))[0])
        times["finder_view_ms"].append(timed(lambda i=i: get(finder_urls[i % len(finder_urls)]))[0])
        times["compare_view_ms"].append(timed(lambda i=i: get(compare_urls[i % len(compare_urls)]))[0])
    return {"careers": Career.objects.published().count(), **{k: statistics.median(v) for k, v in times.items()}}


def pages(reps=None):
    from . import pagecost

    return pagecost.pages(reps)


COMMANDS = {"catalogue": catalogue, "timings": timings, "pages": pages}


def call(env, command, what, timeout=600, **kwargs):
    """Run ``command`` in a new Django process with ``env``; its answer."""
    stdout, _seconds = run([sys.executable, "-m", "bench.inprocess", command], env, timeout, what, json.dumps(kwargs))
    data = json_line(stdout)
    if data is None:
        raise BenchError(f"{what}: no answer from bench.inprocess {command}:\n{stdout[-2000:]}")
    return data


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0] not in COMMANDS:
        print(f"usage: python -m bench.inprocess {{{','.join(COMMANDS)}}} < kwargs.json", file=sys.stderr)
        return 2
    import django
    from django.apps import apps

    if not apps.ready:  # (a test calls this in its own Django process)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerportal.settings")  # as manage.py
        django.setup()
    kwargs = json.loads(sys.stdin.read() or "{}")
    print(JSON_LINE + json.dumps(COMMANDS[argv[0]](**kwargs)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
