"""Entrance and recruitment exams: the list (grouped by purpose, filtered by stream and level),
and one exam's page (search finds exams in careers/search/groups.py)."""

from django.db.models import Count
from django.utils.dates import MONTHS as DJANGO_MONTHS

from .browse import listed_rows
from .caching import per_version
from .models import SLUG_RE, STREAMS, Career, CareerExam, Exam

# Month names in the page's language (Django's own translations): {1: "January", …}.
MONTHS = dict(DJANGO_MONTHS)


def month_names(numbers):
    return ", ".join(str(MONTHS[n]) for n in numbers if n in MONTHS)


def exam_list(stream="", level=""):
    """(groups, filters): [(purpose label, [exams])] in the order of Exam.Purpose, 1 query (none
    while the catalogue version's list is cached).

    Unknown filter values are ignored (the form shows what was applied)."""
    exams = per_version("exam-list", _every_exam)
    applied = {"stream": "", "level": ""}
    if stream in STREAMS:
        # Exams open to the stream, and those that any stream may sit.
        exams = [e for e in exams if not e.streams or stream in e.streams]
        applied["stream"] = stream
    if level in Exam.Level.values:
        exams = [e for e in exams if e.level == level]
        applied["level"] = level
    by_purpose = {value: [] for value in Exam.Purpose.values}
    for exam in exams:
        by_purpose[exam.purpose].append(exam)
    groups = [(Exam.Purpose(value).label, exams) for value, exams in by_purpose.items() if exams]
    return groups, applied


def _every_exam():
    """Every exam with the number of published careers that list it, by short name. Kept per
    catalogue version: counting the careers' exam rows is most of the page's query at 5,000 careers
    (14,000 rows), and the version moves with every change to an exam or a career."""
    return list(
        Exam.objects.annotate(
            career_count=Count("career_exams", filter=Career.published_q("career_exams__career__"), distinct=True)
        ).order_by("short_name")
    )


def exam_page(slug):
    """The exam with its sources, degrees and related exams (4 queries), or None. The careers it
    leads to are paged apart: ``exam_careers``."""
    if not SLUG_RE.fullmatch(slug or ""):
        return None
    return Exam.objects.prefetch_related("sources", "degrees", "related").filter(slug=slug).first()


def exam_careers(exam):
    """The published careers' rows that list the exam, by career title (unevaluated)."""
    return (
        listed_rows(CareerExam, "career__slug", "career__title")
        .filter(Career.published_q("career__"), exam=exam)
        .order_by("career__title")
    )
