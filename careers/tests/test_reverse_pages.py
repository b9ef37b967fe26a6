import pytest

pytestmark = pytest.mark.django_db


def test_skill_page_lists_careers_most_important_first(client):
    response = client.get("/skills/sql/")
    rows = response.context["rows"]
    order = {"high": 0, "medium-high": 1, "medium": 2, "low": 3}
    ranks = [order[r.importance] for r in rows]
    assert ranks == sorted(ranks) and len(rows) >= 3
    assert "Careers that need SQL" in response.content.decode()


def test_degree_page_orders_by_fit_score(client):
    rows = client.get("/degrees/bca/").context["rows"]
    scores = [r.fit_score for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert any(r.career.slug == "machine-learning-engineer" and r.fit_score == 84 for r in rows)


def test_industry_and_tool_pages(client):
    assert client.get("/industries/fintech/").status_code == 200
    assert "Machine Learning Engineer" in client.get("/tools/python/").content.decode()


@pytest.mark.parametrize("url", ["/skills/nope/", "/degrees/nope/", "/industries/nope/", "/tools/nope/"])
def test_unknown_entries_are_404(client, url):
    assert client.get(url).status_code == 404


def test_drafts_are_not_listed(client):
    from careers.models import Career

    Career.objects.filter(slug="machine-learning-engineer").update(status=Career.Status.DRAFT)
    body = client.get("/degrees/bca/").content.decode()
    assert "Machine Learning Engineer" not in body


def test_career_page_links_to_reverse_pages(client):
    body = client.get("/careers/machine-learning-engineer/").content.decode()
    for href in ["/skills/sql/", "/degrees/bca/", "/tools/docker/", "/industries/fintech/"]:
        assert f'href="{href}"' in body


@pytest.mark.parametrize(
    "url,queries",
    # the entry, its careers' count and a page of their rows (3); a degree page also lists the exams that lead to it
    [("/skills/sql/", 3), ("/degrees/btech-cse/", 4), ("/industries/it-services/", 3), ("/tools/python/", 3)],
)
def test_reverse_pages_use_a_fixed_number_of_queries(client, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        client.get(url)


def test_skill_pages_read_a_page_at_a_time_in_order_with_every_career_once(client, django_assert_num_queries):
    from careers.browse import REVERSE_PAGE_SIZE, reverse_rows
    from careers.models import CareerSkill, Importance, Skill
    from careers.tests.factories import make_career

    skill = Skill.objects.get(slug="sql")
    levels = list(Importance)
    for i in range(REVERSE_PAGE_SIZE + 10):  # titles and importance interleaved: the order is the database's work
        career = make_career(f"paged-{(i * 37) % 97:03d}-{i}")
        CareerSkill.objects.create(career=career, skill=skill, importance=levels[i % 4], level="basic", used_for="x")
    # The whole list sorted by the database in one query, as the page did before it read a page at a time.
    expected = [(r.importance, r.career.title) for r in reverse_rows("skill", skill)]
    assert len(expected) > REVERSE_PAGE_SIZE
    ranks = [levels.index(importance) for importance, _title in expected]
    assert ranks == sorted(ranks)
    seen = []
    for number, queries in ((1, 3), (2, 2)):  # (the count is kept until the catalogue changes)
        with django_assert_num_queries(queries):
            rows = client.get(f"/skills/sql/?page={number}").context["rows"]
        seen += [(r.importance, r.career.title) for r in rows]
    assert seen == expected
