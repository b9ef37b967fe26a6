"""What search keeps per career for ranking and typo matching (issue 16): the ranking document as
plain lines (what ranking reads of every candidate, and what a hit shows of why it matched), kept
by the write hook, and every name a career goes by (title, job titles) one row each."""

import pytest

from careers import search
from careers.models import Career, JobTitle, SearchName
from careers.search.index import PARTS_SEPARATOR, documents, parts
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


def _texts(career):
    return career.search_parts.partition(PARTS_SEPARATOR)[0].split("\n")


def test_the_ranking_document_is_plain_lines_that_read_back_as_the_parts_the_index_made():
    career = Career.objects.published().get(slug="nurse")
    ((title, summary, doc),) = documents([career.pk]).values()
    made = parts(title, summary, doc)
    assert document(career) == made and made[0][:3] == ["title", "nurse", career.title]
    assert _texts(career) == [text for _kind, text, _shown, _detail in made]
    assert career.search_shown.split("\n") == [shown for _kind, _text, shown, _detail in made]
    assert {kind for kind, *_rest in made} >= {"title", "job", "degree", "skill", "summary"}
    assert names(career) == [career.title, *JobTitle.objects.filter(career=career).values_list("title", flat=True)]


def test_an_edit_reaches_the_ranking_document_once_it_commits(django_capture_on_commit_callbacks):
    job = JobTitle.objects.filter(career__slug="nurse").first()
    job.title = "Ward\nSister"  # a line break in a name: shown as HTML shows it, the lines still align
    with django_capture_on_commit_callbacks(execute=True):
        job.save()
    career = Career.objects.get(slug="nurse")
    assert "ward sister" in _texts(career) and "Ward Sister" in career.search_shown.split("\n")
    assert len(career.search_shown.split("\n")) == len(_texts(career))
    hit = next(h for h in search.search("ward sister") if h.career.slug == "nurse")
    assert str(hit.reasons[0]) == "job title: <mark>Ward</mark> Sister"


def test_a_typo_of_a_job_title_alone_finds_the_career():
    career = Career.objects.published().get(slug="nurse")
    JobTitle.objects.filter(pk=JobTitle.objects.filter(career=career).first().pk).update(title="Lamplighter")
    search.reindex([career.pk])
    assert "nurse" in [hit.career.slug for hit in search.search(search.clean_query("lamplihgter"))]
