"""Translation documents (fixtures/translations/<language>/): their shape, English left behind,
staleness, and every committed translation checked against its English document."""

import copy

import pytest
from django.conf import settings

from careers.catalogue import translations as t
from careers.catalogue.read import read_careers, read_vocabularies


@pytest.fixture(scope="module")
def english():
    problems = []
    docs = {path.stem: doc for path, doc in read_careers(settings.CATALOGUE_DIR, problems)}
    assert not problems
    return docs


def hindi(value):
    """Stand-in translation: any text becomes Devanagari of the same shape."""
    if isinstance(value, dict):
        return {
            k: v
            if k
            in ("translation_of", "language", "coverage", "source_digest", "skill", "degree", "exam", "tool", "career")
            else hindi(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [hindi(v) for v in value]
    return "हिंदी पाठ" if isinstance(value, str) else value


def test_a_skeleton_is_still_english_and_a_translation_of_it_passes(english):
    skeleton = t.skeleton("nurse", english["nurse"], "hi")
    problems, stale = t.check("nurse", english["nurse"], skeleton, "hi")
    assert any(p.endswith("overview: still in English") for p in problems) and not stale
    problems, stale = t.check("nurse", english["nurse"], hindi(skeleton), "hi")
    assert problems == [] and not stale


def test_full_covers_every_translatable_section_and_core_only_the_core(english):
    full = t.skeleton("nurse", english["nurse"], "hi")
    core = t.skeleton("nurse", english["nurse"], "hi", "core")
    assert {"salary", "skills", "learning_path", "faqs", "growth"} <= set(full)
    assert set(core) - set(t.META_KEYS) == {*t.CORE_KEYS, "faqs"}
    assert [row["skill"] for row in full["skills"]] == [row["skill"] for row in english["nurse"]["skills"]]


def test_a_translation_goes_stale_when_the_english_changes(english):
    doc = hindi(t.skeleton("nurse", english["nurse"], "hi"))
    changed = copy.deepcopy(english["nurse"])
    changed["faqs"][0]["answer"] += " One more sentence."
    assert t.check("nurse", changed, doc, "hi") == ([], True)
    changed = copy.deepcopy(english["nurse"])
    changed["industries"] = []  # not translated text: the translation stays current
    assert t.check("nurse", changed, doc, "hi") == ([], False)


def test_rows_out_of_shape_are_named(english):
    doc = hindi(t.skeleton("nurse", english["nurse"], "hi"))
    doc["faqs"].pop()
    doc["skills"][0]["skill"] = "not-the-same-skill"
    doc["extra"] = "हिंदी"
    problems, _stale = t.check("nurse", english["nurse"], doc, "hi")
    assert "nurse.faqs: must be a list of 8 like the English" in problems
    assert any("nurse.skills[0].skill: must stay" in p for p in problems)
    assert "nurse.extra: not in the English document" in problems


def test_every_committed_translation_matches_its_english_document(english):
    problems = []
    vocabularies = read_vocabularies(settings.CATALOGUE_DIR, problems)
    for language in t.LANGUAGES:
        for path in sorted((t.root(settings.CATALOGUE_DIR, language) / "careers").glob("*.yaml")):
            assert path.stem in english, f"{path}: no English career {path.stem}"
            found, _stale = t.check(path.stem, english[path.stem], t.read(path), language)
            problems += [f"{path}: {p}" for p in found]
        for kind in t.VOCABULARY_TEXT:
            path = t.vocabulary_path(settings.CATALOGUE_DIR, language, kind)
            if path.exists():
                entries = {slug: entry for slug, (entry, _f) in vocabularies[kind].items()}
                problems += [f"{path}: {p}" for p in t.check_vocabulary(kind, entries, t.read(path))[0]]
    assert problems == []


def test_stamp_marks_an_updated_translation_current(tmp_path, settings):
    import shutil

    from django.core.management import call_command

    root = tmp_path / "fixtures"
    shutil.copytree(settings.CATALOGUE_DIR, root)
    settings.CATALOGUE_DIR = root
    english = root / "careers" / "nurse.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("stay well.", "stay well at home."), "utf-8")
    path = t.career_path(root, "hi", "nurse")
    before = t.read(path)
    doc = t.read(english)
    assert t.check("nurse", doc, before, "hi") == ([], True)  # stale: the English summary changed
    call_command("translations", "stamp", "nurse")
    assert t.check("nurse", doc, t.read(path), "hi") == ([], False)
    assert {k: v for k, v in t.read(path).items() if k != "source_digest"} == {
        k: v for k, v in before.items() if k != "source_digest"
    }
