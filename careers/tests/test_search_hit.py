"""One career of the search results ({% search_hit hit %}): title and summary with the query's words
marked, its field, why it matched or that only its spelling is close, and its shortlist form."""

from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from careers.models import Career
from careers.search import Hit

TEMPLATE = engines["django"].from_string("{% load careers_tags %}{% search_hit hit %}")


def _hit(**fields):
    career = Career(slug="data-analyst", title_en="Data <Analyst>", summary_en="Reads data & writes reports.")
    return Hit(career, **{"matched": 1, "marked": ["data"], **fields})


def _render(hit):
    return TEMPLATE.render({"hit": hit, "shortlist": (), "request": RequestFactory().get("/search/?q=data")})


def test_a_hit_links_its_title_with_the_query_words_marked_and_escaped():
    html = _render(_hit())
    assert html.startswith(
        '<li>\n  <h3 class="h5 mt-0 mb-1"><a href="/careers/data-analyst/"><mark>Data</mark> &lt;Analyst&gt;</a></h3>\n'
        '  <p class="mb-1">Reads <mark>data</mark> &amp; writes reports.</p>\n'
    )
    assert '<div class="mt-1"><form class="shortlist-form no-print"' in html and html.endswith(
        "</form>\n</div>\n</li>\n"
    )


def test_a_hit_says_why_it_matched_after_its_field():
    html = _render(
        _hit(cluster="AI & Data", why=[("skill", "SQL <basics>", "high", ["sql"]), ("cluster", "AI", None, [])])
    )
    assert '</a> <span class="small text-body-secondary">· AI &amp; Data</span></h3>' in html
    assert (
        '<p class="small mb-0 match-reasons"><span class="visually-hidden">Why it matched: </span>'
        "skill: <mark>SQL</mark> &lt;basics&gt; · in AI</p>"
    ) in html


def test_a_typo_match_says_its_spelling_is_close_in_the_page_language():
    html = _render(_hit(matched=0))
    assert '<p class="small mb-0 match-reasons">Similar spelling: Data &lt;Analyst&gt;</p>' in html
    with translation.override("hi"):
        assert "Similar spelling" not in _render(_hit(matched=0))


def test_a_hit_with_no_reason_to_give_says_nothing_more():
    assert "match-reasons" not in _render(_hit())
