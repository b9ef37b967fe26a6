"""Property-based: no query string or path segment makes any public page fail with a 5xx."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/finder/",
    "/finder/answers/",
    "/finder/skills/",
    "/finder/how-it-works/",
    "/careers/",
    "/careers/machine-learning-engineer/",
    "/search/",
    "/compare/",
    "/compare/csv/",
    "/compare/data-scientist-vs-machine-learning-engineer/",
    "/compare/software-engineer/to/machine-learning-engineer/",
    "/clusters/ai-data/",
    "/skills/sql/",
    "/degrees/bca/",
    "/industries/fintech/",
    "/tools/python/",
    "/exams/",
    "/exams/neet-ug/",
    "/plan/",
    "/compare/tray/",
    "/compare/suggest/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    # The same pages in Hindi: its search reads Devanagari, its finder reasons in Hindi.
    "/hi/",
    "/hi/search/",
    "/hi/finder/",
    "/hi/finder/skills/",
    "/hi/compare/",
    "/hi/plan/",
]
PARAMS = [
    "q",
    "careers",
    "add",
    "stage",
    "stream",
    "degree",
    "interests",
    "skills",
    "min_salary",
    "avoid",
    "cluster",
    "level",
    "skill",
    "sort",
    "page",
    "next",
    "remove",
    "find",
    "action",
    "career",
    "notes",
    "skill_name",
]
text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
query = st.lists(st.tuples(st.sampled_from(PARAMS) | text, text), max_size=8)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(page=st.sampled_from(PAGES), params=query)
def test_no_query_string_gives_a_server_error(client, page, params):
    response = client.get(page, params)
    assert response.status_code < 500, (page, params)


@FUZZ
@given(page=st.sampled_from(["/shortlist/", "/plan/notes/"]), params=query)
def test_no_posted_form_gives_a_server_error(client, page, params):
    response = client.post(page, dict(params))
    assert response.status_code < 500, (page, params)


segment = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/?#"), min_size=1, max_size=120)


@FUZZ
@given(
    prefix=st.sampled_from(["careers", "clusters", "skills", "degrees", "industries", "tools", "compare"]), slug=segment
)
def test_no_path_segment_gives_a_server_error(client, prefix, slug):
    from urllib.parse import quote

    response = client.get(f"/{prefix}/{quote(slug, safe='')}/")
    assert response.status_code < 500, (prefix, slug)


@pytest.mark.parametrize("page", PAGES)
def test_a_host_the_site_does_not_serve_gets_a_400_page_not_a_server_error(page, settings):
    from django.test import Client

    settings.DEBUG = False  # (the production error pages)
    response = Client(raise_request_exception=False).get(page, HTTP_HOST="evil.example.com")
    assert response.status_code == 400, page
    assert "evil.example.com" not in response.content.decode()  # (no address built from the refused host)
