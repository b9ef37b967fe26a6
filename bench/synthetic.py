"""Synthetic careers for benchmarks only: ``manage.py synthesize_catalogue --careers N``.

Each synthetic career is a varied copy of a random real, complete, published career (its
template): the same cluster, texts and flags, and every section of ``careers.sections`` filled
from the template's rows. Sections that show a vocabulary entry have some entries swapped for
others the real catalogue already uses in that section (except exams, which belong to the route the
template describes); sections whose order carries no meaning (``ordered=False``) are shuffled;
salaries move by one factor per career and fit scores a little. They use the real vocabularies
(nothing new is added), are published, pass the completeness bar and are related to 3–5 other
synthetic careers made from the same template (the section pointing at careers is built last), so
their pages, the finder, comparisons, browse and search behave as they would with a catalogue that
big.

Rows are written with plain ``bulk_create`` (no history records: these rows are never edited)
inside one transaction; search is refreshed through ``careers.changes.touched``. Career number
``k`` is built from its own seeded random generator, so the output depends only on the seed, the
real catalogue and the numbers made.
"""

import datetime
import random
import time
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.utils import timezone

from careers import changes
from careers import models as m
from careers.catalogue.completeness import is_complete
from careers.sections import SECTIONS

SLUG_PREFIX = "synthetic-career-"
TITLE_PREFIX = "Synthetic Career"
DEFAULT_SEED = 42
BATCH_SIZE = 500  # careers per bulk_create round (their rows go in batches of ROW_BATCH)
ROW_BATCH = 2000
REINDEX_BATCH = 1000

# The section whose rows point at other careers: made last, among the new careers.
RELATED = next(s for s in SECTIONS if s.vocabulary_model is m.Career)
# Every other section is copied from the template.
COPIED = tuple(s for s in SECTIONS if s is not RELATED)
KEPT_VOCABULARIES = {"exam"}  # never swapped: an exam belongs to the route the template describes
SWAPPED = tuple(s for s in COPIED if s.vocabulary and s.vocabulary not in KEPT_VOCABULARIES)
SWAP_SHARE = 0.25  # of a swapped section's rows
MONEY_FIELDS = ("min_lpa", "max_lpa")  # moved by one factor per career (so entry stays below senior)
FIT_FIELD, FIT_STEP = "fit_score", 10  # moved by up to FIT_STEP, within 0–100
# The career's own fields a synthetic career sets itself; every other editable field is the template's.
# A synthetic career's own fields (the rest is its template's). Its title has no Hindi (the
# template's would name another career) and it carries no translation document of its own.
OWN_FIELDS = ("title", "title_en", "title_hi", "slug", "status", "last_reviewed", "interest_code", "translation_hi")
COPIED_FIELDS = {}  # (model, skipped) -> the fields a copy takes over (filled lazily)


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
    rows: dict  # section name -> [rows], for every section


def load_templates():
    """The real careers that synthetic ones copy: published, complete, not synthetic."""
    careers = m.Career.objects.published().with_all_sections().exclude(slug__startswith=SLUG_PREFIX).order_by("slug")
    templates = [
        Template(career, {s.name: list(getattr(career, s.name).all()) for s in SECTIONS})
        for career in careers
        if is_complete(career)
    ]
    if not templates:
        raise NoTemplates("No complete published career to copy: run `manage.py load_catalogue` first.")
    return templates


def _high(row):
    """Whether a row counts most (a skill of high importance): it swaps only among entries that count
    most somewhere, so the finder's list of such skills stays the real catalogue's."""
    return getattr(row, "importance", None) == m.Importance.HIGH


def vocabulary_pools(templates):
    """{section name: {high?: sorted ids}}: the entries a swapped row may draw from (every entry the
    section uses for any row, and those used by a row that counts most for a row that does)."""
    pools = {}
    for section in SWAPPED:
        attr = f"{section.vocabulary}_id"
        rows = [row for t in templates for row in t.rows[section.name]]
        pools[section.name] = {
            False: sorted({getattr(row, attr) for row in rows}),
            True: sorted({getattr(row, attr) for row in rows if _high(row)}),
        }
    return pools


# --- Building one career ------------------------------------------------------------------


def _copy(instance, skip=("career",)):
    """An unsaved copy of a section row (or a career), without its id and the fields in ``skip``."""
    model = type(instance)
    names = COPIED_FIELDS.get((model, skip))
    if names is None:
        fields = model._meta.concrete_fields
        names = [f.attname for f in fields if f.editable and not f.primary_key and f.name not in skip]
        COPIED_FIELDS[(model, skip)] = names
    return model(**{name: getattr(instance, name) for name in names})


def _interest_code(rng, code):
    if len(code) == 3 and rng.random() < 0.3:
        return code[0] + code[2] + code[1]  # same letters, second and third swapped
    return code


def _swap_vocabulary(rng, rows, attr, pool):
    """Replace about SWAP_SHARE of the rows' vocabulary entries with others from the pool."""
    used = {getattr(row, attr) for row in rows}
    for row in rows:
        if rng.random() >= SWAP_SHARE:
            continue
        choices = [pk for pk in pool[_high(row)] if pk not in used]
        if not choices:
            continue
        new = rng.choice(choices)
        used.discard(getattr(row, attr))
        used.add(new)
        setattr(row, attr, new)


def _vary(rng, rows, factor):
    for row in rows:
        for name in MONEY_FIELDS:
            if hasattr(row, name):
                value = (Decimal(getattr(row, name)) * factor).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
                setattr(row, name, value)
        if hasattr(row, FIT_FIELD):
            setattr(row, FIT_FIELD, max(0, min(100, getattr(row, FIT_FIELD) + rng.randint(-FIT_STEP, FIT_STEP))))


def build_career(number, template, pools, rng, today):
    """An unsaved career and {section name: [unsaved rows]} (all but RELATED) made from ``template``."""
    career = _copy(template.career, skip=OWN_FIELDS)
    career.title, career.slug = title_for(number), slug_for(number)
    career.status = m.Career.Status.PUBLISHED
    career.last_reviewed = today - datetime.timedelta(days=rng.randrange(0, 300))
    career.interest_code = _interest_code(rng, template.career.interest_code)
    factor = Decimal(rng.randrange(80, 126)) / 100
    rows = {}
    for section in COPIED:
        copies = [_copy(r) for r in template.rows[section.name]]
        if section in SWAPPED:
            _swap_vocabulary(rng, copies, f"{section.vocabulary}_id", pools[section.name])
        if not section.ordered:
            rng.shuffle(copies)
        _vary(rng, copies, factor)
        for order, row in enumerate(copies, start=1):
            row.order = order
        rows[section.name] = copies
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
            by_section = {}
            for number, index, career, rows in built:
                made[number] = (career.pk, index)
                for name, section_rows in rows.items():
                    for row in section_rows:
                        row.career_id = career.pk
                    by_section.setdefault(name, []).extend(section_rows)
            for section in COPIED:
                _write(report, section, by_section.get(section.name, []))
            log(f"  {offset + len(batch)}/{count} careers written")
        _write(report, RELATED, _related_rows(made, templates, seed))
    report.created = count
    report.seconds_writing = time.monotonic() - began
    _refresh_statistics()
    if reindex:
        began = time.monotonic()
        ids = [pk for pk, _index in made.values()]
        for offset in range(0, len(ids), REINDEX_BATCH):
            with transaction.atomic():  # one commit per batch, not one per career
                changes.touched(ids[offset : offset + REINDEX_BATCH], stamp=False)
        report.seconds_reindexing = time.monotonic() - began
        log(f"  search index refreshed for {len(ids)} careers")
    _vacuum()
    return report


def _refresh_statistics():
    """ANALYZE on PostgreSQL after the bulk insert, as autovacuum would within a minute or so: with
    the statistics of the small catalogue the planner picks nested loops that take seconds."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _vacuum():
    """VACUUM ANALYZE on PostgreSQL at the end, as autovacuum would after a bulk load: until the
    visibility map is set, index-only scans (the reverse pages' listing indexes) read the table's
    rows after all (measured: 141 ms instead of 16 ms for the most-listed skill at 15,000 careers).
    Not possible inside a transaction (tests): ANALYZE has been run then."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _write(report, section, rows):
    section.model.objects.bulk_create(rows, batch_size=ROW_BATCH)
    report.per_section[section.name] = report.per_section.get(section.name, 0) + len(rows)
    report.rows += len(rows)


def _related_rows(made, templates, seed):
    """3–5 related careers for each new career: others made from the same template first, then
    any new career, then real ones (only when fewer than four were made). Each row copies one of
    the template's own (its difference text), in turn."""
    by_template = {}
    for pk, index in made.values():
        by_template.setdefault(index, []).append(pk)
    everyone = [pk for pk, _index in made.values()]
    real = [t.career.pk for t in templates]
    target_attr = f"{RELATED.vocabulary}_id"
    rows = []
    for number, (pk, index) in made.items():
        rng = random.Random(f"{seed}:{number}:related")
        template = templates[index]
        own = template.rows[RELATED.name] or [RELATED.model(difference=template.career.summary)]
        wanted = max(3, min(5, len(template.rows[RELATED.name])))
        chosen = []
        for pool in (by_template[index], everyone, real):
            candidates = [c for c in pool if c != pk and c not in chosen]
            take = min(wanted - len(chosen), len(candidates))
            chosen.extend(rng.sample(candidates, take))
            if len(chosen) >= wanted:
                break
        for order, target in enumerate(chosen, start=1):
            row = _copy(own[(order - 1) % len(own)])
            row.career_id, row.order = pk, order
            setattr(row, target_attr, target)
            rows.append(row)
    return rows


def clear():
    """Delete every synthetic career and its rows (plain SQL deletes: no per-row signals or history).
    Returns how many careers were removed."""
    quote = connection.ops.quote_name
    career_table = quote(m.Career._meta.db_table)
    synthetic = f"SELECT id FROM {career_table} WHERE slug LIKE %s"
    pattern = SLUG_PREFIX + "%"  # the prefix has no LIKE wildcards (_ or %)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {career_table} WHERE slug LIKE %s", [pattern])
        removed = cursor.fetchone()[0]
        if not removed:
            return 0
        for section in SECTIONS:
            meta = section.model._meta
            columns = [meta.get_field("career").column]
            if section is RELATED:  # rows of real careers pointing at synthetic ones go too
                columns.append(meta.get_field(section.vocabulary).column)
            where = " OR ".join(f"{quote(column)} IN ({synthetic})" for column in columns)
            cursor.execute(f"DELETE FROM {quote(meta.db_table)} WHERE {where}", [pattern] * len(columns))
        names = quote(m.SearchName._meta.db_table)  # search's names, one row per title or job title
        cursor.execute(f"DELETE FROM {names} WHERE career_id IN ({synthetic})", [pattern])
        cursor.execute(f"DELETE FROM {career_table} WHERE slug LIKE %s", [pattern])
    return removed
