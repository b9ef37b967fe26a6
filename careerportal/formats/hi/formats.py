"""Hindi: the same Indian digit grouping as English (careerportal/formats/en/formats.py)."""

from careerportal.formats.en.formats import DECIMAL_SEPARATOR, NUMBER_GROUPING, THOUSAND_SEPARATOR

__all__ = ["DECIMAL_SEPARATOR", "NUMBER_GROUPING", "THOUSAND_SEPARATOR"]
