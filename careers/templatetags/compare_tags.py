"""The comparison table's matrix rows (skills, degrees, industries), written in one pass.

A comparison of four careers has a hundred or more such rows with a cell per career; in the
template language they were most of the page's rendering time. Every value is escaped.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

register = template.Library()

EMPTY = '<span class="text-body-secondary">—</span>'


def _skill(cell):
    return (
        f'<span class="badge importance-{escape(cell.importance)}">{escape(cell.get_importance_display())}</span> '
        f'<span class="small">{escape(cell.get_level_display())}</span>'
    )


def _degree(cell):
    if not cell.preferred:
        return str(cell.fit_score)
    label = escape(gettext("preferred"))  # (outside the f-string, where makemessages finds it)
    return f'{cell.fit_score} <span class="small">({label})</span>'


def _industry(cell):
    return (
        f'<span class="badge strength-{escape(cell.hiring_strength)}">'
        f"{escape(cell.get_hiring_strength_display())}</span>"
    )


CELLS = {"skills": _skill, "degrees": _degree, "industries": _industry}


def _shared(row):
    """The mark of a row more than one career has: ● for the eye, words for screen readers."""
    if row.count < 2:
        return ""
    words = ngettext("Shared by %(counter)s career:", "Shared by %(counter)s careers:", row.count) % {
        "counter": row.count
    }
    return f'<span aria-hidden="true">●</span><span class="visually-hidden">{escape(words)}</span> '


@register.simple_tag
def matrix_rows(rows, kind):
    """``<tr>`` per row of ``comparison.skills`` / ``education`` / ``industries`` (``kind``: skills,
    degrees, industries): the row's name (skills shared by several careers marked), then a cell per
    career, a dash where the career does not have it."""
    cell_html = CELLS[kind]
    out = []
    for row in rows:
        mark = _shared(row) if kind == "skills" else ""
        cells = "".join(f"<td>{EMPTY if cell is None else cell_html(cell)}</td>" for cell in row.cells)
        out.append(f'<tr><th scope="row">{mark}{escape(row.label)}</th>\n      {cells}</tr>\n')
    return mark_safe("".join(out))  # (every value above is escaped)
