from decimal import Decimal

from django import template

register = template.Library()


def _lpa_number(value):
    value = Decimal(value)
    return f"{value:.0f}" if value == value.to_integral_value() else f"{value.normalize():f}"


@register.simple_tag
def lpa_range(low, high):
    """₹5–9 LPA, from two amounts in lakh per annum."""
    if low == high:
        return f"₹{_lpa_number(low)} LPA"
    return f"₹{_lpa_number(low)}–{_lpa_number(high)} LPA"
