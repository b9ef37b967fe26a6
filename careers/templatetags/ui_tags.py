"""Presentation helpers for the design system: they only arrange data a view already fetched."""

import math

from django import template

from careers import money

register = template.Library()


@register.simple_tag
def salary_chart(bands):
    """Bars for a career's salary bands on one scale from 0: {"scale": top, "rows": [...]}.

    The scale's top is the highest maximum rounded up to a multiple of 5, so the axis reads
    cleanly; each row has the band and its bar's left edge and width in percent of the axis.
    """
    bands = list(bands)
    highest = max((float(b.max_lpa) for b in bands), default=0)
    top = max(5, math.ceil(highest / 5) * 5)
    rows = []
    for band in bands:
        left, width = money.bar(band.min_lpa, band.max_lpa, top)
        rows.append({"band": band, "left": left, "width": width})
    return {"scale": top, "rows": rows}


@register.filter
def short_label(text):
    """'Investigative (analysing, researching)' -> 'Investigative': a label without its gloss."""
    return str(text).split(" (", 1)[0]


@register.simple_tag
def checklist(field):
    """A long grouped checkbox list (the finder's skills) as Bootstrap's form-check rows, written
    in one pass: crispy-forms renders a template per checkbox, which for ~300 skills took most of
    the home and finder pages' time. The markup is the one crispy-forms wrote before (ids
    ``id_<name>_<group>_<n>``, a ``strong`` heading per group)."""
    from django.utils.html import format_html, format_html_join

    name, chosen = field.html_name, {str(v) for v in (field.value() or ())}
    invalid = " is-invalid" if field.errors else ""
    parts = []
    for g, (group, options) in enumerate(field.field.choices):
        parts.append(format_html("<strong>{}</strong>", group))
        parts.append(
            format_html_join(
                "",
                '<div class="form-check"><input type="checkbox" class="form-check-input{}" name="{}" value="{}" '
                'id="id_{}_{}_{}"{}> <label for="id_{}_{}_{}" class="form-check-label">{}</label></div>',
                (
                    (invalid, name, value, name, g, i, " checked" if str(value) in chosen else "", name, g, i, text)
                    for i, (value, text) in enumerate(options)
                ),
            )
        )
    return format_html("<div>{}</div>", format_html_join("", "{}", ((p,) for p in parts)))
