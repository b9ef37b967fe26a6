"""Section rows read with SQL compiled once (careers/section_rows.py) are the rows Django's own
prefetching reads, in the same order, with the same related rows, and never rows of an earlier
career or an earlier edit."""

import pytest
from django.db import connection
from django.db.models import prefetch_related_objects
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from careers import models as m
from careers import section_rows
from careers.models import page_prefetches
from careers.sections import SECTIONS

pytestmark = pytest.mark.django_db

NAMES = [s.name for s in SECTIONS] + ["related_from"]


def _rows(career):
    """Every section's rows as (id, every column, the ids of the rows they link to) in order."""
    out = {}
    for name in NAMES:
        rows = []
        for row in getattr(career, name).all():
            fields = row._meta.concrete_fields
            linked = tuple(f.get_cached_value(row).pk for f in fields if f.is_relation and f.is_cached(row))
            rows.append((row.pk, tuple(getattr(row, f.attname) for f in row._meta.concrete_fields), linked))
        out[name] = rows
    return out


def _careers(*slugs):
    found = {c.slug: c for c in m.Career.objects.for_display().filter(slug__in=slugs)}
    return [found[s] for s in slugs]


@pytest.mark.parametrize("language", ["en", "hi"])
def test_compiled_rows_are_the_rows_django_prefetches(language):
    slugs = list(m.Career.objects.published().order_by("slug").values_list("slug", flat=True)[:3])
    with translation.override(language):
        for group in (slugs[:1], slugs):
            expected = _careers(*group)
            prefetch_related_objects(expected, *page_prefetches())
            for _ in range(2):  # compiled on the first call, reused on the second
                careers = _careers(*group)
                with CaptureQueriesContext(connection) as queries:
                    section_rows.prefetch(careers, page_prefetches, key="test-page")
                assert len(queries) == len(NAMES)
                for career, want in zip(careers, expected, strict=True):
                    assert _rows(career) == _rows(want)
                    assert all(row.career is career for row in career.skills.all())


def test_compiled_rows_follow_the_career_and_its_edits():
    first, second = _careers("machine-learning-engineer", "data-analyst")
    section_rows.prefetch([first], page_prefetches, key="test-page")
    section_rows.prefetch([second], page_prefetches, key="test-page")
    assert {r.career_id for r in second.skills.all()} == {second.pk}
    assert [r.pk for r in second.skills.all()] != [r.pk for r in first.skills.all()]

    m.CareerSkill.objects.filter(career=first).update(used_for="An edited use")
    again = _careers("machine-learning-engineer")[0]
    section_rows.prefetch([again], page_prefetches, key="test-page")
    assert {r.used_for for r in again.skills.all()} == {"An edited use"}
