"""Translations in the database: a career's approved translation document is written into the
``<field>_<language>`` columns of the career and its rows (django-modeltranslation's columns,
registered in ``careers/translation.py``), and each career's translation state is kept.

The document has the shape of ``fixtures/translations/<language>/careers/<slug>.yaml``
(``translations.py``). It is stored whole on the career (``translation_hi``) and is the only source
of the Hindi columns, so those columns hold reviewed text only: the loader writes the committed,
reviewed files, and the admin writes an editor's draft once a reviewer approves it
(``workflow.approve_translation``). Rows are matched as the document names them (by their skill,
degree… or related career) or by position.

A career's state (``translation_status_hi``), stored by the write hook so the admin can filter on
it: *missing*, *partial* (core text only), *stale* (the English changed since the translation was
made; its ``source_digest`` no longer matches) or *complete*. A Hindi page shows the career in Hindi
only when it is complete, and in English, with a short notice, otherwise.
"""

from django.conf import settings
from django.db import connection
from django.utils import translation
from simple_history.utils import bulk_update_with_history

from .. import models as m
from . import translations as tr
from .read import load_yaml
from .schema import SALARY_TEXT, career_document, digest

LANGUAGE = "hi"
Status = m.Career.TranslationStatus
REFRESH_BATCH = 500
BATCH = 500  # rows per bulk update


def column(attr, language=LANGUAGE):
    return f"{attr}_{language}"


def parse(text):
    """The translation document stored as text, or None."""
    if not text:
        return None
    doc = load_yaml(text)
    return doc if isinstance(doc, dict) else None


dump = tr.dump  # a translation document as YAML text


def english_document(career):
    """The career's English document (its rows prefetched or read), whatever language is active."""
    with translation.override("en"):
        return career_document(career)


def status(career, english_doc=None):
    """The career's translation state (a ``Career.TranslationStatus``)."""
    doc = parse(career.translation_hi)
    if not doc or doc.get("coverage") not in tr.COVERAGES:
        return Status.MISSING
    english_doc = english_doc if english_doc is not None else english_document(career)
    if doc.get("source_digest") != digest(tr.english_text(english_doc, doc["coverage"])):
        return Status.STALE
    return Status.COMPLETE if doc["coverage"] == "full" else Status.PARTIAL


def content_language(career, language=None):
    """The language a page in ``language`` (the active one by default) shows the career's own text
    in: that language when the career's translation into it is complete, English otherwise (never
    half a page in each)."""
    language = language or translation.get_language()
    if language == settings.LANGUAGE_CODE or career.translation_status_hi == Status.COMPLETE:
        return language
    return settings.LANGUAGE_CODE


def refresh_status(career_ids):
    """Store the translation state of these careers (one query per section per 500 careers; bulk
    writes: no signals, no history). Called by the write hook once their changes are committed."""
    ids, changed = sorted(set(career_ids)), []
    for offset in range(0, len(ids), REFRESH_BATCH):
        for career in m.Career.objects.filter(pk__in=ids[offset : offset + REFRESH_BATCH]).with_all_sections():
            now = status(career)
            if career.translation_status_hi != now:
                career.translation_status_hi = now
                changed.append(career)
    m.Career.objects.bulk_update(changed, ["translation_status_hi"], batch_size=REFRESH_BATCH)
    return len(changed)


# --- Writing a document into the columns -------------------------------------------------------


def _row_label(section, row):
    """How a translation document names this row (its vocabulary entry or related career), or None."""
    key = tr._row_key(section)
    if key is None:
        return None
    target = row.related if section.name == "related" else getattr(row, section.vocabulary)
    return target.slug if target is not None else None


def _attrs(section):
    """[(document key, model attribute)] of the section's translated text."""
    return [(f.key, f.attr or f.key) for f in section.fields if (f.attr or f.key) in section.translatable]


def _rows_of(doc, section):
    if section.doc_key.startswith("salary."):
        return ((doc.get("salary") or {}).get(section.doc_key.split(".", 1)[1])) or []
    return doc.get(section.doc_key) or []


OWN_COLUMNS = [column(key) for key in tr.CORE_KEYS] + [column(attr) for _key, attr in SALARY_TEXT]


def _project_own(career, doc):
    for key in tr.CORE_KEYS:
        setattr(career, column(key), doc.get(key) or None)
    salary = doc.get("salary") or {}
    for key, attr in SALARY_TEXT:
        setattr(career, column(attr), salary.get(key) or None)


def _project_rows(section, rows, doc):
    """Set the section's Hindi columns on one career's rows (in order) from its document."""
    attrs = _attrs(section)
    items = [item for item in _rows_of(doc, section) if isinstance(item, dict)]
    key = tr._row_key(section)
    by_label = {item.get(key): item for item in items} if key else {}
    for position, row in enumerate(rows):
        if key:
            item = by_label.get(_row_label(section, row))
        else:
            item = items[position] if position < len(items) else None
        for doc_key, attr in attrs:
            setattr(row, column(attr), (item or {}).get(doc_key) or None)


def project(pairs):
    """Write each document's text into its career's Hindi columns (in place, not saved) and into its
    rows' (saved: one query per section for all the careers, one update per changed row). The text a
    document of smaller coverage leaves out is emptied, so the English shows. ``pairs``:
    [(career, document or None)]."""
    docs = {career.pk: doc or {} for career, doc in pairs}
    for career, _doc in pairs:
        _project_own(career, docs[career.pk])
    for section in tr.SECTIONS:
        attrs = _attrs(section)
        if not attrs:
            continue
        rows = list(
            section.model.objects.filter(career__in=list(docs))
            .select_related(*_related(section))
            .order_by("career_id", "order")
        )
        by_career = {}
        for row in rows:
            by_career.setdefault(row.career_id, []).append(row)
        names = [column(attr) for _k, attr in attrs]
        changed = []
        for career_id, own in by_career.items():
            before = [[getattr(row, name) for name in names] for row in own]
            _project_rows(section, own, docs[career_id])
            for row, old in zip(own, before, strict=True):
                values = [getattr(row, name) for name in names]
                if values != old:
                    changed.append([*values, row.pk])
        _update_rows(section.model, names, changed)


def _update_rows(model, names, params):
    """One small UPDATE per changed row, sent with ``executemany`` (a bulk CASE of thousands of rows
    is slower, and so is the ORM's update per row: the loader writes about 5,000 rows). ``params``:
    [[value of each of ``names``..., pk]]; each value is prepared by its field as the ORM would."""
    if not params:
        return
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    prepared = [
        [field.get_db_prep_save(value, connection) for field, value in zip(fields, row[:-1], strict=True)] + row[-1:]
        for row in params
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)


def _related(section):
    if section.name == "related":
        return ["related"]
    return [section.vocabulary] if section.vocabulary else []


def write(career, doc, *, reason, user=None):
    """Make ``doc`` the career's approved translation: store it, write its columns and save (history
    records the career's new document; the write hook restamps the translation state)."""
    project([(career, doc)])
    career.translation_hi = dump(doc) if doc else ""
    career._change_reason = reason
    career._history_user = user
    career.save()


def write_many(pairs, *, reason):
    """``write`` for many careers in bulk (the loader): history records each career's new document;
    the caller reports the careers to the write hook (``changes.touched``)."""
    if not pairs:
        return
    project(pairs)
    careers = []
    for career, doc in pairs:
        career.translation_hi = dump(doc) if doc else ""
        careers.append(career)
    bulk_update_with_history(
        careers, m.Career, [*OWN_COLUMNS, "translation_hi"], batch_size=BATCH, default_change_reason=reason
    )


def reproject(careers):
    """Write the careers' stored approved documents into their columns again (after their English
    rows were rewritten, which empties the rows' Hindi columns)."""
    careers = list(careers)
    project([(career, parse(career.translation_hi)) for career in careers])
    m.Career.objects.bulk_update(careers, OWN_COLUMNS, batch_size=BATCH)
