"""Presentation helpers for the design system: they only arrange data a view already fetched."""

import math

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

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


def _chosen(field):
    value = field.value()
    values = value if isinstance(value, (list, tuple)) else ([] if value in (None, "") else [value])
    return {str(v) for v in values}


@register.simple_tag
def checklist(field, groups=None):
    """A grouped checkbox list (the finder's skills: up to a few hundred), written in one pass:
    crispy-forms renders a template per checkbox, which took most of the finder pages' time. Each box
    sits inside a plain label (no ids to pair them, no class per row: site.css lays them out as
    Bootstrap's form-check; half the bytes of crispy's markup); a ``strong`` heading per group.
    ``groups``: [(heading, [(value, label)])], by default the widget's choices (those it shows,
    which may be fewer than the field accepts). Values and labels are escaped."""
    name, chosen = escape(field.html_name), _chosen(field)
    invalid = " is-invalid" if field.errors else ""
    out = ["<div>"]
    for group, options in field.field.widget.choices if groups is None else groups:
        out.append(f"<strong>{escape(group)}</strong>")
        for value, text in options:
            checked = " checked" if str(value) in chosen else ""
            out.append(
                f'<label><input type="checkbox" class="form-check-input{invalid}" name="{name}" '
                f'value="{escape(value)}"{checked}> {escape(text)}</label>'
            )
    out.append("</div>")
    return mark_safe("".join(out))  # (every value above is escaped)


def _option(value, text, chosen):
    selected = " selected" if str(value) in chosen else ""
    return f'<option value="{escape(value)}"{selected}>{escape(text)}</option>'


@register.simple_tag
def options(pairs, selected=None):
    """``<option>`` elements for (value, label) pairs in one pass, ``selected`` marked: for long
    vocabulary lists (browse's skills), where the template language is slow. Everything is escaped."""
    chosen = {str(selected)} if selected not in (None, "") else set()
    return mark_safe("".join(_option(value, text, chosen) for value, text in pairs))  # (escaped above)


@register.simple_tag
def select_options(field):
    """A select's options (with optgroups) in one pass, the selected one marked: for long lists
    such as the finder's degrees, where a template per option is slow. Values and labels are escaped."""
    chosen = _chosen(field)
    out = []
    for value, text in field.field.choices:
        if isinstance(text, (list, tuple)):
            out.append(f'<optgroup label="{escape(value)}">')
            out.extend(_option(v, t, chosen) for v, t in text)
            out.append("</optgroup>")
        else:
            out.append(_option(value, text, chosen))
    return mark_safe("".join(out))  # (every value above is escaped)
