import json
import re
import xml.etree.ElementTree as ET

import pytest

from careers.models import Career

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def jsonld(body):
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)]


def test_sitemap_lists_every_public_page_with_lastmod(client):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    urls = {u.find("s:loc", NS).text: u.find("s:lastmod", NS) for u in root.findall("s:url", NS)}
    for career in Career.objects.published():
        loc = f"http://testserver/careers/{career.slug}/"
        assert loc in urls and urls[loc] is not None
    assert "http://testserver/clusters/healthcare/" in urls
    assert "http://testserver/skills/sql/" in urls
    assert "http://testserver/compare/data-scientist-vs-machine-learning-engineer/" in urls
    assert not any("/admin/" in u for u in urls)


def test_sitemap_leaves_out_drafts(client):
    Career.objects.filter(slug="nurse").update(status=Career.Status.DRAFT)
    assert "/careers/nurse/" not in client.get("/sitemap.xml").content.decode()


def test_robots_points_at_the_sitemap_and_keeps_admin_out(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /plan/" in body and "Disallow: /shortlist/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.parametrize("url", ["/", "/careers/", "/careers/nurse/", "/skills/sql/", "/search/?q=sql", "/compare/"])
def test_every_page_has_canonical_description_and_open_graph(client, url):
    body = client.get(url).content.decode()
    assert '<link rel="canonical" href="http://testserver/' in body
    assert '<meta name="description" content="' in body
    assert '<meta property="og:title"' in body and '<meta property="og:image"' in body


def test_career_page_has_occupation_json_ld(client):
    body = client.get("/careers/machine-learning-engineer/").content.decode()
    data = {d["@type"]: d for d in jsonld(body)}
    occupation = data["Occupation"]
    assert occupation["name"] == "Machine Learning Engineer"
    assert "Python Programming" in occupation["skills"]
    salary = occupation["estimatedSalary"][0]
    assert salary["currency"] == "INR" and salary["duration"] == "P1Y"
    assert (salary["minValue"], salary["maxValue"]) == (500000, 900000)
    assert occupation["occupationalCategory"]["codeValue"] == "2511"
    assert occupation["educationRequirements"] and occupation["responsibilities"]
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "AI & Data", "Machine Learning Engineer"]


def test_json_ld_cannot_be_broken_by_content(client):
    Career.objects.filter(slug="nurse").update(summary="</script><script>alert(1)</script>")
    body = client.get("/careers/nurse/").content.decode()
    assert "</script><script>alert(1)" not in body
    assert jsonld(body)[0]["description"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize(
    "url,names",
    [
        ("/clusters/healthcare/", ["Home", "Healthcare"]),
        ("/skills/sql/", ["Home", "Careers", "SQL"]),
        ("/compare/software-engineer/to/machine-learning-engineer/", ["Home", "Compare", "Switching"]),
    ],
)
def test_breadcrumbs_carry_breadcrumblist_json_ld(client, url, names):
    body = client.get(url).content.decode()
    crumbs = next(d for d in jsonld(body) if d["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == names
    assert crumbs[-1]["item"] == f"http://testserver{url}"
    assert body.count('aria-label="Breadcrumb"') == 1
