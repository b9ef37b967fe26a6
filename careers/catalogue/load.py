"""Loading catalogue documents into the database.

The loader builds and validates every career before writing any, inside one transaction, and
keeps what staff changed in the admin: ``LoadedDocument.digest`` is the digest of what the
loader last wrote; if the database's current form no longer has that digest, staff changed it,
and the loader leaves it alone unless ``overwrite_edited`` is set.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from .. import changes
from .. import models as m
from . import load_translations
from .build import CareerBuilder, _errors_of
from .read import database_vocabularies, parse_careers, read_careers, read_vocabularies
from .schema import (
    CHANGE_REASON,
    ROW_SECTIONS,
    VOCABULARIES,
    ContentError,
    _to_text,
    career_document,
    digest,
    vocabulary_entry,
)


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


WRITE_BATCH = 500  # careers per delete (SQLite allows 999 parameters in one statement)


class _Rollback(Exception):
    pass


def load_catalogue(root, *, dry_run=False, overwrite_edited=False, only=None):
    """Load ``root`` (the fixtures folder) into the database, atomically. Returns a LoadReport.

    Raises ContentError, with every problem found, if any document is invalid; then nothing is
    written. With ``dry_run`` the work is done and rolled back, so the report says what would
    happen.
    """
    problems = []
    vocab_docs = read_vocabularies(Path(root), problems)
    career_docs = read_careers(Path(root), problems, only)
    career_translations, vocab_translations = load_translations.read(Path(root), problems)
    if only:
        career_translations = {slug: item for slug, item in career_translations.items() if slug in only}
    if problems:
        raise ContentError(problems)
    return load_documents(
        vocab_docs,
        career_docs,
        dry_run=dry_run,
        overwrite_edited=overwrite_edited,
        translations=(career_translations, vocab_translations),
    )


def load_documents(vocab_docs, career_docs, *, dry_run=False, overwrite_edited=False, translations=None):
    """Load documents already read (see ``read.py``), atomically, and the translations read by
    ``load_translations.read`` if given. Returns a LoadReport."""
    report = LoadReport()
    try:
        with transaction.atomic():
            _load(vocab_docs, career_docs, report, overwrite_edited, translations)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


def import_documents(files, *, dry_run):
    """Load uploaded career documents ({file name: text}) through the loader, in memory: the
    vocabulary is the database's own, the careers are only those uploaded, and an upload
    replaces what is in the database (the person importing asked for it). Returns the LoadReport."""
    problems = []
    career_docs = parse_careers(files, problems)
    if problems:
        raise ContentError(problems)
    if not career_docs:
        raise ContentError(["Choose at least one career document (.yaml) to import."])
    return load_documents(database_vocabularies(), career_docs, dry_run=dry_run, overwrite_edited=True)


def _load(vocab_docs, career_docs, report, overwrite_edited, translations=None):
    problems = []

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
        wanted = digest(document)
        if record.pk is None or record.digest != wanted:  # an unchanged document writes nothing
            record.digest = wanted
            record.save()
        loaded[(kind, key)] = record

    # Vocabularies first: careers refer to them. Saved without one write-hook report per entry: the
    # careers that show an updated entry are reported once, with the careers written below.
    vocab = {}
    exam_lists = []  # (exam, its degrees, related exams and sources), written once every exam exists
    vocab_users = set()
    with changes.suppressed():
        _load_vocabularies(vocab_docs, report, decide, remember, vocab, exam_lists, vocab_users, problems)
        for exam, lists, path in exam_lists:
            _write_exam_lists(exam, lists, path, vocab, problems)
    if problems:
        raise ContentError(problems)

    # Careers: build and validate everything before writing any of it.
    current_careers = {c.slug: c for c in m.Career.objects.with_all_sections()}
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
    # Save every career before any relation, so related careers point at saved rows. Row by row
    # reports are suppressed: the careers written are reported once, below.
    written = []
    with changes.suppressed():
        _write_sections([(career, rows) for career, rows, _related, _wanted in to_write])
        for career, _rows, _related, _wanted in to_write:
            current_careers[career.slug] = career
            written.append(career.pk)
        for career, _rows, related, wanted in to_write:
            written.extend(_write_related(career, related, current_careers, report, remember))
            remember("career", career.slug, wanted)
    # The translations read with the documents (none for an upload): rewritten careers' rows get
    # their approved Hindi back either way.
    career_translations, vocab_translations = translations or ({}, {})
    load_translations.load_vocabularies(vocab_translations, vocab_docs)
    translated = load_translations.load_careers(career_translations, written, decide, remember, report)
    # Bulk writes send no signals: tell the write hook which careers changed (search and cache follow).
    changes.touched(vocab_users, stamp=False)
    changes.touched([*written, *translated])


def _load_vocabularies(vocab_docs, report, decide, remember, vocab, exam_lists, vocab_users, problems):
    """Write every vocabulary entry that is new or changed; fill ``vocab`` ({model: {slug: entry}}),
    ``exam_lists`` (what each written exam lists, written once every exam exists) and
    ``vocab_users`` (the careers that show an updated entry)."""
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
            if kind == "exam":
                lists = _exam_lists(entry)
                wanted.update(lists)
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
                    if action == "update":
                        vocab_users.update(changes.careers_using(obj))
                    if kind == "exam":
                        exam_lists.append((obj, lists, path))
                remember(kind, slug, wanted)
            existing[slug] = obj
        vocab[model] = existing


def _exam_lists(entry):
    """An exam entry's lists in their export form (so digests compare like with like)."""
    sources = []
    for item in entry.get("sources") or []:
        if isinstance(item, dict):
            sources.append(
                {
                    k: (v.isoformat() if isinstance(v, datetime.date) else str(v))
                    for k, v in item.items()
                    if v not in ("", None)
                }
            )
    return {
        "degrees": sorted(str(s) for s in entry.get("degrees") or []),
        "related": sorted(str(s) for s in entry.get("related") or []),
        "sources": sources,
    }


def _write_exam_lists(exam, lists, path, vocab, problems):
    where = f"{path}: {exam.slug}"
    degrees, exams = vocab[m.Degree], vocab[m.Exam]
    unknown = [s for s in lists["degrees"] if s not in degrees] + [s for s in lists["related"] if s not in exams]
    if unknown:
        problems.append(f"{where}: unknown degree or exam slug(s): {', '.join(unknown)}")
        return
    exam.degrees.set([degrees[s] for s in lists["degrees"]])
    exam.related.set([exams[s] for s in lists["related"] if s != exam.slug])
    m.ExamSource.objects.filter(exam=exam).delete()
    rows = []
    for order, item in enumerate(lists["sources"], start=1):
        if set(item) - {"title", "publisher", "published", "url", "checked"} or not item.get("title"):
            problems.append(f"{where}.sources[{order}]: needs title, publisher, published, url, checked")
            continue
        checked = item.get("checked")
        rows.append(
            m.ExamSource(
                exam=exam,
                order=order,
                title=item["title"],
                publisher=item.get("publisher", ""),
                published=item.get("published", ""),
                url=item.get("url", ""),
                checked=datetime.date.fromisoformat(checked) if checked else None,
            )
        )
    bulk_create_with_history(rows, m.ExamSource, default_change_reason=CHANGE_REASON)


def _write_sections(careers):
    """Save each career, then replace its rows: one delete and one bulk insert (with history) per
    section for all of them. ``careers``: [(career, {section name: rows})]."""
    for career, _rows in careers:
        career._change_reason = CHANGE_REASON
        career.save()
    ids = [career.pk for career, _rows in careers]
    for section in ROW_SECTIONS:
        new_rows = []
        for career, rows in careers:
            for row in rows[section.name]:
                row.career = career
                new_rows.append(row)
        for offset in range(0, len(ids), WRITE_BATCH):
            section.model.objects.filter(career_id__in=ids[offset : offset + WRITE_BATCH]).delete()
        bulk_create_with_history(new_rows, section.model, default_change_reason=CHANGE_REASON)


def _write_related(career, related, current_careers, report, remember):
    """Write the career's related careers; returns the ids of the placeholders it had to create."""
    m.RelatedCareer.objects.filter(career=career).delete()
    related_rows, stubs = [], []
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
            stubs.append(target.pk)
        related_rows.append(m.RelatedCareer(career=career, related=target, order=order, difference=difference))
    bulk_create_with_history(related_rows, m.RelatedCareer, default_change_reason=CHANGE_REASON)
    return stubs


def _empty_rows():
    return {section.name: [] for section in ROW_SECTIONS}
