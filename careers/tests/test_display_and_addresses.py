"""Models show their choice labels (careers/models/display.py) and the site its addresses
(careers/addresses.py) as Django would, without its per-call work."""

import pytest
from django.db import models
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from careers import models as m
from careers.addresses import address, slug_url


def test_a_choice_label_is_shown_in_the_language_active_at_the_call():
    row = m.CareerSkill(importance=m.Importance.HIGH)
    with translation.override("en"):
        assert row.get_importance_display() == "High"
    with translation.override("hi"):
        assert row.get_importance_display() == "ज़्यादा"
    with translation.override("en"):  # (the first call's language is not kept)
        assert row.get_importance_display() == "High"


@pytest.mark.parametrize("language", ["en", "hi"])
def test_every_choice_label_is_the_one_djangos_own_display_gives(language):
    rows = [m.CareerSkill(importance=v, level=lv) for v in m.Importance.values for lv in m.SkillLevel.values]
    rows += [m.SalaryBand(level=v) for v in m.SalaryBand.Level.values]
    rows += [m.Degree(level=v) for v in m.Degree.Level.values] + [m.Exam(level=v) for v in m.Exam.Level.values]
    with translation.override(language):
        for row in rows:
            for field in row._meta.fields:
                if field.choices:
                    assert getattr(row, f"get_{field.name}_display")() == models.Model._get_FIELD_display(row, field)


def test_a_value_outside_the_choices_is_shown_as_stored():
    assert m.CareerSkill(importance="unheard-of").get_importance_display() == "unheard-of"


@pytest.mark.parametrize("language", ["en", "hi"])
@pytest.mark.parametrize("name", ["careers:career", "careers:skill", "careers:exam", "careers:cluster"])
def test_a_slug_address_is_the_one_reverse_gives(name, language):
    with translation.override(language):
        for slug in ["data-analyst", "b_com", "X1"]:
            assert slug_url(name, slug) == reverse(name, args=[slug])


def test_a_slug_address_follows_the_script_prefix():
    try:
        set_script_prefix("/portal/")
        assert slug_url("careers:career", "nurse") == "/portal/careers/nurse/"
    finally:
        set_script_prefix("/")
    assert slug_url("careers:career", "nurse") == "/careers/nurse/"


@pytest.mark.parametrize("slug", ["", "a b", "नर्स"])
def test_a_value_that_is_no_slug_is_refused_as_reverse_refuses_it(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("careers:career", slug)


def test_a_career_links_to_its_page_in_the_page_language():
    career = m.Career(slug="nurse")
    with translation.override("hi"):
        assert career.get_absolute_url() == "/hi/careers/nurse/"
    assert career.get_absolute_url() == "/careers/nurse/"


@pytest.mark.parametrize("language", ["en", "hi"])
def test_a_route_without_arguments_has_the_address_reverse_gives(language):
    with translation.override(language):
        assert address("careers:shortlist") == reverse("careers:shortlist")
