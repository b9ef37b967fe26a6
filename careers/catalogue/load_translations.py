"""Loading the reviewed translations under ``fixtures/translations/<language>/`` with the catalogue.

Vocabulary files write their entries' Hindi columns directly (staff do not edit those in the
admin); an entry whose English changed since it was translated (its ``source_digest``) is left
empty, so it shows in English rather than in outdated Hindi. A career's document becomes its
approved translation (``localize.write``) unless staff approved a different one in the admin since
the last load (``LoadedDocument`` kind ``translation-hi``, as for English documents); careers whose
English rows the load rewrote get their approved translation written into the new rows.
"""

from .. import models as m
from . import localize
from . import translations as tr
from .read import load_yaml
from .schema import VOCABULARIES, ContentError, digest

KIND = f"translation-{localize.LANGUAGE}"
REASON = "loaded from the catalogue's reviewed translations"


def read(root, problems):
    """({slug: (doc, path)} of career translations, {kind: (entries, path)} of vocabulary files)."""
    base = tr.root(root, localize.LANGUAGE)
    careers, vocabularies = {}, {}
    for path in sorted((base / "careers").glob("*.yaml")):
        doc = _read(path, problems)
        if isinstance(doc, dict):
            careers[path.stem] = (doc, path)
        elif doc is not None:
            problems.append(f"{path}: a translation must be a mapping")
    for kind in tr.VOCABULARY_TEXT:
        path = tr.vocabulary_path(root, localize.LANGUAGE, kind)
        if path.exists():
            vocabularies[kind] = (_read(path, problems) or [], path)
    return careers, vocabularies


def _read(path, problems):
    try:
        with open(path, encoding="utf-8") as fh:
            return load_yaml(fh)
    except Exception as exc:  # noqa: BLE001 (any unreadable file is reported with its path)
        problems.append(f"{path}: {exc}")
        return None


def load_vocabularies(vocab_files, english_docs):
    """Write the vocabularies' translated columns; returns how many entries changed."""
    changed_total = 0
    for kind, (entries, path) in vocab_files.items():
        model = VOCABULARIES[kind][0]
        english = {slug: entry for slug, (entry, _path) in english_docs[kind].items()}
        problems, stale = tr.check_vocabulary(kind, english, entries)
        if problems:
            raise ContentError([f"{path}: {p}" for p in problems])
        fields = tr.VOCABULARY_TEXT[kind]
        wanted = {entry["slug"]: entry for entry in entries if entry["slug"] not in stale}
        changed = []
        for obj in model.objects.all():
            entry = wanted.get(obj.slug, {})
            values = {localize.column(name): entry.get(name) or None for name in fields}
            if any(getattr(obj, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(obj, name, value)
                changed.append(obj)
        model.objects.bulk_update(changed, [localize.column(name) for name in fields], batch_size=500)
        changed_total += len(changed)
    return changed_total


def load_careers(career_files, rewritten, decide, remember, report):
    """Make each committed translation its career's approved one; reproject the careers in
    ``rewritten`` (ids whose English rows were written again). Returns the ids written, for the
    caller to report to the write hook."""
    careers = {c.slug: c for c in m.Career.objects.filter(slug__in=list(career_files))}
    to_write = []
    for slug, (doc, path) in career_files.items():
        career = careers.get(slug)
        if career is None:
            raise ContentError([f"{path}: no career {slug!r} to translate"])
        stored = localize.parse(career.translation_hi)
        current = digest(stored) if stored else None
        action = decide(KIND, slug, current, digest(doc))
        if action == "skip":
            report.skipped.append(f"{KIND} {slug} ({path.name})")
        elif action in ("create", "update"):
            to_write.append((career, doc))
            (report.created if action == "create" else report.updated).append(f"{KIND} {slug}")
        if action != "skip":
            remember(KIND, slug, doc)
    localize.write_many(to_write, reason=REASON)
    written = {career.pk for career, _doc in to_write}
    localize.reproject(m.Career.objects.filter(pk__in=set(rewritten) - written).exclude(translation_hi=""))
    return written
