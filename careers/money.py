"""Salaries and numbers as readers in India see them: amounts in ₹ lakh per annum as text, counts
grouped the Indian way, and salary bars.

The one place that turns an amount into text and a band into a bar; the templates
(``lpa_range``, ``indian_number``, ``salary_chart``), the comparison and the finder all use it.
Amounts are stored in lakh per annum (LPA); from 100 lakh (one crore) on they read in crore. The
words follow the active language: "₹7.5 LPA" and "₹1.2 crore" in English, "₹7.5 लाख/वर्ष" and
"₹1.2 करोड़/वर्ष" in Hindi (locale/hi). Digits are grouped 12,34,567 in both languages
(``NUMBER_GROUPING`` in careerportal/formats).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext

MIN_BAR_WIDTH = 1.5  # percent of the axis: a narrow band still shows as a bar
LAKH_PER_CRORE = 100
CRORE_PLACES = Decimal("0.01")  # ₹1.25 crore, not ₹1.2475 crore


def _plain(value):
    """5 for 5.00, 7.5 for 7.50, grouped the Indian way past a thousand (1,250)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return indian_number(value.to_integral_value())
    return indian_number(value.normalize())


def lpa_number(value):
    """5 for 5.00, 7.5 for 7.50: an amount in LPA without trailing zeros."""
    return _plain(value)


def _crore_number(value):
    """1.2 for 120 lakh: an amount in crore, to two decimals at most."""
    return _plain((Decimal(value) / LAKH_PER_CRORE).quantize(CRORE_PLACES, rounding=ROUND_HALF_UP))


def _in_crore(value):
    return Decimal(value) >= LAKH_PER_CRORE


def lpa(value):
    """₹7.5 LPA (₹1.2 crore from 100 lakh on), from an amount in lakh per annum."""
    if _in_crore(value):
        return gettext("₹%(amount)s crore") % {"amount": _crore_number(value)}
    return gettext("₹%(amount)s LPA") % {"amount": lpa_number(value)}


def lpa_range(low, high):
    """₹5–9 LPA (or ₹5 LPA when both ends are the same), ₹50 LPA–₹1.2 crore, ₹1.2–2 crore, from
    two amounts in lakh per annum."""
    if Decimal(low) == Decimal(high):
        return lpa(low)
    if _in_crore(low):
        return gettext("₹%(low)s–%(high)s crore") % {"low": _crore_number(low), "high": _crore_number(high)}
    if _in_crore(high):
        return gettext("₹%(low)s LPA–₹%(high)s crore") % {"low": lpa_number(low), "high": _crore_number(high)}
    return gettext("₹%(low)s–%(high)s LPA") % {"low": lpa_number(low), "high": lpa_number(high)}


def indian_number(value):
    """12,34,567: a count or a rupee amount with the active language's digit grouping (Indian in
    both of the site's languages), whatever USE_THOUSAND_SEPARATOR says."""
    return number_format(value, use_l10n=True, force_grouping=True)


def bar(low, high, top):
    """(left, width) of a band's bar in percent of an axis from 0 to ``top``, to one decimal."""
    left = 100 * float(low) / top
    width = max(MIN_BAR_WIDTH, 100 * float(high - low) / top)
    return round(left, 1), round(min(width, 100 - left), 1)
