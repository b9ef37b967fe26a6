"""The counselor's plan: a shortlist of careers turned into steps for one student.

For each career: why it fits (the finder's parts, when the student's answers are given), the
route from where the student is now (degrees and their fit, exams in order with their usual
months, first job titles), the next three steps of the learning path, the entry salary band and
the skills to build first. Across careers: an exam calendar. Everything comes from one fetch of
the careers and their plan sections (from the cache, ``section_cache``, or one query per section),
so the query count does not grow with the number of careers.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

import segno
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from . import finder, money, section_cache
from .exams import MONTHS
from .models import STREAMS, Career, Importance, JobTitle, RouteStart, SalaryBand
from .sections import PLAN
from .shortlist import MAX_CAREERS

DEGREES_SHOWN = 4
EXAMS_SHOWN = 5
FIRST_JOBS_SHOWN = 3
NEXT_STEPS = 3
FIRST_SKILLS = 5
FIRST_JOB_LEVELS = (JobTitle.Level.ENTRY, JobTitle.Level.JUNIOR)
STAGE_LABELS = dict(finder.STAGES)
# The order students meet the route's starting points, for "exams still ahead of this student".
ROUTE_ORDER = {value: i for i, value in enumerate(RouteStart.values)}


@dataclass
class DegreeOption:
    name: str
    slug: str
    fit: int
    preferred: bool
    open_to_stream: bool | None  # None: no stream given, or the degree is not entered from a stream
    yours: bool = False


@dataclass
class ExamOption:
    exam: object  # careers.models.Exam
    role: str
    note: str

    @property
    def months(self):
        return [MONTHS[m] for m in self.exam.exam_month_list() if m in MONTHS]


@dataclass
class CareerPlan:
    career: Career
    fit: object = None  # finder.Result when the student's answers are given
    degrees: list = field(default_factory=list)
    more_degrees: int = 0
    exams: list = field(default_factory=list)
    exams_left_out: int = 0  # exams behind the student, or not open to their stream
    first_jobs: list = field(default_factory=list)
    next_steps: list = field(default_factory=list)
    entry_salary: str = ""
    entry_salary_note: str = ""
    first_skills: list = field(default_factory=list)


@dataclass
class CalendarEntry:
    exam: object
    month: int | None
    careers: list  # titles, in plan order

    @property
    def month_name(self):
        return MONTHS.get(self.month, "")


@dataclass
class Plan:
    careers: list  # CareerPlan, in shortlist order
    calendar: list  # CalendarEntry, by usual month; exams with no usual month last
    missing: list  # slugs asked for that are not published careers
    stage: str = ""
    stream: str = ""

    @property
    def student(self):
        """ "In school: class 11 or 12 · PCB stream", for the printed pages' heads."""
        parts = [str(STAGE_LABELS.get(self.stage, gettext("Stage not given")))]
        if self.stream in STREAMS:
            parts.append(gettext("%(stream)s stream") % {"stream": STREAMS[self.stream]})
        return " · ".join(parts)


def build(slugs, profile):
    """The plan of the published careers among ``slugs`` (at most MAX_CAREERS) for a finder.Profile."""
    slugs = list(dict.fromkeys(slugs))[:MAX_CAREERS]
    found = {c.slug: c for c in Career.objects.published().for_display().filter(slug__in=slugs)}
    section_cache.fill(found.values(), PLAN)
    results = {}
    if not profile.is_empty:
        candidates = {c.slug: c for c in finder.cached_candidates().with_slugs(found)}
        strengths, topics = finder.interest_profile(profile.interests), finder.interest_topics(profile.interests)
        results = {s: finder.score_candidate(c, profile, strengths, topics) for s, c in candidates.items()}
    careers = [career_plan(found[s], profile, results.get(s)) for s in slugs if s in found]
    return Plan(
        careers=careers,
        calendar=exam_calendar(careers),
        missing=[s for s in slugs if s not in found],
        stage=profile.stage,
        stream=profile.stream,
    )


def career_plan(career, profile, fit=None):
    plan = CareerPlan(career=career, fit=fit)
    degrees = [_degree_option(row, profile) for row in career.degrees.all()]
    # The student's own degree, then those open from their stream, then the rest; best fit first.
    stream_rank = {True: 0, None: 1, False: 2}
    degrees.sort(key=lambda d: (not d.yours, stream_rank[d.open_to_stream], not d.preferred, -d.fit))
    plan.degrees, plan.more_degrees = degrees[:DEGREES_SHOWN], max(0, len(degrees) - DEGREES_SHOWN)

    ahead = _exam_stages_ahead(profile.stage)
    exams = []
    for row in career.exams.all():
        streams = row.exam.stream_list()
        if row.exam.stage not in ahead or (profile.stream and streams and profile.stream not in streams):
            plan.exams_left_out += 1
            continue
        exams.append(ExamOption(exam=row.exam, role=row.get_role_display(), note=row.note))
    plan.exams_left_out += max(0, len(exams) - EXAMS_SHOWN)
    plan.exams = exams[:EXAMS_SHOWN]

    titles = list(career.job_titles.all())
    plan.first_jobs = [t for t in titles if t.level in FIRST_JOB_LEVELS][:FIRST_JOBS_SHOWN] or titles[:1]
    plan.next_steps = list(career.learning_steps.all())[:NEXT_STEPS]

    entry = [b for b in career.salary_bands.all() if b.level == SalaryBand.Level.ENTRY]
    if entry:
        band = next((b for b in entry if b.region == "Pan-India"), entry[0])
        plan.entry_salary = money.lpa_range(band.min_lpa, band.max_lpa)
        plan.entry_salary_note = gettext("%(label)s, %(region)s") % {"label": band.label, "region": band.region}

    if fit is not None and fit.gaps:
        plan.first_skills = fit.gaps[:FIRST_SKILLS]
    else:
        key = [row.skill.name for row in career.skills.all() if row.importance == Importance.HIGH]
        plan.first_skills = key[:FIRST_SKILLS]
    return plan


def _degree_option(row, profile):
    streams = row.degree.stream_list()
    open_to = (profile.stream in streams) if (profile.stream and streams) else None
    return DegreeOption(
        name=row.degree.name,
        slug=row.degree.slug,
        fit=row.fit_score,
        preferred=row.preferred,
        open_to_stream=open_to,
        yours=profile.degree_id is not None and row.degree_id == profile.degree_id,
    )


def _exam_stages_ahead(stage):
    """The exam stages still ahead of a student at ``stage`` (all of them when it is not given)."""
    nearest = finder.NEXT_EXAMS.get(stage)
    if not nearest:
        return set(RouteStart.values)
    first = min(ROUTE_ORDER[s] for s in nearest)
    return {s for s, i in ROUTE_ORDER.items() if i >= first}


def exam_calendar(careers):
    """Every exam of the plan once, with the careers it serves, sorted by its usual (first) month."""
    entries = {}
    for plan in careers:
        for option in plan.exams:
            entry = entries.get(option.exam.pk)
            if entry is None:
                months = option.exam.exam_month_list()
                entry = entries[option.exam.pk] = CalendarEntry(option.exam, months[0] if months else None, [])
            entry.careers.append(plan.career.title)
    return sorted(entries.values(), key=lambda e: (e.month is None, e.month or 0, e.exam.short_name))


def plan_url(slugs, answers=()):
    """/plan/?careers=a,b&stage=…: the plan's canonical, shareable address (never the notes).

    ``answers`` are the finder's GET parameters as (name, value) pairs, already cleaned."""
    params = [("careers", ",".join(slugs))] if slugs else []
    params += [(name, value) for name, value in answers if value not in ("", None)]
    url = reverse("careers:plan")
    return f"{url}?{urlencode(params, safe=',')}" if params else url


def qr_svg(url):
    """The address as a QR code: an inline SVG element (made by segno; no editor text in it)."""
    svg = segno.make(url, error="m").svg_inline(scale=3, border=2, title=gettext("QR code of this plan's link"))
    return mark_safe(svg)  # segno's markup around an address it encodes as modules, not as text
