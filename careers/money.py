"""Salaries as readers see them: amounts in ₹ lakh per annum (LPA) as text, and salary bars.

The one place that turns an amount into text and a band into a bar; the templates
(``lpa_range``, ``salary_chart``), the comparison and the finder all use it.
"""

from decimal import Decimal

MIN_BAR_WIDTH = 1.5  # percent of the axis: a narrow band still shows as a bar


def lpa_number(value):
    """5 for 5.00, 7.5 for 7.50: an amount in LPA without trailing zeros."""
    value = Decimal(value)
    return f"{value:.0f}" if value == value.to_integral_value() else f"{value.normalize():f}"


def lpa(value):
    """₹7.5 LPA, from an amount in lakh per annum."""
    return f"₹{lpa_number(value)} LPA"


def lpa_range(low, high):
    """₹5–9 LPA (or ₹5 LPA when both ends are the same), from two amounts in lakh per annum."""
    if low == high:
        return lpa(low)
    return f"₹{lpa_number(low)}–{lpa_number(high)} LPA"


def bar(low, high, top):
    """(left, width) of a band's bar in percent of an axis from 0 to ``top``, to one decimal."""
    left = 100 * float(low) / top
    width = max(MIN_BAR_WIDTH, 100 * float(high - low) / top)
    return round(left, 1), round(min(width, 100 - left), 1)
