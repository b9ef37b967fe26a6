"""The compare picker's suggestions (``comparison.picker_matches``, issue 16): the titles that start
with the text first, then the others that contain it, served on PostgreSQL by the titles' trigram
index (migration 0016) instead of reading every career."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from careers.comparison import picker_matches
from careers.models import Career

pytestmark = pytest.mark.django_db


def _expected(text, exclude=()):
    titles = Career.objects.published().filter(title__icontains=text).exclude(slug__in=exclude).order_by("title")
    titles = list(titles.values_list("title", flat=True))
    return sorted(titles, key=lambda t: not t.lower().startswith(text.lower()))[:10]  # stable: by title within


@pytest.mark.parametrize("text", ["eng", "ENG", "data", "e", "zzzq"])
def test_picker_offers_titles_that_start_with_the_text_then_titles_that_contain_it(text):
    assert [c.title for c in picker_matches(text)] == _expected(text)


def test_picker_leaves_out_the_careers_already_compared():
    assert [c.slug for c in picker_matches("nur")][:1] == ["nurse"]
    titles = [c.title for c in picker_matches("nur", exclude=["nurse"])]
    assert "Nurse" not in titles and titles == _expected("nur", exclude=["nurse"])


@pytest.mark.parametrize("language,index", [("en", "career_title_en_trgm"), ("hi", "career_title_hi_trgm")])
def test_picker_suggestions_are_served_by_the_title_trigram_index_on_postgresql(language, index):
    if connection.vendor != "postgresql":
        pytest.skip("the trigram index is PostgreSQL's (SQLite reads every title)")
    with translation.override(language), CaptureQueriesContext(connection) as captured:
        picker_matches("dat")
    (query,) = captured.captured_queries
    with connection.cursor() as cursor:
        # The catalogue was just loaded: move the index's pending entries into it (as autovacuum
        # would), and tell the planner how few titles hold the text.
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE careers_career")
        cursor.execute("SET LOCAL enable_seqscan = off")  # few rows here: ask whether the index can serve it
        cursor.execute("SET LOCAL enable_indexscan = off")  # nor walk the titles in order
        cursor.execute("EXPLAIN " + query["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert plan.count(f"Bitmap Index Scan on {index}") == 2, plan  # both parts: starts with, contains
