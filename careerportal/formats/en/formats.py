"""English as written in India: digits grouped in lakh and crore (12,34,567), for every language
of the site (careerportal/formats/hi is the same). Django's own locale formats give the rest."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = (3, 2, 0)  # the last three digits, then pairs: 1,00,000 and 1,00,00,000
