"""Latency as the catalogue grows: synthetic careers (``manage.py synthesize_catalogue``) up to each
size, then every page with one connection (the time one request takes, no queueing) and with a URL
not requested before on every request (so the page cache never helps), plus in-process timings."""

import random

from . import inprocess
from .pages import BROWSE, CAREER, compare_triples, finder_profiles, search_queries, warm
from .servers import NO_RECYCLING, log, wrk

STAGE_PAGES = ("finder", "compare", "career_cold", "search", "browse", "home")


def scale(rig, published, sizes):
    """One stage per size (the real catalogue first when it is smaller than the first size); returns
    (stages, the cold career page at the largest size paired with hello world: {"main": …,
    "main_no_recycling": …})."""
    # The real catalogue first: the same measurements without synthesis; sizes it already reaches are skipped.
    sizes = [published] + sorted(size for size in sizes if size > published)
    made, stages, cold = 0, [], {}
    for size in sizes:
        rig.deadline.check(f"the {size}-career stage")
        add = size - published - made
        seconds = 0.0
        if add > 0:
            command = ("synthesize_catalogue", "--careers", str(add))
            what = f"{' '.join(command)} (to {size} published careers)"
            _out, seconds = rig.manage(*command, timeout=rig.deadline.left(), what=what)
            made += add
        # A fresh server: the page cache (local memory) starts empty, the new careers are live.
        rig.site.restart()
        slugs = inprocess.call(rig.env, "catalogue", f"reading the URLs of {size} careers")["careers"]
        cold_careers = [f"/careers/{s}/" for s in random.Random(size).sample(slugs, len(slugs))]
        stages.append({"careers": size, "synthesize_s": round(seconds, 1), **stage(rig, size, slugs, cold_careers)})
        if size == sizes[-1]:
            cold = cold_career(rig, size, cold_careers)
    return stages, cold


def stage(rig, size, slugs, cold_careers):
    """Every page at this size with one connection, then the in-process timings."""
    finder_urls = finder_profiles(3000)
    triples = compare_triples(slugs, 3000)
    warm(rig.site.base, [CAREER, BROWSE, "/search/?q=zzzz", finder_urls[-1], triples[-1]], times=2)
    browse_pages = [f"/careers/?page={p}&sort={s}" for p in range(1, 400) for s in ("title", "salary")]
    paths = {
        "finder": finder_urls,
        "compare": triples,
        "career_cold": cold_careers,
        "search": search_queries(),
        "browse": browse_pages,
        "home": [f"/?v={n}" for n in range(5000)],
    }
    names = {"compare": "compare of 3", "career_cold": "career page cold"}
    out = {}
    for key in STAGE_PAGES:
        out[key] = wrk(rig.site, paths[key], name=f"{names.get(key, key)} at {size}", **rig.options(connections=1))
    out["inprocess"] = inprocess.call(
        rig.env,
        "timings",
        f"in-process timings at {size}",
        finder_urls=finder_urls[:50],
        compare_urls=triples[-50:],
        reps=7,
    )
    log(f"  in-process: {out['inprocess']}")
    out["pages"] = inprocess.call(rig.env, "pages", f"every public page in-process at {size}")
    log("  pages: " + ", ".join(f"{k} {v['p50_ms']:.1f} ms" for k, v in out["pages"]["pages"].items()))
    return out


def cold_career(rig, size, cold_careers):
    """The cold career page for the main table: careers nobody asked for yet, paired with hello world
    like the other pages, with each gunicorn config (a different quarter of the careers for each)."""
    n = len(cold_careers)
    halves = {"main": cold_careers[n // 2 : 3 * n // 4], "main_no_recycling": cold_careers[3 * n // 4 :]}
    out = {}
    for key, extra in (("main", []), ("main_no_recycling", [NO_RECYCLING])):
        rig.restart(*extra)
        chunk = halves[key]
        size_of = max(1, len(chunk) // rig.rounds)
        r = rig.paired(lambda i, c=chunk, k=size_of: c[i * k : (i + 1) * k], f"career page cold at {size} ({key})")
        r["careers_in_catalogue"] = size
        out[key] = r
    return out
