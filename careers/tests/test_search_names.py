"""What search keeps per career for ranking and typo matching (issue 16): the ranking document as
compact JSON text, and every name a career goes by (title, job titles) one row each."""

import json

import pytest

from careers import search
from careers.models import Career, JobTitle, SearchName
from careers.search.ranking import document, names

pytestmark = pytest.mark.django_db


def _names(career):
    return sorted(SearchName.objects.filter(career=career).values_list("name", flat=True))


def test_every_name_a_career_goes_by_is_one_row_and_follows_the_career():
    career = Career.objects.published().get(slug="nurse")
    jobs = list(JobTitle.objects.filter(career=career).values_list("title", flat=True))
    assert jobs and _names(career) == sorted([career.title, *jobs])
    JobTitle.objects.filter(career=career, title=jobs[0]).update(title="Lamp Keeper")
    search.reindex([career.pk])
    assert "Lamp Keeper" in _names(career) and jobs[0] not in _names(career)
    assert len(_names(career)) == len(jobs) + 1


def test_the_ranking_document_is_compact_json_text_that_ranking_reads():
    career = Career.objects.published().get(slug="nurse")
    assert isinstance(career.search_document, str) and ": " not in career.search_document[:200]
    doc = document(career)
    assert doc == json.loads(career.search_document) and doc["parts"][0][:3] == ["title", "nurse", career.title]
    assert names(career) == [career.title, *JobTitle.objects.filter(career=career).values_list("title", flat=True)]


def test_a_typo_of_a_job_title_alone_finds_the_career():
    career = Career.objects.published().get(slug="nurse")
    JobTitle.objects.filter(pk=JobTitle.objects.filter(career=career).first().pk).update(title="Lamplighter")
    search.reindex([career.pk])
    assert "nurse" in [hit.career.slug for hit in search.search(search.clean_query("lamplihgter"))]
