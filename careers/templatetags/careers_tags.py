import json

from django import template
from django.conf import settings
from django.utils import dates
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop, ngettext, pgettext

from careers import caching, comparison, languages, money, shortlist, structured_data
from careers.addresses import address
from careers.search.text import format_html as search_html

register = template.Library()

# ₹5–9 LPA or ₹50 LPA–₹1.2 crore (in the page's language), from two amounts in lakh per annum.
register.simple_tag(money.lpa_range, name="lpa_range")
# 12,34,567: a count grouped the Indian way, in both languages ({{ page.paginator.count|indian_number }}).
register.filter("indian_number", money.indian_number)


@register.filter
def lang_if_english(obj, field):
    """' lang="en-IN"' when ``obj.<field>`` shows its English on a page in another language (it has
    no reviewed translation yet), so screen readers read it as English; otherwise nothing."""
    if languages.shows_english(obj, field):
        return mark_safe(f' lang="{languages.html_lang(settings.LANGUAGE_CODE)}"')
    return ""


@register.simple_tag
def compare_url(*careers, without=None, view="careers:compare"):
    """The address of a comparison (comparison.compare_url) of careers given as careers, slugs or
    lists of either, in order, leaving out ``without``: {% compare_url careers without=c %}."""
    slugs = []
    for item in careers:
        items = [item] if isinstance(item, str) or hasattr(item, "slug") else item
        slugs += [getattr(c, "slug", c) for c in items if without is None or c != without]
    return comparison.compare_url(slugs, view)


@register.simple_tag(takes_context=True)
def shortlist_button(context, career, compact=False):
    """A POST form that adds the career to the visitor's shortlist or takes it off. Cached pages
    carry it: its CSRF field is a marker that PageCacheMiddleware fills in for each visitor.

    Written here rather than by a template: lists carry one per career (a search page 30), and a
    template took most of a search hit's time. Every value is escaped; the translations are the
    messages the template had."""
    request = context.get("request")
    back = request.get_full_path() if request is not None else ""
    listed = career.slug in context.get("shortlist", ())
    full = not listed and len(context.get("shortlist", ())) >= shortlist.MAX_CAREERS
    title = {"title": conditional_escape(career.title)}
    if listed:
        plan_link = (
            ""
            if compact
            else format_html(
                '<a class="small ms-2" href="{}">{}</a>', address("careers:plan"), gettext("See your plan")
            )
        )
        button = format_html(
            '<span class="badge level me-1">{}</span><button class="btn btn-sm btn-outline-secondary" type="submit"'
            ' name="action" value="remove">{}</button>\n  {}\n  ',
            gettext("On your shortlist"),
            mark_safe(gettext('Remove<span class="visually-hidden"> %(title)s</span> from shortlist') % title),
            plan_link,
        )
    else:
        described = format_html(' aria-describedby="shortlist-full-{}"', career.slug) if full else ""
        note = ""
        if full:
            counter = {"counter": localize(shortlist.MAX_CAREERS)}
            note = format_html(
                '<span class="small ms-1" id="shortlist-full-{}">{}</span>',
                career.slug,
                ngettext(
                    "Your shortlist is full (%(counter)s career).",
                    "Your shortlist is full (%(counter)s careers).",
                    shortlist.MAX_CAREERS,
                )
                % counter,
            )
        button = format_html(
            '<button class="btn btn-sm {}" type="submit" name="action" value="add"{}>{}</button>\n  {}',
            "btn-outline-primary" if compact else "btn-primary",
            described,
            mark_safe(pgettext("verb", 'Shortlist<span class="visually-hidden"> %(title)s</span>') % title),
            note,
        )
    return format_html(
        '<form class="shortlist-form no-print" method="post" action="{}">\n'
        '  <input type="hidden" name="csrfmiddlewaretoken" value="{}">\n'
        '  <input type="hidden" name="career" value="{}">\n'
        '  <input type="hidden" name="next" value="{}">\n'
        "  {}\n</form>\n",
        address("careers:shortlist"),
        mark_safe(caching.FORM_TOKEN_MARKER),  # a constant, not content
        career.slug,
        # (a longer address would be refused, shortlist.local_path: not repeated on every button for nothing)
        back if len(back) <= shortlist.MAX_NEXT_LENGTH else "",
        button,
    )


@register.simple_tag(takes_context=True)
def search_hit(context, hit):
    """One career of the search results (a ``search.Hit``): its title and summary with the query's
    words marked, its field, why it matched (or that only its spelling is close) and its shortlist
    form. Written here, like ``shortlist_button``, for the page's 30 hits; every value is escaped
    (the title, summary and reasons are already safe HTML, see ``search.ranking``), by the search's
    own ``format_html`` (the same output, without Django's checks for lazy text: a third of the
    time of writing 30 hits)."""
    if hit.reasons:
        why = search_html(
            '<p class="small mb-0 match-reasons"><span class="visually-hidden">{} </span>{}</p>',
            gettext("Why it matched:"),
            mark_safe(" · ".join(hit.reasons)),  # each reason is safe HTML
        )
    elif not hit.matched:
        title = {"title": conditional_escape(hit.career.title)}
        why = search_html(
            '<p class="small mb-0 match-reasons">{}</p>', mark_safe(gettext("Similar spelling: %(title)s") % title)
        )
    else:
        why = ""
    cluster = search_html(' <span class="small text-body-secondary">· {}</span>', hit.cluster) if hit.cluster else ""
    return search_html(
        '<li>\n  <h3 class="h5 mt-0 mb-1"><a href="{}">{}</a>{}</h3>\n  <p class="mb-1">{}</p>\n  {}\n'
        '  <div class="mt-1">{}</div>\n</li>\n',
        hit.career.get_absolute_url(),
        hit.title_html,
        cluster,
        hit.summary_html,
        why,
        shortlist_button(context, hit.career, compact=True),
    )


# --- Structured data (schema.org JSON-LD) --------------------------------------------------------

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld_script(data):
    """A JSON-LD script element; the JSON is escaped so content can never close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


# Django's own Hindi catalogue misspells three month names (सितमबर, नवमबर, दिसमबर) and shortens
# them all to fragments no reader uses ("मा" for March, the date filter's "M"). Naming the msgids here
# keeps them in our catalogue (locale/hi), which Django reads first, so month_name and the date
# filter print the names Hindi readers write. The English output is unchanged.
CORRECTED_MONTHS = (gettext_noop("September"), gettext_noop("November"), gettext_noop("December"))
# fmt: off
CORRECTED_SHORT_MONTHS = (
    gettext_noop("jan"), gettext_noop("feb"), gettext_noop("mar"), gettext_noop("apr"), gettext_noop("may"),
    gettext_noop("jun"), gettext_noop("jul"), gettext_noop("aug"), gettext_noop("sep"), gettext_noop("oct"),
    gettext_noop("nov"), gettext_noop("dec"),
)
# fmt: on


@register.simple_tag
def month_name(number):
    """The month's name from its number (1-12), in the page's language (Django's own catalogue
    translates the names)."""
    return str(dates.MONTHS.get(number, ""))


@register.inclusion_tag("careers/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *items, current):
    """The visible breadcrumb trail and its BreadcrumbList JSON-LD, from one list."""
    request = context["request"]
    # str(): a name may be a lazy translation (current=_("…")), which JSON cannot hold.
    crumbs = [(str(name), path) for name, path in structured_data.trail(items, current, request.path)]
    return {"crumbs": crumbs, "jsonld": jsonld_script(structured_data.breadcrumbs(crumbs, request.build_absolute_uri))}
