"""Salary text and salary bars (careers/money.py), shared by the pages, the comparison and the finder."""

from decimal import Decimal

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context, Template
from django.utils import translation

from careers import money


def test_amounts_read_without_trailing_zeros():
    assert money.lpa_number(Decimal("5.00")) == "5"
    assert money.lpa_number(Decimal("7.50")) == "7.5"
    assert money.lpa(Decimal("12.25")) == "₹12.25 LPA"
    assert money.lpa_range(Decimal("5.00"), Decimal("9.00")) == "₹5–9 LPA"
    assert money.lpa_range(Decimal("6"), Decimal("6.00")) == "₹6 LPA"


def test_bars_sit_on_the_axis_and_stay_visible():
    assert money.bar(Decimal("5"), Decimal("9"), 40) == (12.5, 10.0)
    assert money.bar(Decimal("4"), Decimal("4"), 40) == (10.0, money.MIN_BAR_WIDTH)  # a point still shows
    assert money.bar(Decimal("39.9"), Decimal("39.9"), 40) == (99.8, 0.2)  # never past the axis's end


def test_from_a_hundred_lakh_amounts_read_in_crore():
    assert money.lpa(Decimal("99.5")) == "₹99.5 LPA"
    assert money.lpa(Decimal("100")) == "₹1 crore"
    assert money.lpa(Decimal("120.00")) == "₹1.2 crore"
    assert money.lpa(Decimal("124.75")) == "₹1.25 crore"  # to two decimals, half up
    assert money.lpa_range(Decimal("50"), Decimal("120")) == "₹50 LPA–₹1.2 crore"
    assert money.lpa_range(Decimal("120"), Decimal("250")) == "₹1.2–2.5 crore"
    assert money.lpa_range(Decimal("150"), Decimal("150.00")) == "₹1.5 crore"


def test_hindi_amounts_say_lakh_and_crore_per_year():
    with translation.override("hi"):
        assert money.lpa(Decimal("7.50")) == "₹7.5 लाख/वर्ष"
        assert money.lpa_range(Decimal("5"), Decimal("9")) == "₹5–9 लाख/वर्ष"
        assert money.lpa_range(Decimal("6"), Decimal("6")) == "₹6 लाख/वर्ष"
        assert money.lpa(Decimal("120")) == "₹1.2 करोड़/वर्ष"
        assert money.lpa_range(Decimal("50"), Decimal("120")) == "₹50 लाख–₹1.2 करोड़/वर्ष"
        assert money.lpa_range(Decimal("120"), Decimal("250")) == "₹1.2–2.5 करोड़/वर्ष"
    assert money.lpa(Decimal("7.5")) == "₹7.5 LPA"  # the language of the moment, not of the first call


@pytest.mark.parametrize("language", ["en", "hi"])
def test_numbers_are_grouped_in_lakh_and_crore(language):
    with translation.override(language):
        assert money.indian_number(999) == "999"
        assert money.indian_number(1000) == "1,000"
        assert money.indian_number(100000) == "1,00,000"
        assert money.indian_number(1234567) == "12,34,567"
        assert money.indian_number(10000000) == "1,00,00,000"
        assert money.indian_number(Decimal("1234567.50")) == "12,34,567.50"
        assert intcomma(1234567) == "12,34,567"  # humanize reads the same formats
        rendered = Template("{% load careers_tags %}{{ n|indian_number }} {{ n }}").render(Context({"n": 1234567}))
    # Grouping only where asked: a plain {{ n }} stays digits (page numbers in links, maxlength="3000").
    assert rendered == "12,34,567 1234567"
    assert money.lpa_number(Decimal("1250")) == "1,250"
