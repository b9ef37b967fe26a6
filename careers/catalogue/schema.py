"""The catalogue's document format (``fixtures/README.md``): what each key means and how a
saved career turns into its document form.

The sections' rows are declared in ``careers/sections.py``; this module adds the career's own
fields, the vocabularies and the conversions between document values and model values.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .. import models as m
from ..sections import SECTIONS

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


# How each kind of declared field converts: (document -> model, model -> document).
KINDS = {
    "text": (_to_text, str),
    "number": (_to_decimal, _number),
    "int": (_to_int, int),
    "bool": (_to_bool, bool),
    "vocabulary": (None, None),
}


@dataclass
class Field:
    """A career or vocabulary field of the document (section rows use ``sections.DocField``)."""

    key: str  # in the document
    attr: str  # on the model
    to_model: callable = _to_text
    to_doc: callable = str
    vocabulary: type | None = None  # a foreign key to this vocabulary, by slug
    required: bool = True


def row_fields(section):
    """The section's document fields as Field objects with their conversions."""
    out = []
    for f in section.fields:
        to_model, to_doc = KINDS[f.kind]
        vocabulary = section.model._meta.get_field(f.attr).related_model if f.kind == "vocabulary" else None
        out.append(Field(f.key, f.attr, to_model, to_doc, vocabulary, f.required))
    return out


def read_row(section, row):
    """One section row in its document form."""
    out = {}
    for f in row_fields(section):
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
    if section.name == "growth_stages":
        out["titles"] = row.title_list()
        out["years"] = [row.years_from, row.years_to]
    return out


# The sections that load with the career's other rows (related careers wait until every career is saved).
ROW_SECTIONS = [s for s in SECTIONS if s.name != "related"]
RELATED = next(s for s in SECTIONS if s.name == "related")

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
# The document's top-level keys in file order (sections in their declared order, for readable diffs).
DOCUMENT_ORDER = [
    *[f.key for f in CAREER_FIELDS[:7]],
    "job_ready_months",
    "route_start",
    "study_years",
    "work",
    *[f.key for f in CAREER_FIELDS[7:]],
    "salary",
    *dict.fromkeys(s.doc_key.split(".")[0] for s in SECTIONS if not s.doc_key.startswith("salary.")),
]
CAREER_KEYS = set(DOCUMENT_ORDER)


def _streams_to_model(value):
    if isinstance(value, list):
        return ",".join(str(v).strip() for v in value)
    return _to_text(value)


def _months_to_model(value):
    if not isinstance(value, list) or not all(isinstance(v, int) and 1 <= v <= 12 for v in value):
        raise ValueError("must be a list of month numbers, 1 to 12")
    return ",".join(str(v) for v in value)


def _to_date(value):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError("must be a date, YYYY-MM-DD") from None


def _date_to_doc(value):
    return value.isoformat() if value else ""


# An exam's relations and sources, kept in its vocabulary entry.
EXAM_SOURCE_KEYS = ["title", "publisher", "published", "url", "checked"]
EXAM_LISTS = {"degrees", "related", "sources"}
# An exam's facts written as text (a translation covers them; see catalogue/translations.py).
EXAM_TEXT = (
    "conducting_body",
    "eligibility",
    "min_marks",
    "age_limit",
    "attempt_limit",
    "frequency",
    "mode",
    "sections",
)


VOCABULARIES = {
    # kind: (model, location under fixtures/vocabulary, {document key: Field for the model})
    "cluster": (m.Cluster, "clusters.yaml", {"order": Field("order", "order", _to_int, int, required=False)}),
    "skill": (m.Skill, "skills", {"type": Field("type", "skill_type")}),
    "degree": (
        m.Degree,
        "degrees",
        {
            "level": Field("level", "level"),
            "streams": Field("streams", "streams", _streams_to_model, m.stream_list, required=False),
        },
    ),
    "tool": (m.Tool, "tools", {}),
    "exam": (
        m.Exam,
        "exams",
        {
            key: Field(key, key, required=False)
            for key in ["short_name", "purpose", "level", "stage", *EXAM_TEXT, "website"]
        }
        | {
            "streams": Field("streams", "streams", _streams_to_model, m.stream_list, required=False),
            "apply_months": Field("apply_months", "apply_months", _months_to_model, m.month_list, required=False),
            "exam_months": Field("exam_months", "exam_months", _months_to_model, m.month_list, required=False),
            "last_verified": Field("last_verified", "last_verified", _to_date, _date_to_doc, required=False),
        },
    ),
    "industry": (m.Industry, "industries", {}),
    "synonym": (m.Synonym, "synonyms.yaml", {"means": Field("means", "means", required=False)}),
}


# --- Export form: model -> document ----------------------------------------------------------


def vocabulary_entry(obj, kind):
    extra = VOCABULARIES[kind][2]
    entry = {"slug": obj.slug, "name": obj.name}
    for key, f in extra.items():
        value = f.to_doc(getattr(obj, f.attr))
        if value or f.required or value == 0:
            entry[key] = value
    if obj.description:
        entry["description"] = obj.description
    if kind == "exam" and obj.pk:
        entry["degrees"] = sorted(obj.degrees.values_list("slug", flat=True))
        entry["related"] = sorted(obj.related.values_list("slug", flat=True))
        entry["sources"] = [
            {
                k: (v.isoformat() if isinstance(v, datetime.date) else v)
                for k, v in source.items()
                if v not in ("", None)
            }
            for source in obj.sources.values(*EXAM_SOURCE_KEYS)
        ]
    return entry


def career_document(career, rows=None, related=None):
    """The document form of a career.

    ``rows`` maps a section's related_name to its rows and ``related`` lists
    ``(slug, title, difference)``; both default to reading the career's prefetched relations
    (use ``Career.objects.with_all_sections()`` to avoid a query per section).
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
    doc["route_start"] = career.route_start
    if career.study_years is not None:
        doc["study_years"] = career.study_years
    doc["work"] = {key: getattr(career, attr) for key, attr in WORK_FLAGS}
    salary = {key: getattr(career, attr) for key, attr in SALARY_TEXT}
    for section in ROW_SECTIONS:
        section_rows = rows[section.name] if rows is not None else getattr(career, section.name).all()
        items = [read_row(section, row) for row in section_rows]
        if section.doc_key.startswith("salary."):
            salary[section.doc_key.split(".", 1)[1]] = items
        else:
            doc[section.doc_key] = items
    doc["salary"] = salary
    if related is None:
        related = [(r.related.slug, r.related.title, r.difference) for r in career.related.all()]
    doc[RELATED.doc_key] = [{"career": s, "title": t, "difference": d} for s, t, d in related]
    return doc


def digest(document):
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
