"""Every public page renders in a fixed number of SQL queries, whatever the catalogue's size.

(The career, finder, compare, browse, search and reverse pages pin theirs in their own modules.)
Each count is for a first, uncached request by a visitor without a session.
"""

import pytest

from careers.tests.factories import make_career

pytestmark = pytest.mark.django_db

BUDGETS = [
    # finder's degree and skill lists (2), clusters with their counts (1), their first careers (1)
    ("/", 4),
    # the cluster (1), its published careers' count (1) and one page of them (1)
    ("/clusters/healthcare/", 3),
    ("/clusters/healthcare/?page=2", 3),
    # two careers with the comparison's 10 sections (11); the picker is a search field
    ("/compare/data-scientist-vs-machine-learning-engineer/", 11),
    # the picker's matches without JavaScript (1) on top; its suggestions as JSON (1)
    ("/compare/?careers=nurse,pharmacist&find=data", 12),
    ("/compare/suggest/?q=data&careers=nurse", 1),
    # two careers with their sections (11)
    ("/compare/software-engineer/to/machine-learning-engineer/", 11),
    # the clusters' names for the table of activities and families of work (1)
    ("/finder/how-it-works/", 1),
    # nothing from the database
    ("/robots.txt", 0),
    # search: the synonyms (cached until the catalogue changes) (1), the full-text match (1), the
    # hits' titles, summaries and reasons (1), the exams, degrees and skills (1; cached until the
    # catalogue changes too)
    ("/search/?q=engineer", 4),
    # ... and, when the full text finds few, the typo and partial-match fallback (1)
    ("/search/?q=docter", 5),
    # ... and, when nothing matched, the clusters to browse (1)
    ("/search/?q=zzzzqqq", 5),
]


@pytest.mark.parametrize("url,budget", BUDGETS, ids=[u for u, _ in BUDGETS])
def test_page_query_budget(client, django_assert_num_queries, url, budget):
    with django_assert_num_queries(budget):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url,budget", BUDGETS[:2], ids=[u for u, _ in BUDGETS[:2]])
def test_budget_holds_with_more_careers(client, django_assert_num_queries, url, budget):
    for i in range(10):
        make_career(f"more-{i}", cluster=None)
    with django_assert_num_queries(budget):
        client.get(url)


def _published_in(cluster, n):
    from careers.models import Career, Cluster

    cluster = Cluster.objects.get(slug=cluster)
    for i in range(n):
        make_career(f"extra-{cluster.slug}-{i:03d}", cluster=cluster)  # published
    return cluster, Career.objects.published().filter(cluster=cluster).count()


def test_home_shows_a_few_careers_per_cluster_and_links_to_all(client, django_assert_num_queries):
    from careers.browse import HOME_PER_CLUSTER

    cluster, total = _published_in("healthcare", 30)
    with django_assert_num_queries(4):
        response = client.get("/")
    shown = {c.slug: c.top_careers for c in response.context["clusters"]}
    assert all(len(careers) <= HOME_PER_CLUSTER for careers in shown.values())
    assert [c.title for c in shown["healthcare"]] == sorted(c.title for c in shown["healthcare"])
    assert f'href="/clusters/healthcare/">See all {total} Healthcare careers</a>' in response.content.decode()


def test_home_reads_nothing_until_the_catalogue_changes(client, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/?another-address").status_code == 200


def test_home_shows_a_new_career_once_committed(client, django_capture_on_commit_callbacks):
    from careers.models import Cluster

    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        make_career("aaa-first-nurse", title="Aaa First Nurse", cluster=Cluster.objects.get(slug="healthcare"))
    assert "Aaa First Nurse" in client.get("/?after").content.decode()


def test_cluster_page_is_paged(client, django_assert_num_queries):
    from careers.browse import CLUSTER_PAGE_SIZE

    cluster, total = _published_in("healthcare", 30)
    first = client.get("/clusters/healthcare/")
    assert len(first.context["page"].object_list) == CLUSTER_PAGE_SIZE < total
    assert 'href="?page=2"' in first.content.decode()
    last = client.get(f"/clusters/healthcare/?page={first.context['page'].paginator.num_pages}")
    seen = {c.slug for c in first.context["page"].object_list} | {c.slug for c in last.context["page"].object_list}
    assert len(seen) == total  # two pages cover them all
    assert client.get("/clusters/healthcare/?page=abc").status_code == 200  # a bad page number: the first


def test_reverse_page_is_paged(client, django_assert_num_queries):
    from careers.browse import REVERSE_PAGE_SIZE
    from careers.models import CareerTool, Tool

    cluster, _total = _published_in("healthcare", REVERSE_PAGE_SIZE + 5)
    tool = Tool.objects.get(slug="python")
    CareerTool.objects.bulk_create(
        CareerTool(career=c, tool=tool, used_for="x") for c in cluster.careers.filter(slug__startswith="extra-")
    )
    with django_assert_num_queries(3):
        response = client.get("/tools/python/")
    assert len(response.context["rows"]) == REVERSE_PAGE_SIZE
    assert 'href="?page=2"' in response.content.decode()
    assert len(client.get("/tools/python/?page=2").context["rows"]) >= 5


def test_page_links_stay_few_however_many_pages(client):
    cluster, total = _published_in("healthcare", 260)
    body = client.get("/clusters/healthcare/?page=5").content.decode()
    assert body.count('class="page-link"') <= 12


def test_sitemap_queries_do_not_grow_with_careers(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get("/sitemap.xml")
        return len(ctx)

    before = count()
    for i in range(10):
        make_career(f"mapped-{i}")
    assert count() == before
