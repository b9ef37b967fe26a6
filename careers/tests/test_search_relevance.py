"""Search relevance on the real catalogue: queries as Indian students type them (English,
Hinglish, abbreviations, typos), each with careers that must appear in the top 3. The queries
live in ``data/search_relevance.yaml``; docs/search.md reports the precision at 3."""

from pathlib import Path

import pytest
import yaml
from django.db import connection

from careers import search

pytestmark = pytest.mark.django_db

CASES = yaml.safe_load((Path(__file__).parent / "data" / "search_relevance.yaml").read_text(encoding="utf-8"))
ISSUE_EXAMPLES = ["neet", "commerce", "maths", "bcom", "painting", "government job"]
REQUIRED_PRECISION = 0.9


def top_three(q):
    return [hit.career.slug for hit in search.search(search.clean_query(q))[:3]]


def found(case):
    top = top_three(case["q"])
    return all(slug in top for slug in case["top3"]), top


def test_the_set_is_large_and_names_real_careers():
    from careers.models import Career

    assert len(CASES) >= 40
    assert len({c["q"] for c in CASES}) == len(CASES), "a query appears twice"
    published = set(Career.objects.published().values_list("slug", flat=True))
    assert {slug for c in CASES for slug in c["top3"]} <= published
    assert set(ISSUE_EXAMPLES) <= {c["q"] for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["q"] for c in CASES])
def test_expected_careers_are_in_the_top_three(case, request):
    if connection.vendor in case.get("misses", []):
        request.applymarker(pytest.mark.xfail(strict=True, reason="a known miss, listed in docs/search.md"))
    ok, top = found(case)
    assert ok, f"{case['q']!r}: wanted {case['top3']} in the top 3, got {top}"


def test_precision_at_three_meets_the_bar_and_no_issue_example_misses():
    results = {c["q"]: found(c)[0] for c in CASES}
    precision = sum(results.values()) / len(results)
    misses = sorted(q for q, ok in results.items() if not ok)
    assert precision >= REQUIRED_PRECISION, f"precision at 3 is {precision:.0%}; misses: {misses}"
    assert not set(misses) & set(ISSUE_EXAMPLES), misses
