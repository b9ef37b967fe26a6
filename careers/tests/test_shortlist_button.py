"""The shortlist form every list and career page carries ({% shortlist_button %}): its three states,
the visitor's address to come back to, and the career's title escaped in both languages."""

from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from careers import caching, shortlist
from careers.models import Career

TEMPLATE = engines["django"].from_string("{% load careers_tags %}{% shortlist_button career compact=compact %}")
CAREER = Career(slug="data-analyst", title_en="Data <Analyst> & co", title_hi="डेटा एनालिस्ट")


def _button(listed=(), compact=True, path="/search/?q=data"):
    return TEMPLATE.render(
        {"career": CAREER, "shortlist": listed, "compact": compact, "request": RequestFactory().get(path)}
    )


def _head(path="/search/?q=data"):
    return (
        '<form class="shortlist-form no-print" method="post" action="/shortlist/">\n'
        f'  <input type="hidden" name="csrfmiddlewaretoken" value="{caching.FORM_TOKEN_MARKER}">\n'
        '  <input type="hidden" name="career" value="data-analyst">\n'
        f'  <input type="hidden" name="next" value="{path}">\n  '
    )


def test_a_career_not_listed_gets_a_button_that_adds_it_with_its_title_escaped():
    assert _button() == _head() + (
        '<button class="btn btn-sm btn-outline-primary" type="submit" name="action" value="add">'
        'Shortlist<span class="visually-hidden"> Data &lt;Analyst&gt; &amp; co</span></button>\n  \n</form>\n'
    )


def test_a_listed_career_gets_a_button_that_removes_it_and_outside_lists_a_link_to_the_plan():
    remove = (
        '<span class="badge level me-1">On your shortlist</span><button class="btn btn-sm btn-outline-secondary"'
        ' type="submit" name="action" value="remove">Remove<span class="visually-hidden"> Data &lt;Analyst&gt;'
        " &amp; co</span> from shortlist</button>\n  "
    )
    assert _button(listed=("data-analyst",)) == _head() + remove + "\n  \n</form>\n"
    plan = '<a class="small ms-2" href="/plan/">See your plan</a>'
    assert _button(listed=("data-analyst",), compact=False) == _head() + remove + plan + "\n  \n</form>\n"


def test_a_full_shortlist_says_so_beside_the_button_it_describes():
    full = tuple(f"career-{i}" for i in range(shortlist.MAX_CAREERS))
    html = _button(listed=full, compact=False)
    assert (
        '<button class="btn btn-sm btn-primary" type="submit" name="action" value="add"'
        ' aria-describedby="shortlist-full-data-analyst">' in html
    )
    assert (
        '<span class="small ms-1" id="shortlist-full-data-analyst">'
        f"Your shortlist is full ({shortlist.MAX_CAREERS} careers).</span>" in html
    )


def test_an_address_too_long_to_come_back_to_is_left_out():
    path = "/search/?q=" + "x" * shortlist.MAX_NEXT_LENGTH
    assert '<input type="hidden" name="next" value="">' in _button(path=path)


def test_the_hindi_form_posts_to_the_hindi_address_in_hindi():
    with translation.override("hi"):
        html = _button(listed=("data-analyst",), compact=False)
    assert 'action="/hi/shortlist/"' in html and 'href="/hi/plan/"' in html
    assert "डेटा एनालिस्ट" in html and "On your shortlist" not in html and "See your plan" not in html
