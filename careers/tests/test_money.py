"""Salary text and salary bars (careers/money.py), shared by the pages, the comparison and the finder."""

from decimal import Decimal

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
