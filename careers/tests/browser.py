"""Helpers for the real-browser tests (Playwright driving Debian's Chromium).

Fixtures live in the project's conftest.py: ``browser`` (one Chromium per session), ``site``
(the live server with the catalogue loaded), ``open_page`` (a fresh page at a viewport) and
``artifacts`` (test-artifacts/, git-ignored).
"""

import json
import os
import re
from urllib.parse import urlsplit

import pytest

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
BOTH_WIDTHS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-360", "desktop-1280"])

# The pages the issue names, by a short name used for screenshots and messages.
KEY_PAGES = {
    "home": "/",
    "finder-results": "/finder/?stage=graduate&degree=btech-cse&interests=code",
    "finder-answers": "/finder/answers/?stage=graduate&degree=btech-cse&interests=code",
    "finder-skills": "/finder/skills/?stage=graduate&degree=btech-cse&interests=code&skills=sql&skill_name=data",
    "browse": "/careers/",
    "career": "/careers/machine-learning-engineer/",
    "compare": "/compare/?careers=data-scientist,machine-learning-engineer,software-engineer",
    "search": "/search/?q=sql",
    "reverse": "/skills/sql/",
    "not-found": "/careers/no-such-career/",
    "exams": "/exams/",
    "exam": "/exams/neet-ug/",
    "plan": "/plan/?careers=nurse,doctor-mbbs,software-engineer&stage=class12&stream=pcb&interests=helping",
}
# The Hindi pages get the same checks where the language changes what is checked: axe at 360 px,
# the Nu checker, and no sideways scrolling at 360 px (Devanagari lines wrap differently). A fully
# translated career, one shown in English under the Hindi interface, and a Hindi search.
HINDI_PAGES = {
    "hi-home": "/hi/",
    "hi-finder-results": "/hi" + KEY_PAGES["finder-results"],
    "hi-finder-skills": "/hi" + KEY_PAGES["finder-skills"],
    "hi-career": "/hi/careers/nurse/",
    "hi-career-in-english": "/hi/careers/actuary/",
    "hi-compare": "/hi/compare/?careers=nurse,doctor-mbbs,pharmacist",
    "hi-search": "/hi/search/?q=%E0%A4%A1%E0%A5%89%E0%A4%95%E0%A5%8D%E0%A4%9F%E0%A4%B0",  # डॉक्टर
    "hi-exam": "/hi/exams/neet-ug/",
    "hi-plan": "/hi" + KEY_PAGES["plan"],
}

MISSING_TOOLS = set()  # why browser or checker tests were skipped; printed at the end of the run


def in_ci():
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_tool(reason):
    """Skip with a visible reason outside CI; in CI a missing browser or checker fails the test."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: these tests must run in CI)", pytrace=False)
    MISSING_TOOLS.add(reason)
    pytest.skip(reason)


def admin_login_path():
    from django.urls import reverse

    return reverse("admin:login")


def watch_for_problems(page, problems):
    """Record JavaScript errors and console errors (CSP violations among them) on public pages."""

    from django.urls import reverse

    admin = reverse("admin:index")

    def public(url):
        return not urlsplit(url).path.startswith(admin)

    def on_console(message):
        if message.type != "error" or not public(page.url):
            return
        if message.text.startswith("Failed to load resource") and message.location.get("url") == page.url:
            return  # the document's own status, e.g. the 404 page on purpose
        problems.append(f"console error on {page.url}: {message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"JavaScript error on {page.url}: {error}"))


def no_sideways_scroll(page):
    """(scrollWidth, innerWidth): the page must not be wider than the window."""
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def axe_violations(page):
    """axe-core's violations on the current page, as short readable lines (all rules run)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    lines = []
    for violation in results.response["violations"]:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines, results.response


def tab_until(page, condition, limit=250):
    """Press Tab until the JS expression ``condition`` (about document.activeElement) is true."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({condition}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


def focus_ring(page):
    """The focused element's outline (style, width in px) and a description of it."""
    return page.evaluate(
        """() => {
        const el = document.activeElement, s = getComputedStyle(el);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' '
                      + (el.tagName === 'BODY' ? '' : (el.textContent || el.name || '').trim().slice(0, 40))};
    }"""
    )


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def save_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
