"""Writing the catalogue back out: the fixtures folder's files, for staff exports and round trips."""

from pathlib import Path

from .. import models as m
from . import read
from .schema import DOCUMENT_ORDER, VOCABULARIES, career_document, vocabulary_entry


def ordered_document(doc):
    """The document's keys in the order of the fixture files, for readable diffs."""
    return {key: doc[key] for key in DOCUMENT_ORDER if key in doc}


def dump_yaml(data):
    return read.dump_yaml(data, width=110)


def export_careers(careers):
    """{file name: YAML text} for careers fetched with ``Career.objects.with_all_sections()``."""
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
    careers = m.Career.objects.with_all_sections().filter(revision_of__isnull=True).order_by("slug")
    for name, text in export_careers(careers).items():
        written.append(_write(root / "careers" / name, text))
    return written


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
