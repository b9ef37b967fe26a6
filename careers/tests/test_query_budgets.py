"""Every public page renders in a fixed number of SQL queries, whatever the catalogue's size.

(The career, finder, compare, browse, search and reverse pages pin theirs in their own modules.)
Each count is for a first, uncached request by a visitor without a session.
"""

import pytest

from careers.tests.factories import make_career

pytestmark = pytest.mark.django_db

BUDGETS = [
    # finder's degree and skill lists (2), clusters (1), their published careers (1)
    ("/", 4),
    # the cluster with its published careers (2)
    ("/clusters/healthcare/", 2),
    # two careers with the comparison's 10 sections (11), the picker's list of other careers (1)
    ("/compare/data-scientist-vs-machine-learning-engineer/", 12),
    # two careers with their sections (11)
    ("/compare/software-engineer/to/machine-learning-engineer/", 11),
    # the clusters' names for the table of activities and families of work (1)
    ("/finder/how-it-works/", 1),
    # nothing from the database
    ("/robots.txt", 0),
    # search: the synonyms (cached until the catalogue changes) (1), the full-text match (1), the
    # exams, degrees and skills named (1)
    ("/search/?q=engineer", 3),
    # ... and, when the full text finds few, the typo and partial-match fallback (1)
    ("/search/?q=docter", 4),
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
