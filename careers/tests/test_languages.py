"""Every public page in both languages: <html lang>, hreflang alternates, the switcher and the
sitemap (careers/languages.py); and the same query budget in Hindi as in English."""

import re
import xml.etree.ElementTree as ET

import pytest

from careers.tests.test_query_budgets import BUDGETS

pytestmark = pytest.mark.django_db

PAGES = ["/", "/careers/", "/careers/nurse/", "/clusters/healthcare/", "/exams/", "/search/?q=nurse",
         "/compare/?careers=nurse,pharmacist", "/finder/how-it-works/", "/plan/", "/skills/sql/"]  # fmt: skip


def _hindi(url):
    return "/hi" + url


@pytest.mark.parametrize("url", PAGES)
def test_every_page_names_both_languages_and_its_own(client, url):
    for address, lang in [(url, "en-IN"), (_hindi(url), "hi")]:
        html = client.get(address).content.decode()
        assert f'<html lang="{lang}">' in html, address
        path = url.split("?")[0]
        assert f'hreflang="en-IN" href="http://testserver{path}"' in html
        assert f'hreflang="hi" href="http://testserver/hi{path}"' in html
        assert f'hreflang="x-default" href="http://testserver{path}"' in html


@pytest.mark.parametrize("url", PAGES)
def test_the_switcher_round_trips_to_the_same_page(client, url):
    english = client.get(url).content.decode()
    to_hindi = re.search(r'<a href="([^"]+)" lang="hi" hreflang="hi"', english).group(1)
    assert to_hindi == _hindi(url).replace("&", "&amp;")
    hindi = client.get(to_hindi.replace("&amp;", "&")).content.decode()
    back = re.search(r'<a href="([^"]+)" lang="en-IN" hreflang="en-IN"', hindi).group(1)
    assert back.replace("&amp;", "&") == url


def test_the_sitemap_lists_both_languages_with_alternates(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert "http://testserver/careers/nurse/" in locations
    assert "http://testserver/hi/careers/nurse/" in locations
    nurse = next(u for u in root.findall("s:url", ns) if u.find("s:loc", ns).text.endswith("/hi/careers/nurse/"))
    links = {link.get("hreflang"): link.get("href") for link in nurse.findall("x:link", ns)}
    assert links["en"] == "http://testserver/careers/nurse/" and links["hi"] == "http://testserver/hi/careers/nurse/"


def test_english_addresses_stay_english_whatever_the_browser_asks(client):
    html = client.get("/careers/nurse/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert '<html lang="en-IN">' in html and '<h1 id="career-title">Nurse</h1>' in html


@pytest.mark.parametrize("url", ["/careers/nurse/", "/hi/careers/nurse/", "/", "/search/?q=nurse", "/robots.txt"])
def test_pages_do_not_vary_on_the_browsers_language(client, url):
    for accept in ("hi", "en-IN"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200
        assert "accept-language" not in response.get("Vary", "").lower(), (url, response.get("Vary"))
    assert "Cookie" in client.get("/careers/nurse/")["Vary"]  # (the rest of Vary is kept)


HINDI_BUDGETS = [(_hindi(url), budget) for url, budget in BUDGETS if not url.startswith("/robots")]


@pytest.mark.parametrize("url,budget", HINDI_BUDGETS, ids=[u for u, _ in HINDI_BUDGETS])
def test_hindi_pages_cost_the_queries_english_pages_cost(client, django_assert_num_queries, url, budget):
    with django_assert_num_queries(budget):
        assert client.get(url).status_code == 200


def test_the_hindi_career_page_costs_what_the_english_one_does(client, django_assert_num_queries):
    with django_assert_num_queries(17):  # as test_career_page.test_career_page_query_budget
        client.get("/hi/careers/nurse/")


@pytest.mark.parametrize(
    "url",
    ["/hi/", "/hi/careers/", "/hi/exams/", "/hi/clusters/healthcare/", "/hi/careers/nurse/", "/hi/skills/sql/"],
)
def test_hindi_pages_read_mostly_in_devanagari(client, url):
    from careers.tests.test_hindi_content import devanagari_share

    assert devanagari_share(client.get(url).content.decode()) > 0.5


def test_a_career_note_not_yet_in_hindi_is_marked_as_english(client):
    """An exam page lists each career's note about the exam: a career whose Hindi is only partial
    has none in Hindi, and its English note carries lang="en-IN" for screen readers."""
    from django.utils.html import escape

    from careers import models as m

    rows = m.CareerExam.objects.filter(exam__slug="neet-ug").exclude(note="")
    html = client.get("/hi/exams/neet-ug/").content.decode()
    english = rows.filter(note_hi=None).first()
    assert f'<span lang="en-IN">{escape(english.note_en)}</span>' in html
    hindi = rows.exclude(note_hi=None).first()
    assert f"<span>{escape(hindi.note_hi)}</span>" in html
