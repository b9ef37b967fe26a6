"""The shortlist and the counselor's plan in a real browser: keyboard only, print to PDF, share."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from careers.tests.browser import DESKTOP, PHONE

TITLES = {"nurse": "Nurse", "pharmacist": "Pharmacist", "physiotherapist": "Physiotherapist"}


def shortlist_count(page):
    return page.locator(".site-nav .shortlist-count [aria-hidden='true']")


def tab_to(page, name, limit=150):
    """Press Tab until the focused element's text is ``name`` (the keyboard alone, no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => (document.activeElement.textContent || '').replace(/\\s+/g, ' ').trim()")
        if focused == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_shortlist_by_keyboard_alone_then_open_the_plan(site, open_page):
    page = open_page(PHONE)
    page.goto(site.url + "/careers/nurse/")
    tab_to(page, "Shortlist Nurse")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/careers/nurse/$"))
    expect(shortlist_count(page)).to_have_text("1")
    expect(page.get_by_role("status").first).to_contain_text("Nurse is on your shortlist")

    page.goto(site.url + "/careers/?cluster=healthcare")
    tab_to(page, "Shortlist Pharmacist")
    page.keyboard.press("Space")
    expect(shortlist_count(page)).to_have_text("2")
    expect(page).to_have_url(re.compile(r"/careers/\?cluster=healthcare$"))  # back where the visitor was

    tab_to(page, "Shortlist 2 (2 careers)")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/plan/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Career plan")
    expect(page.locator("article.plan-career h2")).to_have_text(["1. Nurse", "2. Pharmacist"])
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_plan_prints_one_a4_page_per_career_and_the_share_link_reproduces_it(site, open_page, artifacts):
    page = open_page(DESKTOP)
    page.goto(site.url + "/")
    for slug in TITLES:  # shortlist three careers through the forms (real POSTs with CSRF tokens)
        page.goto(site.url + f"/careers/{slug}/")
        page.get_by_role("button", name=f"Shortlist {TITLES[slug]}").click()
    page.goto(site.url + "/plan/")
    page.get_by_label("Stage").select_option("class12")
    page.get_by_label("Class 12 stream").select_option("pcb")
    page.get_by_role("button", name="Update the plan").click()
    page.get_by_label(re.compile("^Notes to print")).fill("Visit the district hospital's open day.")
    page.get_by_role("button", name="Save notes").click()
    expect(page.locator(".notes-text")).to_contain_text("open day")

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    (artifacts / "print-plan.pdf").write_bytes(pdf)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 1 + len(TITLES), [p[:80] for p in pages]  # the summary, then one page per career
    assert "Visit the district hospital's open day." in pages[0]
    for number, (page_text, title) in enumerate(zip(pages[1:], TITLES.values(), strict=True), start=1):
        assert f"{number}. {title}" in page_text
        assert "In school: class 11 or 12 · Science (PCB) stream" in page_text  # each page's head
        assert "Career plan" in page_text and "2026" in page_text or re.search(r"\d{4}", page_text)
    page.emulate_media(media="screen")

    share = page.locator("#share-url").input_value()
    expect(page.get_by_role("button", name="Copy link")).to_have_count(1)  # (site.js, words from the field)
    assert "careers=nurse,pharmacist,physiotherapist" in share and "stage=class12" in share
    assert "open" not in share and "hospital" not in share
    fresh = open_page(DESKTOP)  # a new browser context: no session, no notes
    fresh.goto(share)
    expect(fresh.locator("article.plan-career h2")).to_have_text(["1. Nurse", "2. Pharmacist", "3. Physiotherapist"])
    expect(fresh.locator(".plan-for")).to_contain_text("In school: class 11 or 12 · Science (PCB) stream")
    expect(fresh.get_by_text("Visit the district hospital's open day.")).to_have_count(0)
    for slug in TITLES:  # the same plan, apart from the visitor's own remove buttons
        assert plan_text(fresh, slug) == plan_text(page, slug)


def plan_text(page, slug):
    return page.evaluate(
        """(id) => { const a = document.getElementById(id).cloneNode(true);
                     a.querySelectorAll('.no-print').forEach((e) => e.remove());
                     return a.textContent.replace(/\\s+/g, ' ').trim(); }""",
        f"plan-{slug}",
    )
