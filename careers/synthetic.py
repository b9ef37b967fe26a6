"""Synthetic careers for benchmarks only: ``manage.py synthesize_catalogue --careers N``.

Each synthetic career is a varied copy of a random real, complete, published career (its
template): the same cluster, texts and flags, and every section filled from the template's
rows, with some vocabulary entries swapped for others the real catalogue already uses, fit
scores and salaries moved a little, and the order of the unordered sections shuffled. They use
the real vocabularies (nothing new is added), are published, pass the completeness bar and are
related to 3–5 other synthetic careers made from the same template, so their pages, the
finder, comparisons, browse and search behave as they would with a catalogue that big.

Rows are written with plain ``bulk_create`` (no history records: these rows are never edited)
inside one transaction. Career number ``k`` is built from its own seeded random generator, so
the output depends only on the seed, the real catalogue and the numbers made.
"""

import datetime
import random
import time
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.utils import timezone

from . import changes
from . import models as m
from .catalogue.completeness import is_complete
from .sections import BY_NAME

SECTION_NAMES = list(BY_NAME)

SLUG_PREFIX = "synthetic-career-"
TITLE_PREFIX = "Synthetic Career"
DEFAULT_SEED = 42
BATCH_SIZE = 500  # careers per bulk_create round (their rows go in batches of ROW_BATCH)
ROW_BATCH = 2000
REINDEX_BATCH = 1000

# Sections whose rows are copied as they are, in page order.
ORDERED = ["salary_sources", "exams", "learning_steps", "growth_stages", "job_titles"]
# Sections whose order carries no meaning: copied, then shuffled.
SHUFFLED = ["responsibilities", "projects", "challenges", "faqs"]
# Sections pointing at a vocabulary: (related name, vocabulary field, share of rows swapped).
VOCABULARY_SECTIONS = [
    ("skills", "skill", 0.25),
    ("degrees", "degree", 0.2),
    ("tools", "tool", 0.3),
    ("industries", "industry", 0.3),
]
ROW_FIELDS = {}  # model -> the concrete fields copied from a template row (filled lazily)


def slug_for(number):
    return f"{SLUG_PREFIX}{number:05d}"


def title_for(number):
    return f"{TITLE_PREFIX} {number:05d}"


def synthetic_careers():
    return m.Career.objects.filter(slug__startswith=SLUG_PREFIX)


@dataclass
class Report:
    created: int = 0
    first: int | None = None
    last: int | None = None
    rows: int = 0
    seconds_writing: float = 0.0
    seconds_reindexing: float | None = None  # None: not reindexed
    removed: int = 0
    per_section: dict = field(default_factory=dict)


class NoTemplates(Exception):
    """No real, complete, published career to copy (load the catalogue first)."""


# --- Templates ----------------------------------------------------------------------------


@dataclass
class Template:
    career: m.Career
    rows: dict  # related name -> [rows]
    related: list  # [RelatedCareer] of the real career (for the difference texts)


@dataclass
class Pools:
    """Vocabulary entries the real catalogue uses, by section, that swaps may draw from."""

    skills_high: list
    skills_other: list
    degrees: list
    tools: list
    industries: list


def load_templates():
    """The real careers that synthetic ones copy: published, complete, not synthetic."""
    careers = (
        m.Career.objects.with_all_sections()
        .filter(status=m.Career.Status.PUBLISHED)
        .exclude(slug__startswith=SLUG_PREFIX)
        .order_by("slug")
    )
    templates = []
    for career in careers:
        if not is_complete(career):
            continue
        rows = {name: list(getattr(career, name).all()) for name in SECTION_NAMES if name != "related"}
        templates.append(Template(career, rows, list(career.related.all())))
    if not templates:
        raise NoTemplates("No complete published career to copy: run `manage.py load_catalogue` first.")
    return templates


def vocabulary_pools(templates):
    def ids(section, attr, keep=lambda row: True):
        return sorted({getattr(row, attr) for t in templates for row in t.rows[section] if keep(row)})

    return Pools(
        skills_high=ids("skills", "skill_id", lambda r: r.importance == m.Importance.HIGH),
        skills_other=ids("skills", "skill_id"),
        degrees=ids("degrees", "degree_id"),
        tools=ids("tools", "tool_id"),
        industries=ids("industries", "industry_id"),
    )


# --- Building one career ------------------------------------------------------------------


def _copy(row):
    """An unsaved copy of a section row, without its id and career."""
    model = type(row)
    names = ROW_FIELDS.get(model)
    if names is None:
        names = [f.attname for f in model._meta.concrete_fields if f.name not in ("id", "career")]
        ROW_FIELDS[model] = names
    return model(**{name: getattr(row, name) for name in names})


def _interest_code(rng, code):
    if len(code) == 3 and rng.random() < 0.3:
        return code[0] + code[2] + code[1]  # same letters, second and third swapped
    return code


def _swap_vocabulary(rng, rows, attr, share, pool_for):
    """Replace about ``share`` of the rows' vocabulary entries with others from the pool."""
    used = {getattr(row, attr) for row in rows}
    for row in rows:
        if rng.random() >= share:
            continue
        choices = [pk for pk in pool_for(row) if pk not in used]
        if not choices:
            continue
        new = rng.choice(choices)
        used.discard(getattr(row, attr))
        used.add(new)
        setattr(row, attr, new)


def _money(value, factor):
    return (Decimal(value) * factor).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def build_career(number, template, pools, rng, today):
    """An unsaved career and {related name: [unsaved rows]} made from ``template``."""
    source = template.career
    career = m.Career(
        title=title_for(number),
        slug=slug_for(number),
        cluster_id=source.cluster_id,
        status=m.Career.Status.PUBLISHED,
        last_reviewed=today - datetime.timedelta(days=rng.randrange(0, 300)),
        summary=source.summary,
        overview=source.overview,
        focus_areas=source.focus_areas,
        fits=source.fits,
        not_for=source.not_for,
        interest_code=_interest_code(rng, source.interest_code),
        nco_code=source.nco_code,
        isco_code=source.isco_code,
        job_ready_months_min=source.job_ready_months_min,
        job_ready_months_max=source.job_ready_months_max,
        study_years=source.study_years,
        involves_coding=source.involves_coding,
        shift_work=source.shift_work,
        fieldwork=source.fieldwork,
        salary_overview=source.salary_overview,
        salary_higher_pay=source.salary_higher_pay,
        salary_remote=source.salary_remote,
    )
    rows = {}
    for name in ORDERED:
        rows[name] = [_copy(r) for r in template.rows[name]]
    for name in SHUFFLED:
        rows[name] = [_copy(r) for r in template.rows[name]]
        rng.shuffle(rows[name])

    # Salaries: every band of the career moved by the same factor, so entry stays below senior.
    factor = Decimal(rng.randrange(80, 126)) / 100
    rows["salary_bands"] = []
    for band in template.rows["salary_bands"]:
        band = _copy(band)
        band.min_lpa, band.max_lpa = _money(band.min_lpa, factor), _money(band.max_lpa, factor)
        rows["salary_bands"].append(band)

    pool = {
        "skills": lambda row: pools.skills_high if row.importance == m.Importance.HIGH else pools.skills_other,
        "degrees": lambda row: pools.degrees,
        "tools": lambda row: pools.tools,
        "industries": lambda row: pools.industries,
    }
    for name, vocabulary, share in VOCABULARY_SECTIONS:
        copies = [_copy(r) for r in template.rows[name]]
        _swap_vocabulary(rng, copies, f"{vocabulary}_id", share, pool[name])
        if name in ("tools", "industries"):
            rng.shuffle(copies)
        rows[name] = copies
    for row in rows["degrees"]:
        row.fit_score = max(0, min(100, row.fit_score + rng.randint(-10, 10)))

    for section_rows in rows.values():
        for order, row in enumerate(section_rows, start=1):
            row.order = order
    return career, rows


# --- Writing ------------------------------------------------------------------------------


def next_number():
    numbers = [
        int(s[len(SLUG_PREFIX) :]) for s in synthetic_careers().values_list("slug", flat=True) if s[-1:].isdigit()
    ]
    return max(numbers, default=0) + 1


def synthesize(count, *, seed=DEFAULT_SEED, reindex=True, log=None):
    """Add ``count`` synthetic careers (numbered after any already there). Returns a Report."""
    log = log or (lambda message: None)
    report = Report()
    if count <= 0:
        return report
    templates = load_templates()
    pools = vocabulary_pools(templates)
    today = timezone.localdate()
    start = next_number()
    numbers = list(range(start, start + count))
    report.first, report.last = numbers[0], numbers[-1]
    began = time.monotonic()
    made = {}  # number -> (career id, template index)
    with transaction.atomic():
        for offset in range(0, count, BATCH_SIZE):
            batch = numbers[offset : offset + BATCH_SIZE]
            built = []
            for number in batch:
                rng = random.Random(f"{seed}:{number}")
                index = rng.randrange(len(templates))
                career, rows = build_career(number, templates[index], pools, rng, today)
                built.append((number, index, career, rows))
            careers = m.Career.objects.bulk_create([career for _n, _i, career, _r in built], batch_size=BATCH_SIZE)
            if any(c.pk is None for c in careers):  # databases that cannot return ids from bulk inserts
                ids = dict(synthetic_careers().filter(slug__in=[c.slug for c in careers]).values_list("slug", "pk"))
                for c in careers:
                    c.pk = ids[c.slug]
            by_model = {}
            for number, index, career, rows in built:
                made[number] = (career.pk, index)
                for name, section_rows in rows.items():
                    for row in section_rows:
                        row.career_id = career.pk
                    by_model.setdefault(name, []).extend(section_rows)
            for name, section_rows in by_model.items():
                m.Career._meta.get_field(name).related_model.objects.bulk_create(section_rows, batch_size=ROW_BATCH)
                report.per_section[name] = report.per_section.get(name, 0) + len(section_rows)
                report.rows += len(section_rows)
            log(f"  {offset + len(batch)}/{count} careers written")
        related = _related_rows(made, templates, seed)
        m.RelatedCareer.objects.bulk_create(related, batch_size=ROW_BATCH)
        report.per_section["related"] = len(related)
        report.rows += len(related)
    report.created = count
    report.seconds_writing = time.monotonic() - began
    if reindex:
        began = time.monotonic()
        ids = [pk for pk, _index in made.values()]
        for offset in range(0, len(ids), REINDEX_BATCH):
            with transaction.atomic():  # one commit per batch, not one per career
                changes.touched(ids[offset : offset + REINDEX_BATCH], stamp=False)
        report.seconds_reindexing = time.monotonic() - began
        log(f"  search index refreshed for {len(ids)} careers")
    return report


def _related_rows(made, templates, seed):
    """3–5 related careers for each new career: others made from the same template first, then
    any new career, then real ones (only when fewer than four were made)."""
    by_template = {}
    for pk, index in made.values():
        by_template.setdefault(index, []).append(pk)
    everyone = [pk for pk, _index in made.values()]
    real = [t.career.pk for t in templates]
    rows = []
    for number, (pk, index) in made.items():
        rng = random.Random(f"{seed}:{number}:related")
        template = templates[index]
        differences = [r.difference for r in template.related] or [template.career.summary]
        wanted = max(3, min(5, len(template.related)))
        chosen = []
        for pool in (by_template[index], everyone, real):
            candidates = [c for c in pool if c != pk and c not in chosen]
            take = min(wanted - len(chosen), len(candidates))
            chosen.extend(rng.sample(candidates, take))
            if len(chosen) >= wanted:
                break
        for order, target in enumerate(chosen, start=1):
            rows.append(
                m.RelatedCareer(
                    career_id=pk, related_id=target, order=order, difference=differences[(order - 1) % len(differences)]
                )
            )
    return rows


def clear():
    """Delete every synthetic career and its rows (plain SQL deletes: no per-row signals or history).
    Returns how many careers were removed."""
    career_table = m.Career._meta.db_table
    quote = connection.ops.quote_name
    synthetic = f"SELECT id FROM {quote(career_table)} WHERE slug LIKE %s"
    pattern = SLUG_PREFIX + "%"  # the prefix has no LIKE wildcards (_ or %)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(career_table)} WHERE slug LIKE %s", [pattern])
        removed = cursor.fetchone()[0]
        if not removed:
            return 0
        related = m.RelatedCareer._meta.db_table
        cursor.execute(
            f"DELETE FROM {quote(related)} WHERE career_id IN ({synthetic}) OR related_id IN ({synthetic})",
            [pattern, pattern],
        )
        for name in SECTION_NAMES:
            if name == "related":
                continue
            table = m.Career._meta.get_field(name).related_model._meta.db_table
            cursor.execute(f"DELETE FROM {quote(table)} WHERE career_id IN ({synthetic})", [pattern])
        cursor.execute(f"DELETE FROM {quote(career_table)} WHERE slug LIKE %s", [pattern])
    return removed
