"""The stored completeness flag: kept by the write hook, read by the admin's filter and column."""

from unittest import mock

import pytest

from careers import models as m
from careers.catalogue.completeness import check_career, refresh
from careers.sections import BY_NAME

pytestmark = pytest.mark.django_db
ML = "machine-learning-engineer"


def _flag(slug):
    career = m.Career.objects.get(slug=slug)
    return career.complete, career.falls_short


def test_the_loaded_catalogue_has_its_flags_stored():
    for career in m.Career.objects.with_all_sections():
        short = [c.section for c in check_career(career) if not c.ok]
        assert (career.complete, career.falls_short) == (not short, short), career.slug


def test_deleting_a_sections_rows_clears_the_flag_once_committed(django_capture_on_commit_callbacks):
    assert _flag(ML) == (True, [])
    with django_capture_on_commit_callbacks(execute=True):
        for band in m.SalaryBand.objects.filter(career__slug=ML):
            band.delete()
    assert _flag(ML) == (False, ["salary"])


def test_an_edit_that_completes_a_career_sets_the_flag(django_capture_on_commit_callbacks):
    career = m.Career.objects.get(slug=ML)
    with django_capture_on_commit_callbacks(execute=True):
        career.overview = ""
        career.save()
    assert _flag(ML) == (False, ["overview"])
    with django_capture_on_commit_callbacks(execute=True):
        career.overview = "Back again."
        career.save()
    assert _flag(ML) == (True, [])


def test_unpublishing_a_related_career_updates_the_careers_that_list_it(django_capture_on_commit_callbacks):
    # A career needs a number of *published* related careers; take away enough of ML's.
    related = [r.related for r in m.RelatedCareer.objects.filter(career__slug=ML).select_related("related")]
    with django_capture_on_commit_callbacks(execute=True):
        for other in related:
            other.status = m.Career.Status.DRAFT
            other.save()
    assert _flag(ML) == (False, [BY_NAME["related"].check_name])


def test_refresh_writes_only_what_changed_and_sends_no_signals():
    ids = list(m.Career.objects.values_list("pk", flat=True))
    updated = {pk: u for pk, u in m.Career.objects.values_list("pk", "updated")}
    assert refresh(ids) == 0
    m.Career.objects.filter(slug=ML).update(complete=False, falls_short=["stale"])
    with mock.patch("careers.changes.touched") as touched:
        assert refresh(ids) == 1
    touched.assert_not_called()
    assert _flag(ML) == (True, []) and dict(m.Career.objects.values_list("pk", "updated")) == updated


def test_admin_filter_reads_the_flag_in_a_constant_number_of_queries(admin_client, django_assert_max_num_queries):
    m.Career.objects.filter(slug="nurse").update(complete=False, falls_short=["skills", "faqs"])
    response = admin_client.get("/admin/careers/career/?complete=no")
    slugs = {c.slug for c in response.context["cl"].result_list}
    assert "nurse" in slugs and ML not in slugs
    assert "short: skills, faqs" in response.content.decode()
    with mock.patch("careers.catalogue.completeness.check_career") as check:
        admin_client.get("/admin/careers/career/?complete=yes")
    check.assert_not_called()  # the filter and the column read the stored flag
