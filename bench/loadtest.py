"""The load test: many connections over a mix of public URLs, counting every error."""

import random

from .pages import BROWSE, HOME, check_urls, finder_profiles, search_queries
from .servers import wrk


def mixed_urls(real_slugs, clusters, vocab):
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


def load_test(site, catalogue, *, duration, connections, tmpdir, deadline):
    """wrk over the mix of ``catalogue`` (see bench.inprocess.catalogue), each URL checked first."""
    mix = mixed_urls(catalogue["careers"], catalogue["clusters"], catalogue["vocab"])
    check_urls(site.base, sorted(set(mix)), "load test mix")
    return wrk(
        site,
        mix,
        name=f"load test: {len(set(mix))} public URLs",
        duration=duration,
        connections=connections,
        tmpdir=tmpdir,
        deadline=deadline,
    )
