"""Loading the catalogue from ``fixtures/`` and exporting it back.

The document format is described in ``fixtures/README.md``. One function turns a career (saved,
or built in memory from a document) into the document form; the loader compares digests of
that form to tell apart "the document changed" from "staff edited the career in the admin":

* ``LoadedDocument.digest`` is the digest of what the loader last wrote;
* if the database's current form no longer has that digest, staff changed it, and the loader
  leaves it alone unless ``overwrite_edited`` is set.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from . import models as m
from . import search

CHANGE_REASON = "load_catalogue"


class ContentError(Exception):
    """One or more problems in the fixture documents; each names a file and a field."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


# --- Field conversions: document value <-> model value --------------------------------------


def _number(value):
    """Decimal from the database or the document -> int or float for the document."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _to_decimal(value):
    if isinstance(value, bool):
        raise ValueError("must be a number")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError("must be a number") from None


def _to_text(value):
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise ValueError("must be text")
    return str(value).strip()


def _to_bool(value):
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _to_int(value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number")
    return value


@dataclass
class Field:
    key: str  # in the document
    attr: str  # on the model
    to_model: callable = _to_text
    to_doc: callable = str
    vocabulary: type | None = None  # a foreign key to this vocabulary, by slug
    required: bool = True


@dataclass
class Section:
    key: str  # dotted path in the document, e.g. "salary.bands"
    model: type
    related_name: str
    fields: list = field(default_factory=list)
    unique: str | None = None  # document key that may not repeat within the section

    def read(self, row):
        out = {}
        for f in self.fields:
            if f.attr is None:  # read by the section's own code (growth titles and years)
                continue
            value = getattr(row, f.attr)
            if f.vocabulary is not None:
                value = value.slug
            elif value is None:
                out[f.key] = None
                continue
            else:
                value = f.to_doc(value)
            if value == "" and not f.required:
                continue
            out[f.key] = value
        return out


SECTIONS = [
    Section(
        "salary.bands",
        m.SalaryBand,
        "salary_bands",
        [
            Field("region", "region"),
            Field("level", "level"),
            Field("label", "label"),
            Field("min", "min_lpa", _to_decimal, _number),
            Field("max", "max_lpa", _to_decimal, _number),
            Field("note", "note"),
        ],
    ),
    Section(
        "salary.sources",
        m.SalarySource,
        "salary_sources",
        [
            Field("title", "title"),
            Field("published", "published", required=False),
            Field("url", "url", required=False),
        ],
    ),
    Section(
        "skills",
        m.CareerSkill,
        "skills",
        [
            Field("skill", "skill", vocabulary=m.Skill),
            Field("importance", "importance"),
            Field("level", "level"),
            Field("used_for", "used_for"),
        ],
        unique="skill",
    ),
    Section(
        "degrees",
        m.CareerDegree,
        "degrees",
        [
            Field("degree", "degree", vocabulary=m.Degree),
            Field("fit", "fit_score", _to_int, int),
            Field("preferred", "preferred", _to_bool, bool),
            Field("reason", "reason"),
        ],
        unique="degree",
    ),
    Section(
        "learning_path",
        m.LearningStep,
        "learning_steps",
        [
            Field("title", "title"),
            Field("goal", "goal"),
            Field("task", "task"),
            Field("output", "output"),
        ],
    ),
    Section(
        "responsibilities",
        m.Responsibility,
        "responsibilities",
        [
            Field("title", "title"),
            Field("deliverable", "deliverable"),
            Field("frequency", "frequency"),
        ],
    ),
    Section(
        "tools",
        m.CareerTool,
        "tools",
        [
            Field("tool", "tool", vocabulary=m.Tool),
            Field("used_for", "used_for"),
        ],
        unique="tool",
    ),
    Section(
        "job_titles",
        m.JobTitle,
        "job_titles",
        [
            Field("title", "title"),
            Field("level", "level"),
            Field("note", "note"),
        ],
        unique="title",
    ),
    Section(
        "growth",
        m.GrowthStage,
        "growth_stages",
        [
            Field("stage", "stage"),
            Field("titles", None),
            Field("years", None),
        ],
    ),
    Section(
        "industries",
        m.CareerIndustry,
        "industries",
        [
            Field("industry", "industry", vocabulary=m.Industry),
            Field("hiring", "hiring_strength"),
        ],
        unique="industry",
    ),
    Section(
        "projects",
        m.ProjectIdea,
        "projects",
        [
            Field("title", "title"),
            Field("type", "project_type"),
            Field("description", "description"),
            Field("proof", "proof_output"),
        ],
    ),
    Section(
        "challenges",
        m.Challenge,
        "challenges",
        [
            Field("title", "title"),
            Field("description", "description"),
        ],
    ),
    Section("faqs", m.FAQ, "faqs", [Field("question", "question"), Field("answer", "answer")]),
]
RELATED_KEY = "related"

CAREER_FIELDS = [
    Field("title", "title"),
    Field("cluster", "cluster", vocabulary=m.Cluster),
    Field("status", "status"),
    Field("last_reviewed", "last_reviewed"),
    Field("interest_code", "interest_code"),
    Field("nco_code", "nco_code", required=False),
    Field("isco_code", "isco_code", required=False),
    Field("summary", "summary"),
    Field("overview", "overview"),
    Field("focus_areas", "focus_areas"),
    Field("fits", "fits"),
    Field("not_for", "not_for"),
]
SALARY_TEXT = [("overview", "salary_overview"), ("higher_pay", "salary_higher_pay"), ("remote", "salary_remote")]
WORK_FLAGS = [("coding", "involves_coding"), ("shift_work", "shift_work"), ("fieldwork", "fieldwork")]
CAREER_KEYS = (
    {f.key for f in CAREER_FIELDS}
    | {"salary", "job_ready_months", "study_years", "work", RELATED_KEY}
    | {s.key for s in SECTIONS if "." not in s.key}
)


def _streams_to_model(value):
    if isinstance(value, list):
        return ",".join(str(v).strip() for v in value)
    return _to_text(value)


def _streams_to_doc(value):
    return [s.strip() for s in value.split(",") if s.strip()]


VOCABULARIES = {
    # kind: (model, location under fixtures/vocabulary, {document key: Field for the model})
    "cluster": (m.Cluster, "clusters.yaml", {"order": Field("order", "order", _to_int, int, required=False)}),
    "skill": (m.Skill, "skills", {"type": Field("type", "skill_type")}),
    "degree": (
        m.Degree,
        "degrees",
        {
            "level": Field("level", "level"),
            "streams": Field("streams", "streams", _streams_to_model, _streams_to_doc, required=False),
        },
    ),
    "tool": (m.Tool, "tools", {}),
    "industry": (m.Industry, "industries", {}),
}


# --- Export: model -> document --------------------------------------------------------------


def vocabulary_entry(obj, kind):
    extra = VOCABULARIES[kind][2]
    entry = {"slug": obj.slug, "name": obj.name}
    for key, f in extra.items():
        value = f.to_doc(getattr(obj, f.attr))
        if value or f.required or value == 0:
            entry[key] = value
    if obj.description:
        entry["description"] = obj.description
    return entry


def career_document(career, rows=None, related=None):
    """The document form of a career.

    ``rows`` maps a section's related_name to its rows and ``related`` lists
    ``(slug, title, difference)``; both default to reading the career's prefetched relations
    (use ``careers_for_export()`` to avoid a query per section).
    """
    doc = {}
    for f in CAREER_FIELDS:
        value = getattr(career, f.attr)
        if f.vocabulary is not None:
            value = value.slug if value is not None else None
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        doc[f.key] = value
    if career.job_ready_months_min is not None or career.job_ready_months_max is not None:
        doc["job_ready_months"] = [career.job_ready_months_min, career.job_ready_months_max]
    if career.study_years is not None:
        doc["study_years"] = career.study_years
    doc["work"] = {key: getattr(career, attr) for key, attr in WORK_FLAGS}
    salary = {key: getattr(career, attr) for key, attr in SALARY_TEXT}
    for section in SECTIONS:
        section_rows = rows[section.related_name] if rows is not None else getattr(career, section.related_name).all()
        items = [_section_item(section, row) for row in section_rows]
        if section.key.startswith("salary."):
            salary[section.key.split(".", 1)[1]] = items
        else:
            doc[section.key] = items
    doc["salary"] = salary
    if related is None:
        related = [(r.related.slug, r.related.title, r.difference) for r in career.related.all()]
    doc[RELATED_KEY] = [{"career": s, "title": t, "difference": d} for s, t, d in related]
    return doc


def _section_item(section, row):
    item = section.read(row)
    if section.model is m.GrowthStage:
        item["titles"] = row.title_list()
        item["years"] = [row.years_from, row.years_to]
    return item


def careers_for_export():
    """Every career with all its sections prefetched (one query per section)."""
    return m.Career.objects.select_related("cluster").prefetch_related(*m.section_prefetches(m.PAGE_SECTIONS))


def digest(document):
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


# --- Reading the folder ---------------------------------------------------------------------


def _read_yaml(path, problems):
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{path}: cannot be read as YAML: {exc}")
        return None


def _vocabulary_files(root, location):
    path = root / "vocabulary" / location
    if path.suffix == ".yaml":
        return [path] if path.exists() else []
    return sorted(path.glob("*.yaml")) if path.is_dir() else []


def read_vocabularies(root, problems):
    """{kind: {slug: (entry, file)}} from every vocabulary file, with duplicate slugs flagged."""
    found = {}
    for kind, (_model, location, extra) in VOCABULARIES.items():
        entries = {}
        for path in _vocabulary_files(root, location):
            data = _read_yaml(path, problems)
            if data is None:
                continue
            if not isinstance(data, list):
                problems.append(f"{path}: must be a list of entries")
                continue
            for i, entry in enumerate(data):
                where = f"{path}: [{i}]"
                if not isinstance(entry, dict) or not entry.get("slug") or not entry.get("name"):
                    problems.append(f"{where}: each entry needs a slug and a name")
                    continue
                unknown = set(entry) - {"slug", "name", "description"} - set(extra)
                if unknown:
                    problems.append(f"{where}: unknown keys {', '.join(sorted(unknown))}")
                slug = str(entry["slug"])
                if slug in entries:
                    problems.append(f"{where}: {kind} slug {slug!r} is already defined in {entries[slug][1]}")
                    continue
                entries[slug] = (entry, path)
        found[kind] = entries
    return found


def read_careers(root, problems, only=None):
    """[(path, document)] for every career file (or just the slugs in ``only``)."""
    out = []
    for path in sorted((root / "careers").glob("*.yaml")):
        if only and path.stem not in only:
            continue
        doc = _read_yaml(path, problems)
        if doc is None:
            continue
        if not isinstance(doc, dict):
            problems.append(f"{path}: must be a mapping of sections")
            continue
        out.append((path, doc))
    if only:
        missing = set(only) - {p.stem for p, _ in out}
        for slug in sorted(missing):
            problems.append(f"{root / 'careers' / slug}.yaml: no such career document")
    return out


# --- Building models from a document (validation happens here) ------------------------------


def _errors_of(exc):
    if hasattr(exc, "message_dict"):
        return [(k, " ".join(v)) for k, v in exc.message_dict.items()]
    return [(None, " ".join(exc.messages))]


class CareerBuilder:
    """Turns one career document into unsaved model instances, collecting problems."""

    def __init__(self, path, doc, vocab, problems):
        self.path, self.doc, self.vocab, self.problems = path, doc, vocab, problems
        self.slug = slugify(str(doc.get("title", "")))

    def problem(self, where, message):
        self.problems.append(f"{self.path}: {where}: {message}")

    def _lookup(self, model, slug, where):
        obj = self.vocab[model].get(str(slug))
        if obj is None:
            self.problem(where, f"unknown {model._meta.verbose_name} {slug!r} (define it under fixtures/vocabulary/)")
        return obj

    def _convert(self, f, raw, where, target):
        if raw is None or raw == "":
            if f.required:
                self.problem(where, "is required")
            elif f.vocabulary is None:
                setattr(target, f.attr, "")
            return
        if f.vocabulary is not None:
            obj = self._lookup(f.vocabulary, raw, where)
            if obj is not None:
                setattr(target, f.attr, obj)
            return
        try:
            setattr(target, f.attr, f.to_model(raw))
        except ValueError as exc:
            self.problem(where, str(exc))

    def _clean(self, obj, where, exclude):
        try:
            obj.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as exc:
            for field_name, message in _errors_of(exc):
                self.problem(f"{where}.{field_name}" if field_name else where, message)

    def career(self, existing):
        doc = self.doc
        if not self.slug:
            self.problem("title", "is required")
            return None
        if self.path.stem != self.slug:
            self.problem("title", f"the file must be named {self.slug}.yaml after the title")
        for key in sorted(set(doc) - CAREER_KEYS):
            self.problem(key, "unknown section (see fixtures/README.md)")
        career = existing or m.Career(slug=self.slug)
        for f in CAREER_FIELDS:
            raw = doc.get(f.key)
            if f.attr == "last_reviewed":
                if isinstance(raw, str):
                    try:
                        raw = datetime.date.fromisoformat(raw)
                    except ValueError:
                        self.problem(f.key, "must be a date, YYYY-MM-DD")
                        continue
                if raw is not None and not isinstance(raw, datetime.date):
                    self.problem(f.key, "must be a date, YYYY-MM-DD")
                    continue
                career.last_reviewed = raw
                continue
            if f.attr in ("nco_code", "isco_code", "interest_code") and isinstance(raw, int):
                raw = str(raw)
            self._convert(f, raw, f.key, career)
        months = doc.get("job_ready_months")
        career.job_ready_months_min = career.job_ready_months_max = None
        if months is not None:
            if not (isinstance(months, list) and len(months) == 2 and all(isinstance(x, int) for x in months)):
                self.problem("job_ready_months", "must be [min, max] in whole months")
            else:
                career.job_ready_months_min, career.job_ready_months_max = months
        study_years = doc.get("study_years")
        if study_years is not None and (isinstance(study_years, bool) or not isinstance(study_years, int)):
            self.problem("study_years", "must be a whole number of years")
            study_years = None
        career.study_years = study_years
        work = doc.get("work") or {}
        if not isinstance(work, dict):
            self.problem("work", "must be a mapping of coding, shift_work, fieldwork to true/false")
            work = {}
        for key in sorted(set(work) - {k for k, _ in WORK_FLAGS}):
            self.problem(f"work.{key}", "unknown key")
        for key, attr in WORK_FLAGS:
            value = work.get(key, False)
            if not isinstance(value, bool):
                self.problem(f"work.{key}", "must be true or false")
                value = False
            setattr(career, attr, value)
        salary = doc.get("salary") or {}
        if not isinstance(salary, dict):
            self.problem("salary", "must be a mapping with overview, bands and sources")
            salary = {}
        for key in sorted(set(salary) - {k for k, _ in SALARY_TEXT} - {"bands", "sources"}):
            self.problem(f"salary.{key}", "unknown key")
        for key, attr in SALARY_TEXT:
            try:
                setattr(career, attr, _to_text(salary.get(key)))
            except ValueError as exc:
                self.problem(f"salary.{key}", str(exc))
        self._clean(career, "career", exclude=["cluster", "slug", "title"])
        return career

    def _items(self, key):
        if "." in key:
            parent, child = key.split(".", 1)
            container = self.doc.get(parent) or {}
            items = container.get(child) if isinstance(container, dict) else None
        else:
            items = self.doc.get(key)
        if items is None:
            return []
        if not isinstance(items, list):
            self.problem(key, "must be a list")
            return []
        return items

    def rows(self):
        """{related_name: [unsaved rows]} for every section."""
        out = {}
        for section in SECTIONS:
            rows, seen = [], set()
            allowed = {f.key for f in section.fields}
            for i, item in enumerate(self._items(section.key), start=1):
                where = f"{section.key}[{i}]"
                if not isinstance(item, dict):
                    self.problem(where, "must be a mapping")
                    continue
                for key in sorted(set(item) - allowed):
                    self.problem(f"{where}.{key}", "unknown key")
                row = section.model(order=i)
                for f in section.fields:
                    if f.attr is None:
                        continue
                    self._convert(f, item.get(f.key), f"{where}.{f.key}", row)
                if section.model is m.GrowthStage:
                    self._growth(item, row, where)
                if section.unique:
                    value = item.get(section.unique)
                    if value in seen:
                        self.problem(f"{where}.{section.unique}", f"{value!r} appears twice in {section.key}")
                    seen.add(value)
                vocab_attrs = [f.attr for f in section.fields if f.vocabulary is not None]
                self._clean(row, where, exclude=["career", *vocab_attrs])
                rows.append(row)
            out[section.related_name] = rows
        return out

    def _growth(self, item, row, where):
        titles = item.get("titles")
        if not isinstance(titles, list) or not titles:
            self.problem(f"{where}.titles", "must be a list of role titles")
        else:
            row.titles = ", ".join(str(t).strip() for t in titles)
        years = item.get("years")
        if not (
            isinstance(years, list)
            and len(years) == 2
            and isinstance(years[0], int)
            and (years[1] is None or isinstance(years[1], int))
        ):
            self.problem(f"{where}.years", "must be [from, to] in whole years (to may be null)")
        else:
            row.years_from, row.years_to = years

    def related(self):
        """[(slug, title, difference)] with the document's problems reported."""
        out, seen = [], set()
        for i, item in enumerate(self._items(RELATED_KEY), start=1):
            where = f"{RELATED_KEY}[{i}]"
            if not isinstance(item, dict) or not item.get("career") or not item.get("difference"):
                self.problem(where, "needs career (a slug), title and difference")
                continue
            slug = str(item["career"])
            if slug == self.slug:
                self.problem(f"{where}.career", "a career cannot be related to itself")
                continue
            if slug in seen:
                self.problem(f"{where}.career", f"{slug!r} appears twice")
                continue
            seen.add(slug)
            title = _to_text(item.get("title")) or slug.replace("-", " ").title()
            out.append((slug, title, _to_text(item["difference"])))
        return out


# --- Loading --------------------------------------------------------------------------------


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # edited in the admin, kept
    stubs: list = field(default_factory=list)  # related careers without a document yet

    def lines(self):
        out = []
        for label, items in [
            ("created", self.created),
            ("updated", self.updated),
            ("unchanged", self.unchanged),
            ("kept staff edits (use --overwrite-edited to replace)", self.skipped),
            ("draft placeholders for related careers without a document", self.stubs),
        ]:
            if items:
                out.append(f"{label}: {len(items)}")
                if label != "unchanged":
                    out.extend(f"  - {item}" for item in items)
        return out or ["nothing to load"]


class _Rollback(Exception):
    pass


def load_catalogue(root, *, dry_run=False, overwrite_edited=False, only=None):
    """Load ``root`` (the fixtures folder) into the database, atomically. Returns a LoadReport.

    Raises ContentError, with every problem found, if any document is invalid; then nothing is
    written. With ``dry_run`` the work is done and rolled back, so the report says what would
    happen.
    """
    root = Path(root)
    report = LoadReport()
    try:
        with transaction.atomic():
            _load(root, report, overwrite_edited, only)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


def _load(root, report, overwrite_edited, only):
    problems = []
    vocab_docs = read_vocabularies(root, problems)
    career_docs = read_careers(root, problems, only)
    if problems:
        raise ContentError(problems)

    loaded = {(d.kind, d.key): d for d in m.LoadedDocument.objects.all()}

    def decide(kind, key, current, wanted):
        """'create', 'update', 'unchanged' or 'skip' for one entry."""
        if current is None:
            return "create"
        if current == wanted:
            return "unchanged"
        record = loaded.get((kind, key))
        if (record is None or record.digest != current) and not overwrite_edited:
            return "skip"
        return "update"

    def remember(kind, key, document):
        record = loaded.get((kind, key)) or m.LoadedDocument(kind=kind, key=key)
        record.digest = digest(document)
        record.save()
        loaded[(kind, key)] = record

    # Vocabularies first: careers refer to them.
    vocab = {}
    for kind, (model, _location, extra) in VOCABULARIES.items():
        existing = {obj.slug: obj for obj in model.objects.all()}
        for slug, (entry, path) in vocab_docs[kind].items():
            obj = existing.get(slug) or model(slug=slug)
            current = digest(vocabulary_entry(obj, kind)) if obj.pk else None
            obj.name = _to_text(entry["name"])
            obj.description = _to_text(entry.get("description"))
            for key, f in extra.items():
                raw = entry.get(key)
                try:
                    value = f.to_model(raw) if raw is not None else model._meta.get_field(f.attr).get_default()
                except ValueError as exc:
                    problems.append(f"{path}: {slug}.{key}: {exc}")
                    continue
                setattr(obj, f.attr, value)
            wanted = vocabulary_entry(obj, kind)
            action = decide(kind, slug, current, digest(wanted))
            if action == "skip":
                report.skipped.append(f"{kind} {slug} ({path.name})")
                obj.refresh_from_db()
            else:
                try:
                    obj.full_clean(validate_unique=False)
                except ValidationError as exc:
                    problems.extend(f"{path}: {slug}.{k or ''}: {msg}" for k, msg in _errors_of(exc))
                    continue
                if action in ("create", "update"):
                    obj._change_reason = CHANGE_REASON
                    obj.save()
                    getattr(report, "created" if action == "create" else "updated").append(f"{kind} {slug}")
                remember(kind, slug, wanted)
            existing[slug] = obj
        vocab[model] = existing
    if problems:
        raise ContentError(problems)

    # Careers: build and validate everything before writing any of it.
    current_careers = {c.slug: c for c in careers_for_export()}
    titles = {}
    plans = []
    for path, doc in career_docs:
        builder = CareerBuilder(path, doc, vocab, problems)
        existing = current_careers.get(builder.slug)
        before = digest(career_document(existing)) if existing else None
        career = builder.career(existing)
        if career is None:
            continue
        if career.title in titles:
            builder.problem("title", f"{career.title!r} is also the title of {titles[career.title]}")
        titles[career.title] = path.name
        rows = builder.rows()
        related = builder.related()
        plans.append((builder.slug, path, career, before, rows, related))
    if problems:
        raise ContentError(problems)
    to_write = []
    for slug, path, career, before, rows, related in plans:
        wanted = career_document(career, rows, related)
        action = decide("career", slug, before, digest(wanted))
        if action == "skip":
            report.skipped.append(f"career {slug} ({path.name})")
        elif action == "unchanged":
            report.unchanged.append(slug)
            remember("career", slug, wanted)
        else:
            to_write.append((career, rows, related, wanted))
            (report.created if action == "create" else report.updated).append(f"career {slug}")
    # Save every career before any relation, so related careers point at saved rows.
    for career, rows, _related, _wanted in to_write:
        _write_sections(career, rows)
        current_careers[career.slug] = career
    for career, _rows, related, wanted in to_write:
        _write_related(career, related, current_careers, report, remember)
        remember("career", career.slug, wanted)
    # Cheap, and covers vocabulary renames (they change what careers are found by) and fresh columns.
    # It also invalidates the page cache (bulk writes send no signals).
    search.reindex()


def _write_sections(career, rows):
    career._change_reason = CHANGE_REASON
    career.save()
    for section in SECTIONS:
        section.model.objects.filter(career=career).delete()
        for row in rows[section.related_name]:
            row.career = career
        bulk_create_with_history(rows[section.related_name], section.model, default_change_reason=CHANGE_REASON)


def _write_related(career, related, current_careers, report, remember):
    m.RelatedCareer.objects.filter(career=career).delete()
    related_rows = []
    for order, (slug, title, difference) in enumerate(related, start=1):
        target = current_careers.get(slug) or m.Career.objects.filter(slug=slug).first()
        if target is None:
            # A related career without a document yet: a draft placeholder, never linked publicly.
            target = m.Career(slug=slug, title=title, status=m.Career.Status.DRAFT)
            target._change_reason = CHANGE_REASON
            target.save()
            report.stubs.append(f"{slug} (related from {career.slug})")
            remember("career", slug, career_document(target, _empty_rows(), []))
            current_careers[slug] = target
        related_rows.append(m.RelatedCareer(career=career, related=target, order=order, difference=difference))
    bulk_create_with_history(related_rows, m.RelatedCareer, default_change_reason=CHANGE_REASON)


def _empty_rows():
    return {section.related_name: [] for section in SECTIONS}


# --- Export and import ----------------------------------------------------------------------

DOCUMENT_ORDER = [
    "title",
    "cluster",
    "status",
    "last_reviewed",
    "interest_code",
    "nco_code",
    "isco_code",
    "job_ready_months",
    "study_years",
    "work",
    "summary",
    "overview",
    "focus_areas",
    "fits",
    "not_for",
    "salary",
    "skills",
    "degrees",
    "learning_path",
    "responsibilities",
    "tools",
    "job_titles",
    "related",
    "growth",
    "industries",
    "projects",
    "challenges",
    "faqs",
]


def ordered_document(doc):
    """The document's keys in the order of the fixture files, for readable diffs."""
    return {key: doc[key] for key in DOCUMENT_ORDER if key in doc}


def dump_yaml(data):
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


def export_careers(careers):
    """{file name: YAML text} for careers fetched with careers_for_export()."""
    return {f"{c.slug}.yaml": dump_yaml(ordered_document(career_document(c))) for c in careers}


def export_vocabularies():
    """{relative path: YAML text} for every vocabulary, one file per kind."""
    out = {}
    for kind, (model, location, _extra) in VOCABULARIES.items():
        entries = [vocabulary_entry(obj, kind) for obj in model.objects.order_by("slug")]
        path = location if location.endswith(".yaml") else f"{location}/catalogue.yaml"
        out[path] = dump_yaml(entries)
    return out


def export_catalogue(root):
    """Write the whole catalogue to ``root`` in the fixtures format. Returns the files written."""
    root = Path(root)
    written = []
    for relative, text in export_vocabularies().items():
        written.append(_write(root / "vocabulary" / relative, text))
    # Revisions are working copies of careers, not part of the catalogue.
    for name, text in export_careers(careers_for_export().filter(revision_of__isnull=True).order_by("slug")).items():
        written.append(_write(root / "careers" / name, text))
    return written


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def import_documents(files, *, dry_run):
    """Load uploaded career documents ({file name: text}) through the loader: the vocabulary is
    the database's own, the careers are only those uploaded, and an upload replaces what is in
    the database (the person importing asked for it). Returns the LoadReport."""
    import tempfile

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for relative, text in export_vocabularies().items():
            _write(root / "vocabulary" / relative, text)
        slugs = set()
        for name, text in files.items():
            stem = Path(name).name
            if not stem.endswith((".yaml", ".yml")):
                problems.append(f"{stem}: only .yaml career documents can be imported")
                continue
            slug = stem.rsplit(".", 1)[0]
            _write(root / "careers" / f"{slug}.yaml", text)
            slugs.add(slug)
        if problems:
            raise ContentError(problems)
        if not slugs:
            raise ContentError(["Choose at least one career document (.yaml) to import."])
        return load_catalogue(root, dry_run=dry_run, overwrite_edited=True, only=slugs)
