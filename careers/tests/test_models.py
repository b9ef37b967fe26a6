from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from careers import models as m
from careers.tests.factories import make_career, make_skill

pytestmark = pytest.mark.django_db


def _degree():
    return m.Degree.objects.create(slug="test-degree", name="Test degree", level=m.Degree.Level.GRADUATE)


def test_fit_score_above_100_is_refused_by_the_database():
    career = make_career()
    with pytest.raises(IntegrityError), transaction.atomic():
        m.CareerDegree.objects.create(career=career, degree=_degree(), order=1, fit_score=140, reason="r")


def test_fit_score_above_100_gets_an_editor_friendly_message():
    row = m.CareerDegree(career=make_career(), degree=_degree(), order=1, fit_score=140, reason="r")
    with pytest.raises(ValidationError) as exc:
        row.full_clean()
    assert "fit_score" in exc.value.message_dict


def test_salary_min_above_max_is_refused_by_the_database():
    career = make_career()
    with pytest.raises(IntegrityError), transaction.atomic():
        m.SalaryBand.objects.create(career=career, order=1, level="entry", label="x", min_lpa=9, max_lpa=5)


def test_salary_min_above_max_gets_an_editor_friendly_message():
    band = m.SalaryBand(career=make_career(), order=1, level="entry", label="x", min_lpa=Decimal(9), max_lpa=Decimal(5))
    with pytest.raises(ValidationError) as exc:
        band.clean()
    assert "cannot be below the minimum" in str(exc.value)


def test_two_rows_of_one_section_cannot_share_an_order():
    career = make_career()
    m.FAQ.objects.create(career=career, order=1, question="q1", answer="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        m.FAQ.objects.create(career=career, order=1, question="q2", answer="a")


def test_the_same_order_is_fine_in_different_careers():
    m.FAQ.objects.create(career=make_career("one"), order=1, question="q", answer="a")
    m.FAQ.objects.create(career=make_career("two"), order=1, question="q", answer="a")


def test_a_skill_is_listed_once_per_career():
    career, skill = make_career(), make_skill()
    m.CareerSkill.objects.create(career=career, skill=skill, order=1, importance="high", level="basic", used_for="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        m.CareerSkill.objects.create(
            career=career, skill=skill, order=2, importance="high", level="basic", used_for="y"
        )


def test_a_career_cannot_be_related_to_itself():
    career = make_career()
    with pytest.raises(IntegrityError), transaction.atomic():
        m.RelatedCareer.objects.create(career=career, related=career, order=1, difference="same")


def test_interest_code_must_be_riasec_letters():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_career(interest_code="XYZ")
    career = make_career(interest_code="IRC")
    career.interest_code = "IIR"
    with pytest.raises(ValidationError):
        career.clean()


def test_growth_stage_cannot_end_before_it_starts():
    career = make_career()
    with pytest.raises(IntegrityError), transaction.atomic():
        m.GrowthStage.objects.create(career=career, order=1, stage="s", titles="t", years_from=5, years_to=2)


def test_growth_stage_years_label_reads_like_the_seed():
    assert m.GrowthStage(years_from=0, years_to=1).years_label == "0-1 year"
    assert m.GrowthStage(years_from=2, years_to=5).years_label == "2-5 years"
    assert m.GrowthStage(years_from=10, years_to=None).years_label == "10+ years"


def test_published_verb_hides_drafts_and_archived_careers():
    make_career("draft-one", status=m.Career.Status.DRAFT)
    make_career("archived-one", status=m.Career.Status.ARCHIVED)
    slugs = set(m.Career.objects.published().values_list("slug", flat=True))
    assert "draft-one" not in slugs and "archived-one" not in slugs
    assert "machine-learning-engineer" in slugs


def test_every_catalogue_slug_has_the_shape_addresses_accept():
    # Browse filters, comparisons and exam pages refuse a slug SLUG_RE does not fully match.
    for model in (m.Career, m.Cluster, m.Skill, m.Degree, m.Tool, m.Industry, m.Exam):
        slugs = list(model.objects.values_list("slug", flat=True))
        assert [s for s in slugs if not m.SLUG_RE.fullmatch(s)] == [], model.__name__
    for text in ["nurse\n", "-nurse", "nurse-", "data--scientist", "Nurse", "data_scientist", "../etc", ""]:
        assert not m.SLUG_RE.fullmatch(text), text
