"""What a search reads (issue 16): candidates as plain rows, a ``Career`` made only for each hit a
page shows; Hindi matches scored and cut in the query, reading only what a hit shows; the exams,
degrees and skills read once per catalogue version. The results are those of test_search.py,
test_search_relevance.py and test_hindi_content.py."""

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from careers import search
from careers.models import Career
from careers.search import MAX_RESULTS, hindi

pytestmark = pytest.mark.django_db

LONG_COLUMNS = ("overview", "search_parts", "search_shown", "search_vector", "translation_hi")


def _careers_made(q):
    made = []

    def count(sender, instance, **kwargs):
        made.append(instance)

    post_init.connect(count, sender=Career)
    try:
        results = search.search(search.clean_query(q))
    finally:
        post_init.disconnect(count, sender=Career)
    return results, made


def test_english_search_makes_a_career_only_for_each_hit_it_shows():
    results, made = _careers_made("engineer")  # more careers match than a page shows
    assert len(results) == MAX_RESULTS
    assert len(made) == len(results)
    assert [c.pk for c in made] == [hit.career.pk for hit in results]
    career = results[0].career
    assert career.get_absolute_url() == f"/careers/{career.slug}/" and career.title and career.summary


def test_a_typo_search_makes_careers_only_for_the_closest_titles_it_offers():
    results, made = _careers_made("zqxwvyk")
    assert not results and len(made) == len(results.closest)


def test_hindi_search_reads_only_the_hits_a_page_shows_and_what_it_shows_of_them():
    with CaptureQueriesContext(connection) as captured:
        results = search.search("डॉक्टर")
    assert results and len(results) <= MAX_RESULTS
    (sql,) = [q["sql"] for q in captured.captured_queries if "title_hi" in q["sql"]]
    selected = sql.split(" FROM ", 1)[0]
    assert not [column for column in LONG_COLUMNS if column in selected], selected
    assert f"LIMIT {MAX_RESULTS}" in sql


def test_hindi_search_puts_a_title_match_before_summary_matches_however_few_it_reads():
    hits = hindi.search("डॉक्टर", limit=2)
    assert len(hits) == 2 and "डॉक्टर" in (hits[0].career.title_hi or "")
    assert hits == sorted(hits, key=lambda h: -h.score)
    everything = hindi.search("डॉक्टर")
    assert [h.career.pk for h in hits] == [h.career.pk for h in everything[:2]]


def test_the_exams_degrees_and_skills_are_read_once_per_catalogue_version(django_assert_num_queries):
    first = search.search("engineer")
    # the full-text match and the hits' columns: synonyms and vocabularies are cached
    with django_assert_num_queries(2):
        again = search.search("engineer")
    assert again.entries == first.entries and first.entries["skill"]


def test_a_renamed_skill_is_found_by_its_new_name_once_the_change_commits(django_capture_on_commit_callbacks):
    from careers.models import Skill

    assert search.search("sql").skills  # the vocabularies are cached now
    skill = Skill.objects.get(slug="sql")
    skill.name = "Structured Query Language (SQL)"
    with django_capture_on_commit_callbacks(execute=True):
        skill.save()
    assert [e.slug for e in search.search("structured query").skills] == ["sql"]
