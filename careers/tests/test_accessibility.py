"""Accessibility in a real browser: axe-core finds nothing on the key pages at either width,
the skip link works, focus is always visible and the finder works with the keyboard alone (the
markup checks that need no browser are in test_accessible_markup.py)."""

import re

from playwright.sync_api import expect

from careers.tests.browser import (
    BOTH_WIDTHS,
    DESKTOP,
    HINDI_PAGES,
    KEY_PAGES,
    PHONE,
    admin_login_path,
    axe_violations,
    focus_ring,
    save_json,
    tab_until,
)


@BOTH_WIDTHS
def test_axe_finds_no_violations_on_the_key_pages(site, open_page, artifacts, viewport):
    page = open_page(viewport)
    # Search's other states too: a corrected typo, and nothing found (the way on).
    more = {"search-typo": "/search/?q=docter", "search-nothing": "/search/?q=zzzzqqq"}
    pages = {**KEY_PAGES, **more, "admin-login": admin_login_path(), **(HINDI_PAGES if viewport == PHONE else {})}
    found, reports = {}, {}
    for name, path in pages.items():
        page.goto(site.url + path)
        lines, response = axe_violations(page)
        reports[name] = {"url": path, "violations": response["violations"]}
        if lines:
            found[name] = lines
    save_json(artifacts / "axe" / f"{viewport['width']}px.json", reports)
    assert not found, "axe violations:\n" + "\n".join(f"{name}: {line}" for name, ls in found.items() for line in ls)


def test_skip_link_comes_first_and_moves_focus_to_the_content(site, open_page):
    page = open_page(PHONE)
    page.goto(site.url + KEY_PAGES["career"])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["width"] > 100 and box["height"] > 20, "the focused skip link is shown on screen"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is inside the content, not back in the header
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_focus_is_always_visible(site, open_page):
    page = open_page(DESKTOP)
    hidden = []
    for path in (KEY_PAGES["home"], KEY_PAGES["career"], KEY_PAGES["compare"]):
        page.goto(site.url + path)
        for _ in range(35):
            page.keyboard.press("Tab")
            ring = focus_ring(page)
            if ring["what"].startswith("body"):
                break  # past the last stop on the page
            if ring["style"] in ("none", "hidden") or ring["width"] < 2:
                hidden.append(f"{path}: {ring['what']} ({ring['style']} {ring['width']}px)")
    assert not hidden, "focus without a visible ring:\n" + "\n".join(hidden)


def test_the_finder_works_with_the_keyboard_alone(site, open_page):
    page = open_page(PHONE)
    page.goto(site.url + "/finder/")
    tab_until(page, "el.id === 'id_stage'")
    for _ in range(4):  # Choose… -> class 10 -> class 11-12 -> undergraduate -> graduated
        page.keyboard.press("ArrowDown")
    assert page.eval_on_selector("#id_stage", "el => el.value") == "graduate"
    tab_until(page, "el.name === 'interests' && el.value === 'code'")
    page.keyboard.press("Space")
    tab_until(page, "el.textContent.trim() === 'Next: tick your skills'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/finder/skills/\?stage=graduate.*interests=code"))
    tab_until(page, "el.id === 'skill-name'")
    page.keyboard.type("sql")
    page.keyboard.press("Enter")  # finds the skill by name
    expect(page.locator("#found-skills")).to_be_visible()
    tab_until(page, "el.name === 'skills' && el.value === 'sql'", limit=20)
    page.keyboard.press("Space")
    tab_until(page, "el.textContent.trim() === 'Show careers that fit me'")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"stage=graduate.*interests=code.*skills=sql"))
    expect(page.locator(".finder-results > li")).to_have_count(10)
    tab_until(page, "el.textContent.trim() === 'Compare the top three'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/compare/\?careers="))
