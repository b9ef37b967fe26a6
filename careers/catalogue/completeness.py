"""The catalogue's completeness bar: what every published career must have.

Works on careers fetched with ``Career.objects.with_all_sections()`` (everything prefetched), so
a report over the whole catalogue costs a fixed number of queries. The row minimums are the
sections' declared ``minimum``; a few sections have a rule of their own on top.
"""

from dataclasses import dataclass

from django.apps import apps as installed_apps

from ..models import Career, Importance, SalaryBand
from ..sections import BY_NAME, SECTIONS


@dataclass(frozen=True)
class Check:
    section: str
    ok: bool
    detail: str


def _count(section, rows, minimum, noun):
    n = len(rows)
    return Check(section, n >= minimum, f"{n} {noun} (needs {minimum})")


def _text(career):
    missing = [
        label
        for attr, label in [
            ("summary", "summary"),
            ("overview", "overview"),
            ("focus_areas", "focus areas"),
            ("fits", "who it fits"),
            ("not_for", "who it is not for"),
            ("interest_code", "interest profile"),
        ]
        if not getattr(career, attr).strip()
    ]
    return Check("overview", not missing, "missing " + ", ".join(missing) if missing else "all texts present")


def _salary(career):
    bands = list(career.salary_bands.all())
    levels = {b.level for b in bands}
    problems = []
    if len(bands) < 2:
        problems.append(f"{len(bands)} bands (needs 2)")
    if SalaryBand.Level.ENTRY not in levels:
        problems.append("no entry band")
    if not levels & {SalaryBand.Level.MID, SalaryBand.Level.SENIOR}:
        problems.append("no mid or senior band")
    if any(not b.note.strip() for b in bands):
        problems.append("a band without a note")
    entry = [b for b in bands if b.level == SalaryBand.Level.ENTRY]
    top = [b for b in bands if b.level == SalaryBand.Level.SENIOR] or [
        b for b in bands if b.level == SalaryBand.Level.MID
    ]
    if (
        entry
        and top
        and (
            max(b.min_lpa for b in entry) > max(b.min_lpa for b in top)
            or max(b.max_lpa for b in entry) > max(b.max_lpa for b in top)
        )
    ):
        problems.append("the entry band is above the experienced band")
    return Check("salary", not problems, "; ".join(problems) or f"{len(bands)} bands")


def _skills(career, section):
    skills = list(career.skills.all())
    high = sum(1 for s in skills if s.importance == Importance.HIGH)
    ok = len(skills) >= section.minimum and high >= 4
    return Check("skills", ok, f"{len(skills)} skills, {high} of high importance (needs {section.minimum} and 4)")


def _job_titles(career, section):
    titles = list(career.job_titles.all())
    levels = {t.level for t in titles}
    return Check(
        section.check_name,
        len(titles) >= section.minimum and len(levels) >= 3,
        f"{len(titles)} titles across {len(levels)} levels (needs {section.minimum} across 3)",
    )


def _related(career, section):
    # (status compared, not ``is_published``: the migration that fills the stored flag runs this on
    # its historical models, which have fields but no methods)
    published = [r for r in career.related.all() if r.related.status == Career.Status.PUBLISHED]
    return Check(
        section.check_name,
        len(published) >= section.minimum,
        f"{len(published)} published related careers (needs {section.minimum})",
    )


def _exams(career, section):
    """The exams on the usual routes are listed, or an FAQ says why there is none."""
    exams = list(career.exams.all())
    if exams:
        return Check(section.check_name, True, f"{len(exams)} exams")
    explained = any("exam" in f"{faq.question} {faq.answer}".lower() for faq in career.faqs.all())
    detail = "no exams; an FAQ explains" if explained else "no exams listed and no FAQ says why"
    return Check(section.check_name, explained, detail)


# Sections whose check is more than a count of rows.
SPECIAL = {
    "salary_bands": lambda c, s: _salary(c),
    "skills": _skills,
    "exams": _exams,
    "job_titles": _job_titles,
    "related": _related,
}
# The page shows related careers after job titles; the report lists them last, as it always has.
REPORT_ORDER = [s for s in SECTIONS if s.name != "related"] + [BY_NAME["related"]]


def _reviewed(career):
    return Check(
        "last reviewed",
        career.last_reviewed is not None,
        f"{career.last_reviewed:%d %b %Y}" if career.last_reviewed else "no last-reviewed date",
    )


def check_career(career):
    """Every check of the bar for one career."""
    checks = [_text(career)]
    for section in REPORT_ORDER:
        if section.name in SPECIAL:
            checks.append(SPECIAL[section.name](career, section))
        elif section.minimum:
            checks.append(
                _count(section.check_name, getattr(career, section.name).all(), section.minimum, section.noun)
            )
    checks.append(_reviewed(career))
    return checks


def is_complete(career):
    return all(check.ok for check in check_career(career))


REFRESH_BATCH = 500


def refresh(career_ids, apps=installed_apps):
    """Store ``complete`` and ``falls_short`` for these careers, and for the careers that list one of
    them as related where that changes their bar (how many of their related careers are published);
    the number of careers whose stored result changed. Called by the write hook (careers/changes.py)
    once the careers' changes are committed, and by migration 0009 with its historical ``apps``.
    One query per section the bar reads per 500 careers; writes with ``bulk_update`` (no signals, no
    history, ``updated`` kept)."""
    career_model = apps.get_model("careers", "Career")
    ids = set(career_ids)
    if not ids:
        return 0
    ids |= _related_bar_moved(apps, ids)
    lookups = [s.name for s in SECTIONS if s.minimum or s.name in SPECIAL or s.name == "faqs"]
    lookups = [*lookups, "related__related"] if "related" in lookups else lookups
    ordered, changed = sorted(ids), []
    for offset in range(0, len(ordered), REFRESH_BATCH):
        chunk = career_model.objects.filter(pk__in=ordered[offset : offset + REFRESH_BATCH])
        for career in chunk.prefetch_related(*lookups):
            short = [check.section for check in check_career(career) if not check.ok]
            if career.falls_short != short or career.complete != (not short):
                career.falls_short, career.complete = short, not short
                changed.append(career)
    career_model.objects.bulk_update(changed, ["complete", "falls_short"], batch_size=REFRESH_BATCH)
    return len(changed)


def _related_bar_moved(apps, ids):
    """Careers outside ``ids`` that list one of them as related and whose stored "related" check no
    longer holds (2 queries): a related career was published, archived or deleted."""
    from django.db.models import Count

    related_model = apps.get_model("careers", "RelatedCareer")
    section = BY_NAME["related"]
    listing = set(related_model.objects.filter(related_id__in=ids).values_list("career_id", flat=True)) - ids
    if not listing:
        return set()
    published = dict(
        related_model.objects.filter(career_id__in=listing, related__status=Career.Status.PUBLISHED)
        .values("career_id")
        .annotate(n=Count("id"))
        .values_list("career_id", "n")
    )
    stored = apps.get_model("careers", "Career").objects.filter(pk__in=listing).values_list("pk", "falls_short")
    # Stored as short on it but now enough, or stored as fine but now too few.
    return {pk for pk, short in stored if (published.get(pk, 0) >= section.minimum) == (section.check_name in short)}


def one_way_relations(careers):
    """(a, b) pairs where a lists b as related but b does not list a (b's page still links
    back, through its "also related" list, but the difference is only written from a's side)."""
    pairs = {(c.slug, r.related.slug) for c in careers for r in c.related.all()}
    return sorted((a, b) for a, b in pairs if (b, a) not in pairs)
