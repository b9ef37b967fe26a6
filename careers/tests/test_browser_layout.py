"""Phones first: no page scrolls sideways at 360 px; screenshots of the main pages at both widths
(saved to test-artifacts/, not committed); the site's script runs under the site's
Content-Security-Policy; career and compare pages print cleanly."""

import re

from playwright.sync_api import expect

from careers.tests.browser import BOTH_WIDTHS, DESKTOP, HINDI_PAGES, KEY_PAGES, PHONE, no_sideways_scroll

MORE_PAGES = {
    "finder-method": "/finder/how-it-works/",
    "cluster": "/clusters/ai-data/",
    "compare-pair": "/compare/data-scientist-vs-machine-learning-engineer/",
    "transition": "/compare/data-analyst/to/data-scientist/",
    "degree": "/degrees/btech-cse/",
    "compare-empty": "/compare/",
    "finder-error": "/finder/?min_salary=lots&interests=code",
}


@BOTH_WIDTHS
def test_no_page_scrolls_sideways_and_screenshots(site, open_page, artifacts, viewport):
    page = open_page(viewport)
    folder = artifacts / "screenshots" / f"{viewport['width']}x{viewport['height']}"
    folder.mkdir(parents=True, exist_ok=True)
    too_wide = []
    for name, path in {**KEY_PAGES, **MORE_PAGES, **(HINDI_PAGES if viewport == PHONE else {})}.items():
        page.goto(site.url + path)
        width, window = no_sideways_scroll(page)
        if width > window:
            too_wide.append(f"{path}: {width}px wide in a {window}px window")
        if name in KEY_PAGES:
            page.screenshot(path=folder / f"{name}.png", full_page=True)
    assert not too_wide, "pages scroll sideways:\n" + "\n".join(too_wide)


def test_wide_tables_scroll_in_their_own_box_with_the_first_column_visible(site, open_page):
    page = open_page({"width": 360, "height": 740})
    page.goto(site.url + KEY_PAGES["compare"])
    box = page.locator(".compare-table")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the comparison is wider than a phone"
    first = box.locator("tbody th[scope='row']").first
    before = first.bounding_box()["x"]
    box.evaluate("el => el.scrollBy(400, 0)")
    page.wait_for_function("document.querySelector('.compare-table').scrollLeft > 0")
    assert abs(first.bounding_box()["x"] - before) < 1, "the first column stays put while the table scrolls"


def test_the_sites_script_runs_under_its_content_security_policy(site, open_page):
    page = open_page(DESKTOP)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    response = page.goto(site.url + KEY_PAGES["finder-skills"])
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    expect(page.locator("#skill-name-count")).to_contain_text("skills in this list match")  # site.js ran
    for path in KEY_PAGES.values():
        page.goto(site.url + path)
        assert page.evaluate("window.__csp") == [], path


def test_career_and_compare_pages_print_without_the_site_chrome(site, open_page, artifacts):
    page = open_page(DESKTOP)
    for name in ("career", "compare"):
        page.goto(site.url + KEY_PAGES[name])
        page.emulate_media(media="print")
        expect(page.locator(".site-header")).to_be_hidden()
        expect(page.locator(".site-footer")).to_be_hidden()
        expect(page.locator(".no-print").first).to_be_hidden()
        page.pdf(path=artifacts / f"print-{name}.pdf", format="A4")
        page.emulate_media(media="screen")
    page.goto(site.url + KEY_PAGES["career"])
    page.emulate_media(media="print")
    closed = page.locator("details.faq:not([open]) > p").first
    expect(closed).to_be_visible()  # every FAQ answer prints, not only the open one
    page.goto(site.url + KEY_PAGES["compare"])
    expect(page.locator(".print-only")).to_have_text(re.compile(r"/compare/\?careers="))
    expect(page.locator(".print-only")).to_be_visible()


def test_hindi_pages_render_in_a_devanagari_font_at_360_px(site, open_page):
    """The system's Devanagari font draws the Hindi (no boxes for missing glyphs), and the page
    loads no web font."""
    page = open_page({"width": 360, "height": 740})
    fonts = []
    page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    page.goto(site.url + "/hi/careers/nurse/")
    heading = page.locator("h1")
    expect(heading).to_have_attribute("id", "career-title")
    widths = heading.evaluate(
        """h => {
            const ctx = document.createElement('canvas').getContext('2d');
            ctx.font = getComputedStyle(h).font;
            const missing = ctx.measureText('\\u0378\\u0379\\u0378\\u0379').width;  // unassigned: the missing-glyph box
            return [ctx.measureText('\u0928\u0930\u094d\u0938').width, missing, h.textContent];  // नर्स: 4 code points
        }"""
    )
    drawn, boxes, text = widths
    assert any("\u0900" <= ch <= "\u097f" for ch in text)
    assert abs(drawn - boxes) > 1, f"{text!r} drawn as missing-glyph boxes: no Devanagari font"
    assert not fonts, f"web fonts loaded: {fonts}"
    width, window = no_sideways_scroll(page)
    assert width <= window
