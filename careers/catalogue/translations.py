"""Translations of the catalogue: one document per career and one file per vocabulary, beside
the English ones, under ``fixtures/translations/<language>/``.

A career's translation mirrors its English document, holding only the text a translation covers
(read from the section declaration: ``CAREER_TRANSLATABLE`` and each section's ``translatable``):

    translation_of: nurse
    language: hi
    coverage: full            # or core: title, summary, overview, focus areas, fit lines, FAQs
    source_digest: 3f2a…      # the English text it was made from (stale when that changes)
    title: नर्स
    salary: {overview: …, bands: [{label: …, note: …}]}
    skills: [{skill: patient-care, used_for: …}]   # rows keyed by their vocabulary entry …
    faqs: [{question: …, answer: …}]                # … or matched by position

A change to either language is then a readable diff of two small YAML files, and the English
document stays as it is. ``skeleton()`` writes the English text in this shape for a translator
to replace; ``check()`` lists what is missing, left in English, out of shape or stale.
"""

import re
from pathlib import Path

from ..sections import SECTIONS
from .read import dump_yaml, load_yaml
from .schema import EXAM_TEXT, SALARY_TEXT, digest  # noqa: F401 (digest is part of this module's API)

LANGUAGES = ("hi",)
CORE_KEYS = ("title", "summary", "overview", "focus_areas", "fits", "not_for")
CORE_SECTIONS = ("faqs",)
COVERAGES = ("core", "full")
META_KEYS = ("translation_of", "language", "coverage", "source_digest")
# Vocabulary text a translation covers; names of tools stay as they are written (Python, Excel).
VOCABULARY_TEXT = {
    "cluster": ("name", "description"),
    "skill": ("name", "description"),
    "degree": ("name", "description"),
    "industry": ("name", "description"),
    "tool": ("description",),
    "exam": ("name", "description", *EXAM_TEXT),
}
DEVANAGARI = re.compile(r"[\u0900-\u097F]")
LATIN_ALLOWED = 24  # a value with more Latin letters than this and no Devanagari was left in English


def root(fixtures, language):
    return Path(fixtures) / "translations" / language


def career_path(fixtures, language, slug):
    return root(fixtures, language) / "careers" / f"{slug}.yaml"


def vocabulary_path(fixtures, language, kind):
    return root(fixtures, language) / "vocabulary" / f"{kind}.yaml"


def _row_key(section):
    """The document key that names a row (its vocabulary entry, or the related career), or None."""
    if section.name == "related":
        return "career"
    if section.vocabulary:
        return next(f.key for f in section.fields if f.attr == section.vocabulary)
    return None


def _text_keys(section):
    return [f.key for f in section.fields if (f.attr or f.key) in section.translatable]


def _sections(coverage):
    return [s for s in SECTIONS if _text_keys(s) and (coverage == "full" or s.name in CORE_SECTIONS)]


def english_text(doc, coverage="full"):
    """The text of an English career document that a translation of ``coverage`` covers, in the
    translation's shape."""
    out = {key: doc.get(key) for key in CORE_KEYS}
    salary = doc.get("salary") or {}
    if coverage == "full":
        out["salary"] = {key: salary.get(key) for key, _attr in SALARY_TEXT}
    for section in _sections(coverage):
        key, texts = _row_key(section), _text_keys(section)
        rows = []
        for row in _rows(doc, section.doc_key):
            item = {key: row.get(key)} if key else {}
            item.update({k: row.get(k) for k in texts})
            rows.append(item)
        if section.doc_key.startswith("salary."):
            out.setdefault("salary", {})[section.doc_key.split(".", 1)[1]] = rows
        else:
            out[section.doc_key] = rows
    return out


def _rows(doc, doc_key):
    if doc_key.startswith("salary."):
        return (doc.get("salary") or {}).get(doc_key.split(".", 1)[1]) or []
    return doc.get(doc_key) or []


def skeleton(slug, english_doc, language, coverage="full"):
    """A translation document holding the English text, for a translator to replace."""
    text = english_text(english_doc, coverage)
    meta = {"translation_of": slug, "language": language, "coverage": coverage, "source_digest": digest(text)}
    return meta | text


def dump(document):
    return dump_yaml(document, width=100)


# --- Checks -------------------------------------------------------------------------------------


def check(slug, english_doc, translation, language):
    """(problems, stale): what is wrong with a career's translation, and whether the English
    changed since it was made."""
    problems = []
    if not isinstance(translation, dict):
        return [f"{slug}: a translation must be a mapping"], False
    coverage = translation.get("coverage")
    if translation.get("translation_of") != slug:
        problems.append(f"{slug}: translation_of must be {slug!r}")
    if translation.get("language") != language:
        problems.append(f"{slug}: language must be {language!r}")
    if coverage not in COVERAGES:
        return [*problems, f"{slug}: coverage must be one of {', '.join(COVERAGES)}"], False
    expected = english_text(english_doc, coverage)
    body = {k: v for k, v in translation.items() if k not in META_KEYS}
    _compare(expected, body, slug, problems)
    stale = translation.get("source_digest") != digest(expected)
    return problems, stale


def _compare(english, translated, where, problems):
    if isinstance(english, dict):
        if not isinstance(translated, dict):
            problems.append(f"{where}: must be a mapping")
            return
        for key in sorted(set(translated) - set(english)):
            problems.append(f"{where}.{key}: not in the English document")
        for key, value in english.items():
            if key not in translated:
                if value not in (None, "", []):
                    problems.append(f"{where}.{key}: missing")
                continue
            _compare(value, translated[key], f"{where}.{key}", problems)
    elif isinstance(english, list):
        if not isinstance(translated, list) or len(translated) != len(english):
            problems.append(f"{where}: must be a list of {len(english)} like the English")
            return
        for i, (e, t) in enumerate(zip(english, translated, strict=True)):
            _compare(e, t, f"{where}[{i}]", problems)
    elif isinstance(english, str):
        _check_text(english, translated, where, problems)


def _check_text(english, translated, where, problems):
    if not isinstance(translated, str) or not translated.strip():
        if english.strip():
            problems.append(f"{where}: empty")
        return
    if where.rsplit(".", 1)[-1] in ("skill", "degree", "exam", "tool", "career"):  # a row's key: unchanged
        if translated != english:
            problems.append(f"{where}: must stay {english!r} (it names the row)")
        return
    latin = len(re.findall(r"[A-Za-z]", translated))
    if not DEVANAGARI.search(translated) and latin > LATIN_ALLOWED:
        problems.append(f"{where}: still in English")


def vocabulary_skeleton(kind, entries, language):
    """[{slug, source_digest, …text}] for every entry of a vocabulary, holding the English text."""
    keys = VOCABULARY_TEXT[kind]
    out = []
    for entry in entries:
        text = {k: entry.get(k) for k in keys if entry.get(k)}
        out.append({"slug": entry["slug"], "source_digest": digest(text)} | text)
    return out


def check_vocabulary(kind, english, translations):
    """(problems, stale slugs) of a vocabulary's translation file against {slug: English entry}."""
    problems, stale = [], []
    keys = VOCABULARY_TEXT[kind]
    if not isinstance(translations, list):
        return [f"{kind}: the file must be a list of entries"], stale
    for i, entry in enumerate(translations):
        where = f"{kind}[{i}]"
        if not isinstance(entry, dict) or entry.get("slug") not in english:
            problems.append(f"{where}: no {kind} with that slug")
            continue
        where = f"{kind} {entry['slug']}"
        source = english[entry["slug"]]
        text = {k: source.get(k) for k in keys if source.get(k)}
        unknown = set(entry) - {"slug", "source_digest"} - set(keys)
        if unknown:
            problems.append(f"{where}: unknown keys {', '.join(sorted(unknown))}")
        for key, value in text.items():
            if key in entry:
                _check_text(str(value), entry[key], f"{where}.{key}", problems)
        if entry.get("source_digest") != digest(text):
            stale.append(entry["slug"])
    return problems, stale


def read(path):
    with open(path, encoding="utf-8") as fh:
        return load_yaml(fh)
