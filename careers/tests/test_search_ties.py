"""Search results that tie come back in the order of the careers' ids, on every database and every
run: a Hindi title is not unique, so two careers a query finds the same way (the unranked "others"
path: a word of their summaries, not of their names) can tie on everything ranking compares."""

import pytest
from django.db import connection
from django.utils import translation

from careers import search
from careers.search import candidates as db
from careers.search.candidates import Found
from careers.search.query import read_query
from careers.search.ranking import Hit, rank
from careers.tests.factories import make_career

pytestmark = pytest.mark.django_db

WORD = "quokkaology"  # in no other career's text
SAME_HINDI_TITLE = "एक जैसा करियर"


@pytest.fixture
def tied(django_capture_on_commit_callbacks):
    """Two published careers with the same Hindi title, found by a word of their summaries only,
    stored so that PostgreSQL reads the later one first (an updated row moves to the table's end)."""
    with django_capture_on_commit_callbacks(execute=True):  # the write hook indexes them for search
        first = make_career("zeta-tie", summary=f"Works with {WORD}.", title_hi=SAME_HINDI_TITLE)
        second = make_career("alpha-tie", summary=f"Works with {WORD}.", title_hi=SAME_HINDI_TITLE)
    type(first).objects.filter(pk=first.pk).update(fits="Fits, again.")
    return first, second


def test_careers_that_tie_on_the_others_path_come_back_in_id_order(tied):
    first, second = tied
    with translation.override("hi"):
        found = db.postgres_matches(read_query(WORD)) if connection.vendor == "postgresql" else None
        results = search.search(search.clean_query(WORD))
    if found is not None:
        assert [f.pk for f in found] == [first.pk, second.pk]  # the candidates, as the query sorts them
    assert [hit.career.pk for hit in results] == [first.pk, second.pk]
    assert results[0].score == results[1].score
    assert results[0].career.title_hi == results[1].career.title_hi == SAME_HINDI_TITLE


def test_ranking_breaks_a_complete_tie_by_id():
    hits = [Hit(Found(pk, SAME_HINDI_TITLE, 0.0, ""), score=5.0, matched=1) for pk in (9, 3, 7)]
    assert [h.career.pk for h in rank(hits)] == [3, 7, 9]
