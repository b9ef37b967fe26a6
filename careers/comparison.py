"""Building side-by-side comparisons of 2–4 careers, and the transition view from one to another.

Everything here works on careers with their comparison's sections (``select_careers``): one query
for the careers, and their sections' rows from the cache (``section_cache``), or one query per
section for the careers it lacks; so a comparison costs the same fixed number of queries for 2
careers as for 4.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.translation import gettext

from . import money, section_cache
from .exams import MONTHS
from .models import SLUG_RE, Career, Importance, SalaryBand, pair_slug  # noqa: F401 (pair_slug is part of this API)
from .sections import COMPARISON

MIN_CAREERS = 2
MAX_CAREERS = 4
MAX_RAW_LENGTH = 1000
PICKER_MATCHES = 10  # careers offered for a picker's text (its results without JavaScript, its suggestions with)
PICKER_MAX_TEXT = 100
IMPORTANCE_RANK = {Importance.HIGH: 0, Importance.MEDIUM_HIGH: 1, Importance.MEDIUM: 2, Importance.LOW: 3}
LEVELS = [SalaryBand.Level.ENTRY, SalaryBand.Level.MID, SalaryBand.Level.SENIOR]


@dataclass
class Selection:
    """The careers asked for, cleaned: known published slugs in the order given, and messages."""

    slugs: list = field(default_factory=list)
    messages: list = field(default_factory=list)


def parse_slugs(raw, extra=None):
    """Comma-separated slugs from a query string -> Selection (no database access). ``raw`` may
    also be a list of such strings (``careers=a&careers=b``, as a form of checkboxes sends them)."""
    if isinstance(raw, (list, tuple)):
        raw = ",".join(v for v in raw if isinstance(v, str))
    raw = (raw or "")[:MAX_RAW_LENGTH]
    items = [s.strip().lower() for s in raw.split(",")]
    if extra:
        items.append(extra.strip().lower()[:200])
    selection = Selection()
    malformed = []
    for item in items:
        if not item:
            continue
        if not SLUG_RE.fullmatch(item) or len(item) > 120:
            malformed.append(item[:40])
        elif item not in selection.slugs:
            selection.slugs.append(item)
    if malformed:
        selection.messages.append(gettext("Not a career name: %(names)s.") % {"names": ", ".join(malformed)})
    return selection


def compare_url(slugs, view="careers:compare"):
    """/compare/?careers=a,b,c: the shareable address of a comparison (the page alone when there
    are no slugs). ``view="careers:compare-csv"`` gives the comparison's CSV download."""
    slugs = list(slugs)
    if not slugs:
        return reverse(view)
    return f"{reverse(view)}?{urlencode({'careers': ','.join(slugs)}, safe=',')}"


def select_careers(selection):
    """(careers, messages): the published careers of a selection, in its order, and the
    selection's messages followed by what was dropped and why. The selection is left as it was."""
    wanted = selection.slugs
    found = {c.slug: c for c in Career.objects.published().for_display().filter(slug__in=wanted[: MAX_CAREERS * 3])}
    messages = list(selection.messages)
    unknown = [s for s in wanted if s not in found]
    if unknown:
        messages.append(gettext("No published career called: %(names)s.") % {"names": ", ".join(unknown)})
    careers = [found[s] for s in wanted if s in found]
    if len(careers) > MAX_CAREERS:
        dropped = [c.title for c in careers[MAX_CAREERS:]]
        messages.append(
            gettext("A comparison has at most %(max)s careers; left out: %(names)s.")
            % {"max": MAX_CAREERS, "names": ", ".join(dropped)}
        )
        careers = careers[:MAX_CAREERS]
    section_cache.fill(careers, COMPARISON)
    return careers, messages


def picker_matches(text, exclude=(), limit=PICKER_MATCHES):
    """Published careers whose title contains ``text`` (titles that start with it first, then by
    title), leaving out the slugs in ``exclude``: at most ``limit`` (1 query; none for blank text)."""
    text = " ".join((text or "").split())[:PICKER_MAX_TEXT]
    if not text:
        return []
    starts = Case(When(title__istartswith=text, then=Value(0)), default=Value(1), output_field=IntegerField())
    qs = Career.objects.published().filter(title__icontains=text).exclude(slug__in=list(exclude)[:MAX_CAREERS])
    return list(qs.annotate(starts=starts).order_by("starts", "title").only("slug", "title")[:limit])


@dataclass
class Row:
    """One line of a matrix: a label, one cell per career, and how many careers have it."""

    label: str
    slug: str
    cells: list
    count: int


def _matrix(careers, section, vocabulary, strength):
    """Rows of ``section`` (a related name) keyed by their ``vocabulary`` entry, one cell per career
    (the row itself, or None); sorted by how many careers have it, then by the best
    ``strength(row)`` (lower is stronger), then by name."""
    index = {}
    for position, career in enumerate(careers):
        for row in getattr(career, section).all():
            entry = getattr(row, vocabulary)
            cells = index.setdefault(entry.slug, (entry.name, [None] * len(careers)))[1]
            cells[position] = row
    rows = [Row(name, slug, cells, sum(1 for c in cells if c is not None)) for slug, (name, cells) in index.items()]
    rows.sort(key=lambda r: (-r.count, min(strength(c) for c in r.cells if c is not None), r.label))
    return rows


def skills_matrix(careers):
    """Every skill of any career as a row; cells (importance, level); most-shared first."""
    return _matrix(careers, "skills", "skill", lambda r: IMPORTANCE_RANK.get(r.importance, 9))


def education_matrix(careers):
    """Degrees x careers with fit scores; degrees most careers accept first, then best fit."""
    return _matrix(careers, "degrees", "degree", lambda r: -r.fit_score)


def industries_matrix(careers):
    """Industries x careers with hiring strength; most-shared first, then strongest hiring."""
    return _matrix(careers, "industries", "industry", lambda r: IMPORTANCE_RANK.get(r.hiring_strength, 9))


@dataclass
class SalaryCell:
    career: Career
    band: SalaryBand | None  # None: no estimate at this level
    left: float = 0  # percent of the chart's width
    width: float = 0


def salary_rows(careers):
    """[(level label, [SalaryCell per career])] on one scale for the chart."""
    bands = {}
    for position, career in enumerate(careers):
        for band in career.salary_bands.all():
            bands.setdefault((band.level, position), band)  # the first band of a level (page order)
    top = max((float(b.max_lpa) for b in bands.values()), default=0) or 1
    rows = []
    for level in LEVELS:
        cells = []
        for position, career in enumerate(careers):
            band = bands.get((level, position))
            if band is None:
                cells.append(SalaryCell(career, None))
            else:
                cells.append(SalaryCell(career, band, *money.bar(band.min_lpa, band.max_lpa, top)))
        if any(cell.band for cell in cells):
            rows.append((SalaryBand.Level(level).label, cells))
    return rows, top


@dataclass
class Comparison:
    careers: list
    salary: list
    salary_scale: float
    skills: list
    education: list
    industries: list

    @property
    def pair(self):
        return len(self.careers) == 2


def build_comparison(careers):
    salary, scale = salary_rows(careers)
    return Comparison(
        careers=careers,
        salary=salary,
        salary_scale=scale,
        skills=skills_matrix(careers),
        education=education_matrix(careers),
        industries=industries_matrix(careers),
    )


def split_pair(pair):
    parts = pair.split("-vs-")
    if len(parts) != 2 or not all(SLUG_RE.fullmatch(p) for p in parts) or parts[0] == parts[1]:
        return None
    return parts[0], parts[1]


def csv_rows(comparison):
    """The comparison as rows for a CSV download (a spreadsheet a counselor can keep)."""
    careers = comparison.careers
    yield ["", *[c.title for c in careers]]
    yield [gettext("Summary"), *[c.summary for c in careers]]
    yield [gettext("Cluster"), *[c.cluster.name if c.cluster else "" for c in careers]]
    yield [gettext("Interest profile (RIASEC)"), *[c.interest_code for c in careers]]
    for level, cells in comparison.salary:
        yield [gettext("Salary, %(level)s (₹ LPA, estimated)") % {"level": level}, *[_band(cell) for cell in cells]]
    yield [gettext("Study after class 12 (years)"), *[c.study_years or "" for c in careers]]
    yield [gettext("Preparation time (months)"), *[_months(c) for c in careers]]
    yield [gettext("Exams on the way"), *["; ".join(_exam(row) for row in c.exams.all()) for c in careers]]
    yield [gettext("Learning path steps"), *[len(c.learning_steps.all()) for c in careers]]
    for row in comparison.skills:
        yield [
            gettext("Skill: %(name)s") % {"name": row.label},
            *[f"{c.get_importance_display()}, {c.get_level_display()}" if c else "" for c in row.cells],
        ]
    for row in comparison.education:
        yield [
            gettext("Degree: %(name)s") % {"name": row.label},
            *[f"{c.fit_score}/100" if c else "" for c in row.cells],
        ]
    for row in comparison.industries:
        yield [
            gettext("Industry: %(name)s") % {"name": row.label},
            *[c.get_hiring_strength_display() if c else "" for c in row.cells],
        ]
    yield [
        gettext("Growth"),
        *["; ".join(f"{g.stage} ({g.years_label})" for g in c.growth_stages.all()) for c in careers],
    ]
    yield [gettext("Job titles"), *["; ".join(j.title for j in c.job_titles.all()) for c in careers]]
    yield [gettext("Challenges"), *["; ".join(ch.title for ch in c.challenges.all()) for c in careers]]
    yield [gettext("Not ideal for"), *[c.not_for for c in careers]]


def _band(cell):
    return "" if cell.band is None else f"{cell.band.min_lpa:g}-{cell.band.max_lpa:g}"


def _exam(row):
    """NEET-UG (Required, usually May): one exam on the way, as a CSV cell reads it."""
    month = MONTHS.get(row.exam.first_exam_month)
    if month:
        return gettext("%(exam)s (%(role)s, usually %(month)s)") % {
            "exam": row.exam.short_name,
            "role": row.get_role_display(),
            "month": month,
        }
    return f"{row.exam.short_name} ({row.get_role_display()})"


def _months(career):
    if career.job_ready_months_min is None:
        return ""
    return f"{career.job_ready_months_min}-{career.job_ready_months_max}"


# --- Transition: from career A to career B ------------------------------------------------------


@dataclass
class Transition:
    source: Career
    target: Career
    shared_skills: list  # B's rows for skills A already uses
    skills_to_add: list  # B's rows for skills A does not use, most important first
    shared_degrees: list  # (degree, fit in A, fit in B)
    steps: list  # B's learning steps that mention a skill to add (all of B's steps when none does)
    steps_name_gaps: bool  # True: the steps shown are those naming a skill to add; False: no step does


GENERIC_WORDS = {
    "and",
    "of",
    "the",
    "basics",
    "skills",
    "management",
    "engineering",
    "practices",
    "development",
    "analysis",
    "design",
    "platforms",
    "programming",
    "data",
    "model",
    "models",
    "modeling",
    "modelling",
    "communication",
    "tools",
    "systems",
    "working",
    "knowledge",
}


def _mentions(text, name):
    """Does a learning step's text name a skill? The whole name, or one of its telling words."""
    text = text.lower()
    if name.lower() in text:
        return True
    words = [w for w in re.findall(r"[a-z0-9+#/]+", name.lower()) if w not in GENERIC_WORDS and len(w) >= 3]
    return any(re.search(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])", text) for w in words)


def build_transition(source, target):
    have = {row.skill_id for row in source.skills.all()}
    shared = [row for row in target.skills.all() if row.skill_id in have]
    to_add = sorted(
        (row for row in target.skills.all() if row.skill_id not in have),
        key=lambda r: (IMPORTANCE_RANK.get(r.importance, 9), r.order),
    )
    source_fit = {row.degree_id: row.fit_score for row in source.degrees.all()}
    shared_degrees = [
        (row.degree, source_fit[row.degree_id], row.fit_score)
        for row in target.degrees.all()
        if row.degree_id in source_fit
    ]
    steps = [
        step
        for step in target.learning_steps.all()
        if any(_mentions(f"{step.title} {step.goal} {step.task}", row.skill.name) for row in to_add)
    ]
    return Transition(
        source=source,
        target=target,
        shared_skills=shared,
        skills_to_add=to_add,
        shared_degrees=shared_degrees,
        steps=steps or list(target.learning_steps.all()),
        steps_name_gaps=bool(steps),
    )
