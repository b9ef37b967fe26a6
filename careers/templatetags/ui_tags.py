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
