import html
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers import models as m

pytestmark = pytest.mark.django_db

ML_URL = "/careers/machine-learning-engineer/"
# The scraped page the ML Engineer career follows (a copy of shared/seed/000_ba5673c5088e9ea1.txt).
SEED = Path(__file__).parent / "data" / "seed_machine_learning_engineer.txt"
# Where the catalogue's shared vocabulary names a seed fact differently on purpose.
VOCABULARY_NAMES = {
    "Deep Learning Basics": "Deep Learning",  # one shared skill; "basics" is its intermediate level
    "Data Engineering Basics": "Data Engineering",
}
LEVEL_NAMES = {"engineer": "professional"}  # the seed's job-title level, named for every career


def page_text(response):
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def seed_facts(step_goals=()):
    """(kind, text) for every fact in the seed file."""
    for line in SEED.read_text().splitlines():
        line = line.strip()
        if not line or set(line) <= set("|-"):
            continue
        if line.startswith("|"):
            for cell in [c.strip() for c in line.strip("|").split("|")]:
                if re.fullmatch(r"[a-z_-]+", cell):  # an enumeration value: shown by its label
                    yield "label", cell.replace("_", " ")
                else:
                    yield "cell", VOCABULARY_NAMES.get(cell, cell)
        elif line.startswith("Level: "):
            level = line.removeprefix("Level: ")
            yield "label", "Level: " + LEVEL_NAMES.get(level, level)
        elif line.startswith("Output: "):
            # The scrape glued each step's output to the next step's goal ("...projectTrain, ...").
            for goal in step_goals:
                line = line.replace(goal, "\n" + goal) if not line.startswith(goal) else line
            line = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", "\n", line)
            for part in line.split("\n"):
                yield "sentence", part
        else:
            yield "sentence", line


def test_every_seed_fact_is_on_the_ml_engineer_page(client):
    text = page_text(client.get(ML_URL))
    lowered = text.lower()
    missing = []
    goals = m.LearningStep.objects.filter(career__slug="machine-learning-engineer").values_list("goal", flat=True)
    for kind, fact in seed_facts(list(goals)):
        found = fact in text if kind == "sentence" else fact.lower() in lowered
        if not found:
            missing.append(f"{kind}: {fact}")
    assert not missing, "missing from the page:\n" + "\n".join(missing)


def test_sections_follow_the_seed_order(client):
    body = client.get(ML_URL).content.decode()
    ids = [
        "overview",
        "salary",
        "skills",
        "degrees",
        "learning-path",
        "responsibilities",
        "tools",
        "job-titles",
        "related",
        "growth",
        "industries",
        "projects",
        "challenges",
        "faqs",
    ]
    positions = [body.index(f'<section id="{i}"') for i in ids]
    assert positions == sorted(positions)


def test_page_has_one_h1_and_table_headers_with_scope(client):
    body = client.get(ML_URL).content.decode()
    assert body.count("<h1") == 1
    assert '<th scope="col">Skill</th>' in body
    assert '<th scope="row"><a href="/skills/python-programming/">Python Programming</a></th>' in body
    assert '<html lang="en-IN">' in body


def test_salary_is_shown_in_lakh_per_annum(client):
    text = page_text(client.get(ML_URL))
    assert "₹5–9 LPA" in text and "₹18–38 LPA" in text


def test_related_careers_link_only_when_published(client):
    target = m.Career.objects.get(slug="data-scientist")
    target.status = m.Career.Status.DRAFT
    target.save()
    body = client.get(ML_URL).content.decode()
    assert 'href="/careers/data-scientist/"' not in body
    assert "Data Scientist" in body


def test_unknown_career_is_the_sites_404(client):
    response = client.get("/careers/no-such-career/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_unpublished_career_is_404(client):
    m.Career.objects.filter(slug="machine-learning-engineer").update(status=m.Career.Status.DRAFT)
    assert client.get(ML_URL).status_code == 404


def test_editor_text_is_escaped(client):
    m.Career.objects.filter(slug="machine-learning-engineer").update(summary="<script>alert(1)</script>")
    body = client.get(ML_URL).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def _page_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(ML_URL).status_code == 200
    return len(ctx)


def test_career_page_query_budget(client, django_assert_num_queries):
    # 1 career + cluster; one per declared section but related (14: salary bands, sources,
    # skills+skill, degrees+degree, exams+exam, steps, responsibilities, tools+tool, job titles,
    # growth, industries+industry, projects, challenges, FAQs); 2 related careers (listed here,
    # and published careers listing this one) = 17.
    with django_assert_num_queries(17):
        client.get(ML_URL)


def test_career_page_content_is_cached_apart_from_the_page(client, django_assert_num_queries):
    first = client.get(ML_URL).content.decode()
    # A query string the page cache has not seen: the career and its content come from the cache.
    with django_assert_num_queries(0):
        again = client.get(ML_URL + "?utm_source=share").content.decode()

    def shared(page):  # all but the visitor's shortlist form (its CSRF token, the address to return to)
        return re.sub(r'name="(csrfmiddlewaretoken|next)" value="[^"]*"', "", page).replace("?utm_source=share", "")

    assert shared(again) == shared(first)


def test_a_career_page_is_cached_as_html_with_the_career_alone(client):
    """Not its sections: a salary band kept as a model instance took the whole career and its
    prefetched rows into the cache with it (245 KB a page)."""
    from django.core.cache import cache

    from careers import career_page

    client.get(ML_URL)
    _version, career, content = cache.get(career_page._key("http://testserver" + ML_URL))
    assert career.slug == "machine-learning-engineer" and career.cluster.name
    assert "_prefetched_objects_cache" not in vars(career)
    assert content and all(isinstance(part, str) for part in content.values())


def test_cached_career_content_follows_a_committed_edit(client, django_capture_on_commit_callbacks):
    client.get(ML_URL)
    faq = m.FAQ.objects.filter(career__slug="machine-learning-engineer").first()
    with django_capture_on_commit_callbacks(execute=True):
        faq.answer = "A freshly edited answer."
        faq.save()
    assert "A freshly edited answer." in client.get(ML_URL + "?after-edit").content.decode()


def test_cached_career_content_follows_a_renamed_skill(client, django_capture_on_commit_callbacks):
    client.get(ML_URL)
    skill = m.CareerSkill.objects.filter(career__slug="machine-learning-engineer").first().skill
    with django_capture_on_commit_callbacks(execute=True):
        skill.name = "A renamed skill"
        skill.save()
    assert "A renamed skill" in client.get(ML_URL + "?after-rename").content.decode()


def test_cached_career_content_holds_nothing_of_a_visitor(client):
    client.post("/shortlist/", {"career": "machine-learning-engineer", "action": "add"})
    mine = client.get(ML_URL).content.decode()  # (a session: the page cache is not used, the content cache is)
    assert "On your shortlist" in mine
    from django.test import Client

    other = Client().get(ML_URL + "?someone-else").content.decode()
    assert "On your shortlist" not in other and "Shortlist<span" in other


def test_career_page_queries_do_not_grow_with_rows(client, django_capture_on_commit_callbacks):
    before = _page_queries(client)
    career = m.Career.objects.get(slug="machine-learning-engineer")
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(20):
            m.FAQ.objects.create(career=career, order=100 + i, question=f"Q{i}?", answer="A.")
            m.Challenge.objects.create(career=career, order=100 + i, title=f"C{i}", description="D.")
        for i, skill in enumerate(m.Skill.objects.exclude(career_skills__career=career)[:10]):
            m.CareerSkill.objects.create(
                career=career, skill=skill, order=100 + i, importance="low", level="basic", used_for="x"
            )
    assert _page_queries(client) == before


def test_careers_listing_this_one_as_related_are_read_as_links_without_their_documents():
    # A real career is listed as related by many others (thousands at scale): reading each one's
    # search and Hindi documents (about 13 KB a row) for a link made a first render several times slower.
    from careers.models import Career

    career = Career.objects.published().with_sections().get(slug="data-scientist")
    leading_here = [row.career for row in career.related_from.all()]
    assert leading_here
    for other in leading_here:
        deferred = other.get_deferred_fields()
        assert {"translation_hi", "search_parts", "search_shown", "search_vector", "overview_en"} <= deferred
        assert not {"slug", "title_en", "title_hi", "status"} & deferred
