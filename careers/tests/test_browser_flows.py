"""End-to-end flows in a real browser (Chromium via Playwright), at phone and desktop widths."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from careers import models as m
from careers.tests.browser import BOTH_WIDTHS, PHONE

ML = "machine-learning-engineer"


def h1(page):
    return page.get_by_role("heading", level=1)


def shortlist_count(page):
    return page.locator(".site-nav .shortlist-count [aria-hidden='true']")


@BOTH_WIDTHS
def test_home_finder_results_compare_top_three_then_a_career(site, open_page, viewport):
    page = open_page(viewport)
    page.goto(site.url + "/")
    page.get_by_role("link", name="Start the career finder").click()
    form = page.locator("#finder-form")
    form.get_by_label("Where are you now?").select_option("graduate")
    form.get_by_label("Degree (done or in progress)").select_option("btech-cse")
    form.get_by_label("Writing code to solve problems").check()
    form.get_by_role("button", name="Next: tick your skills").click()  # the skills have a step of their own

    expect(h1(page)).to_have_text("Tick the skills you have")
    form = page.locator("#skills-form")
    offered = form.locator("fieldset label")
    field = form.get_by_label("Find another skill by its name (in English or Hindi)")
    field.fill("python")  # the list narrows as you type (site.js)
    expect(page.locator("#skill-name-count")).to_contain_text("skills in this list match")
    expect(offered.filter(has_text="Python").first).to_be_visible()
    expect(offered.filter(has_not_text="Python").first).to_be_hidden()
    field.fill("sql")
    form.get_by_role("button", name="Find", exact=True).click()  # any skill, found by the server
    form = page.locator("#skills-form")
    form.locator("#found-skills").get_by_label("SQL", exact=True).check()
    form.get_by_role("button", name="Show careers that fit me").click()

    expect(page).to_have_url(re.compile(r"/finder/\?.*interests=code.*skills=sql"))
    expect(h1(page)).to_have_text("Careers that fit your answers")
    results = page.locator(".finder-results > li")
    expect(results).to_have_count(10)
    expect(results.first).to_contain_text("B.Tech / BE CSE or IT")
    top = [title.strip() for title in results.locator("h2 a").all_inner_texts()[:3]]

    page.get_by_role("link", name="Compare the top three").click()
    expect(page).to_have_url(re.compile(r"/compare/\?careers="))
    expect(h1(page)).to_have_text(" vs ".join(top))
    expect(page.locator(".salary-chart")).to_be_visible()

    page.locator(".compare-table thead").get_by_role("link", name=top[0], exact=True).click()
    expect(h1(page)).to_have_text(top[0])
    expect(page.get_by_role("heading", name="Salary in India (estimated)")).to_be_visible()


def test_compare_picker_suggests_careers_as_you_type(site, open_page):
    page = open_page(PHONE)
    page.goto(site.url + "/compare/?careers=pharmacist")
    field = page.get_by_label("Add a career")
    field.press_sequentially("nur", delay=30)
    expect(page.locator("#add-career-suggestions option[value='Nurse']")).to_have_count(1)
    field.fill("Nurse")
    field.press("Enter")  # a title picked from the suggestions is added at once
    expect(h1(page)).to_have_text("Pharmacist vs Nurse")


@BOTH_WIDTHS
def test_browse_with_filters_then_widen(site, open_page, viewport):
    page = open_page(viewport)
    page.goto(site.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Browse").click()
    expect(h1(page)).to_have_text("Browse careers")
    total = m.Career.objects.published().count()
    expect(page.get_by_text(f"{total} careers.")).to_be_visible()

    filters = page.get_by_role("form", name="Filter careers")
    filters.get_by_label("Cluster").select_option(label="AI & Data")
    filters.get_by_label("Sort by").select_option(index=1)
    filters.get_by_role("button", name="Show careers").click()

    expect(page).to_have_url(re.compile(r"cluster=ai-data"))
    in_cluster = m.Career.objects.published().filter(cluster__slug="ai-data").count()
    expect(page.get_by_text(f"{in_cluster} careers match these filters.")).to_be_visible()
    cards = page.locator("article.career-card")
    expect(cards).to_have_count(in_cluster)
    for meta in cards.locator(".card-meta").all_inner_texts():
        assert meta.strip() == "AI & Data"

    filters = page.get_by_role("form", name="Filter careers")
    filters.get_by_label("Starting salary at least (₹ LPA)").fill("8")
    filters.get_by_role("button", name="Show careers").click()
    expect(page).to_have_url(re.compile(r"min_salary=8"))
    fewer = page.locator("article.career-card").count()
    assert 0 < fewer <= in_cluster

    page.get_by_role("link", name="Remove filter Cluster: AI & Data").click()
    expect(page).not_to_have_url(re.compile(r"cluster=ai-data"))
    expect(page.locator(".filter-chip")).to_have_count(1)


@BOTH_WIDTHS
def test_search_from_the_header_then_open_a_result(site, open_page, viewport):
    page = open_page(viewport)
    page.goto(site.url + "/careers/")
    box = page.get_by_role("search", name="Site").get_by_label("Search careers")
    box.fill("data analyst")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=data\+analyst"))
    expect(page.get_by_role("status")).to_contain_text("for “data analyst”")
    first = page.locator(".result-list > li h3 a").first  # under the "Careers" heading (h2)
    expect(first).to_have_text("Data Analyst")
    first.click()
    expect(h1(page)).to_have_text("Data Analyst")


@BOTH_WIDTHS
def test_shortlist_from_career_pages_then_compare(site, open_page, viewport):
    page = open_page(viewport)
    page.goto(site.url + "/careers/nurse/")
    expect(page.locator(".site-nav .shortlist-count")).to_have_count(0)
    page.get_by_role("button", name="Shortlist Nurse").click()
    expect(page).to_have_url(re.compile(r"/careers/nurse/$"))
    expect(shortlist_count(page)).to_have_text("1")
    expect(page.get_by_role("button", name="Remove Nurse from shortlist")).to_be_visible()

    page.goto(site.url + "/careers/pharmacist/")
    page.get_by_role("button", name="Shortlist Pharmacist").click()
    expect(shortlist_count(page)).to_have_text("2")
    page.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^Compare")).click()
    titles = [m.Career.objects.get(slug=s).title for s in ("nurse", "pharmacist")]
    expect(h1(page)).to_have_text(" vs ".join(titles))


@BOTH_WIDTHS
def test_admin_login_and_edit_a_career_section(site, open_page, viewport):
    get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-browser-test-password")
    career = m.Career.objects.get(slug=ML)
    page = open_page(viewport)
    page.goto(site.url + reverse("admin:login"))
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-browser-test-password")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(site.url + reverse("admin:index"))

    page.goto(site.url + reverse("admin:careers_career_change", args=[career.pk]))
    answer = page.locator('textarea[name="faqs-0-answer"]')
    answer.fill("Edited in a real browser: yes, start with Python and statistics.")
    page.locator('input[name="_continue"]').click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    faq = m.FAQ.objects.get(career=career, order=1)
    assert faq.answer == "Edited in a real browser: yes, start with Python and statistics."

    page.goto(site.url + career.get_absolute_url() + "#faqs")
    expect(page.get_by_text("Edited in a real browser: yes, start with Python and statistics.")).to_be_visible()


def test_core_tasks_work_without_javascript(site, open_page):
    page = open_page(PHONE, javascript=False)
    page.goto(site.url + "/finder/")
    form = page.locator("#finder-form")
    form.get_by_label("Writing code to solve problems").check()
    form.get_by_role("button", name="Next: tick your skills").click()
    form = page.locator("#skills-form")
    form.get_by_label("Find another skill by its name (in English or Hindi)").fill("sql")
    form.get_by_role("button", name="Find", exact=True).click()
    page.locator("#skills-form #found-skills").get_by_label("SQL", exact=True).check()
    page.locator("#skills-form").get_by_role("button", name="Show careers that fit me").click()
    expect(page.locator(".finder-results > li")).to_have_count(10)
    # Change the answers: the form comes back filled in, and sends the changed answers.
    page.get_by_role("link", name="Change my answers").first.click()
    form = page.locator("#finder-form")
    expect(form.get_by_label("SQL", exact=True)).to_be_checked()
    form.get_by_label("Where are you now?").select_option("graduate")
    form.get_by_role("button", name="Show careers that fit me").click()
    expect(page).to_have_url(re.compile(r"/finder/\?stage=graduate.*interests=code.*skills=sql"))
    expect(page.locator(".finder-answers")).to_contain_text("Graduated")
    expect(page.locator(".finder-results > li")).to_have_count(10)

    page.get_by_role("link", name="Compare the top three").click()
    expect(page.locator(".compare-table")).to_be_visible()
    page.get_by_label("Add a career").fill("nurs")
    page.get_by_role("button", name="Find and add").click()
    page.get_by_role("link", name="Add Nurse", exact=True).click()
    expect(h1(page)).to_contain_text("Nurse")

    page.goto(site.url + "/careers/nurse/")
    page.get_by_role("button", name="Shortlist Nurse").click()
    expect(shortlist_count(page)).to_have_text("1")
    page.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^Shortlist")).click()
    expect(page.locator("article.plan-career h2")).to_have_text(["1. Nurse"])

    page.goto(site.url + "/careers/")
    page.get_by_label("Cluster").select_option(label="Healthcare")
    page.get_by_role("button", name="Show careers").click()
    expect(page).to_have_url(re.compile(r"cluster=healthcare"))

    box = page.get_by_role("search", name="Site").get_by_label("Search careers")
    box.fill("nurse")
    box.press("Enter")
    expect(page.locator(".result-list > li").first).to_contain_text("Nurse")
