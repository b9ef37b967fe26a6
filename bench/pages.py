"""The pages a run measures: their URLs, fetching them over HTTP, the career page's weight with
everything a browser fetches to show it, and the sets of distinct URLs the latency runs cycle through."""

import gzip
import random
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser

from .servers import HOST, BenchError

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
# The main table's pages, in its order, each with the one URL driven again and again.
MAIN_PAGES = {
    "career_warm": CAREER,
    "compare": COMPARE,
    "finder": FINDER,
    "search": SEARCH,
    "browse": BROWSE,
    "home": HOME,
}
PAGES = list(MAIN_PAGES)


# --- HTTP -------------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, accept_encoding="gzip, deflate, br"):
    """(status, headers, raw body as transferred) without following redirects."""
    opener = urllib.request.build_opener(_NoRedirect)
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

INTEREST_SETS = [
    ["code", "numbers", "puzzles"],
    ["helping", "caring"],
    ["design", "ideas", "writing"],
    ["leading", "persuading", "business"],
    ["records", "money", "details"],
    ["fix-build", "machines", "outdoors"],
    ["experiments", "numbers"],
    ["teaching", "writing"],
]
FINDER_PEOPLE = [
    "stage=class12&stream=pcm",
    "stage=class12&stream=commerce",
    "stage=class12&stream=pcb",
    "stage=class12&stream=arts",
    "stage=graduate&degree=btech-cse",
    "stage=graduate&degree=bcom",
]
SEARCH_WORDS = [
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


def finder_profiles(limit):
    """Distinct typical finder URLs: interests x stream or degree x a minimum salary."""
    out = []
    for salary_tenths in range(20, 2000, 5):
        for interests in INTEREST_SETS:
            for person in FINDER_PEOPLE:
                query = person + "".join(f"&interests={i}" for i in interests)
                out.append(f"/finder/?{query}&min_salary={salary_tenths / 10:g}&avoid=shifts")
                if len(out) >= limit:
                    return out
    return out


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
    return [f"/search/?q={w.replace(' ', '+')}" for w in SEARCH_WORDS]
