"""Building unsaved model instances from one career document, collecting every problem (file and
field) instead of stopping at the first."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from .. import models as m
from .schema import CAREER_FIELDS, CAREER_KEYS, RELATED, ROW_SECTIONS, SALARY_TEXT, WORK_FLAGS, _to_text, row_fields


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
            # Uniqueness within a career is checked from the document itself (``unique``, implicit
            # order); the model's check constraints are mirrored in clean(). Validating constraints
            # here would cost a query per row.
            obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
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
        route_start = doc.get("route_start", m.RouteStart.AFTER_12)
        if route_start not in m.RouteStart.values:
            self.problem("route_start", f"must be one of {', '.join(m.RouteStart.values)}")
        else:
            career.route_start = route_start
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
        """{section name: [unsaved rows]} for every section but related careers."""
        out = {}
        for section in ROW_SECTIONS:
            rows, seen = [], set()
            fields = row_fields(section)
            allowed = {f.key for f in fields}
            for i, item in enumerate(self._items(section.doc_key), start=1):
                where = f"{section.doc_key}[{i}]"
                if not isinstance(item, dict):
                    self.problem(where, "must be a mapping")
                    continue
                for key in sorted(set(item) - allowed):
                    self.problem(f"{where}.{key}", "unknown key")
                row = section.model(order=i)
                for f in fields:
                    if f.attr is None:
                        continue
                    self._convert(f, item.get(f.key), f"{where}.{f.key}", row)
                if section.name == "growth_stages":
                    self._growth(item, row, where)
                if section.unique:
                    value = item.get(section.unique)
                    if value in seen:
                        self.problem(f"{where}.{section.unique}", f"{value!r} appears twice in {section.doc_key}")
                    seen.add(value)
                vocab_attrs = [f.attr for f in fields if f.vocabulary is not None]
                self._clean(row, where, exclude=["career", *vocab_attrs])
                rows.append(row)
            out[section.name] = rows
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
        for i, item in enumerate(self._items(RELATED.doc_key), start=1):
            where = f"{RELATED.doc_key}[{i}]"
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
