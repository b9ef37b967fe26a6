import shutil
from unittest import mock

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from careers import models as m
from careers.catalogue import ContentError, career_document, digest, load_catalogue

pytestmark = pytest.mark.django_db

ML = "machine-learning-engineer"


@pytest.fixture
def fixtures_copy(tmp_path):
    """A writable copy of the real fixtures folder."""
    root = tmp_path / "fixtures"
    shutil.copytree(settings.CATALOGUE_DIR, root)
    return root


def _edit_doc(root, slug, change):
    path = root / "careers" / f"{slug}.yaml"
    doc = yaml.safe_load(path.read_text())
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


def _row_counts():
    models = [
        m.Career,
        m.Skill,
        m.Degree,
        m.Tool,
        m.Industry,
        m.Cluster,
        m.CareerSkill,
        m.CareerDegree,
        m.SalaryBand,
        m.LearningStep,
        m.FAQ,
        m.RelatedCareer,
        m.GrowthStage,
        m.CareerIndustry,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_loading_twice_gives_the_same_rows():
    before = _row_counts()
    history_before = m.Career.history.count()
    report = load_catalogue(settings.CATALOGUE_DIR)
    assert _row_counts() == before
    assert not report.created and not report.updated and not report.skipped
    assert m.Career.history.count() == history_before, "an unchanged load must not write history"


def test_every_career_in_the_database_is_what_its_document_says():
    """The export of each loaded career hashes to what the loader built from its document."""
    careers = {c.slug: c for c in m.Career.objects.with_all_sections()}
    recorded = dict(m.LoadedDocument.objects.filter(kind="career").values_list("key", "digest"))
    paths = sorted((settings.CATALOGUE_DIR / "careers").glob("*.yaml"))
    assert paths
    for path in paths:
        assert digest(career_document(careers[path.stem])) == recorded[path.stem], path.name


def test_document_and_database_agree_on_a_field_by_field_reading():
    doc = yaml.safe_load((settings.CATALOGUE_DIR / "careers" / f"{ML}.yaml").read_text())
    exported = career_document(m.Career.objects.with_all_sections().get(slug=ML))
    assert exported["summary"] == doc["summary"].strip()
    assert [s["skill"] for s in exported["skills"]] == [s["skill"] for s in doc["skills"]]
    assert exported["salary"]["bands"][0] == {
        **doc["salary"]["bands"][0],
        "note": doc["salary"]["bands"][0]["note"].strip(),
    }
    assert exported["growth"][-1] == doc["growth"][-1]
    assert exported["related"] == doc["related"]


def test_a_changed_document_updates_its_career(fixtures_copy):
    _edit_doc(fixtures_copy, ML, lambda d: d["faqs"].append({"question": "New question?", "answer": "New answer."}))
    report = load_catalogue(fixtures_copy)
    assert f"career {ML}" in report.updated
    assert m.FAQ.objects.filter(career__slug=ML, question="New question?", order=9).exists()


def test_a_broken_document_is_refused_with_its_file_and_field(fixtures_copy):
    def breaks(doc):
        doc["degrees"][0]["fit"] = 140
        doc["skills"][1]["importance"] = "very high"

    _edit_doc(fixtures_copy, ML, breaks)
    before = _row_counts()
    with pytest.raises(ContentError) as exc:
        load_catalogue(fixtures_copy)
    text = str(exc.value)
    assert f"{ML}.yaml: degrees[1].fit_score" in text
    assert f"{ML}.yaml: skills[2].importance" in text
    assert _row_counts() == before


def test_an_unknown_vocabulary_slug_is_named(fixtures_copy):
    _edit_doc(fixtures_copy, ML, lambda d: d["skills"][0].update(skill="pythn"))
    with pytest.raises(ContentError, match=r"skills\[1\]\.skill: unknown skill 'pythn'"):
        load_catalogue(fixtures_copy)


def test_invalid_yaml_is_refused_by_the_command(fixtures_copy):
    (fixtures_copy / "careers" / f"{ML}.yaml").write_text("title: [unclosed\n")
    with pytest.raises(CommandError, match=f"{ML}.yaml: cannot be read as YAML"):
        call_command("load_catalogue", path=str(fixtures_copy))


def test_staff_edits_are_kept_and_reported(fixtures_copy):
    career = m.Career.objects.get(slug=ML)
    career.summary = "Edited by an editor in the admin."
    career.save()
    _edit_doc(fixtures_copy, ML, lambda d: d.update(overview="A new overview from the document."))
    report = load_catalogue(fixtures_copy)
    assert any(ML in line for line in report.skipped)
    career.refresh_from_db()
    assert career.summary == "Edited by an editor in the admin."
    assert career.overview != "A new overview from the document."


def test_staff_edits_to_a_section_row_are_kept(fixtures_copy):
    faq = m.FAQ.objects.get(career__slug=ML, order=1)
    faq.answer = "An editor's better answer."
    faq.save()
    report = load_catalogue(fixtures_copy)
    assert any(ML in line for line in report.skipped)
    faq.refresh_from_db()
    assert faq.answer == "An editor's better answer."


def test_staff_edits_are_replaced_only_when_asked(fixtures_copy):
    career = m.Career.objects.get(slug=ML)
    career.summary = "Edited in the admin."
    career.save()
    load_catalogue(fixtures_copy, overwrite_edited=True)
    career.refresh_from_db()
    assert career.summary.startswith("A Machine Learning Engineer builds, deploys")


def test_staff_edits_to_vocabulary_are_kept(fixtures_copy):
    m.Skill.objects.filter(slug="sql").update(name="SQL (Structured Query Language)")
    report = load_catalogue(fixtures_copy)
    assert any("skill sql" in line for line in report.skipped)
    assert m.Skill.objects.get(slug="sql").name == "SQL (Structured Query Language)"


def test_dry_run_writes_nothing(fixtures_copy):
    _edit_doc(fixtures_copy, ML, lambda d: d.update(summary="Changed in the document."))
    out = call_command_output("load_catalogue", path=str(fixtures_copy), dry_run=True)
    assert "Dry run" in out and f"career {ML}" in out
    assert m.Career.objects.get(slug=ML).summary != "Changed in the document."


def test_related_careers_without_a_document_become_unlinked_drafts(fixtures_copy):
    _edit_doc(
        fixtures_copy,
        ML,
        lambda d: d["related"].append(
            {"career": "quantum-engineer", "title": "Quantum Engineer", "difference": "Different."}
        ),
    )
    report = load_catalogue(fixtures_copy)
    stub = m.Career.objects.get(slug="quantum-engineer")
    assert stub.status == m.Career.Status.DRAFT
    assert any("quantum-engineer" in line for line in report.stubs)
    # A later document for it fills the placeholder in.
    doc = yaml.safe_load((fixtures_copy / "careers" / f"{ML}.yaml").read_text())
    doc.update(title="Quantum Engineer", related=[])
    (fixtures_copy / "careers" / "quantum-engineer.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
    report = load_catalogue(fixtures_copy)
    assert "career quantum-engineer" in report.updated
    assert m.Career.objects.get(slug="quantum-engineer").summary == doc["summary"]


def test_load_records_history():
    career = m.Career.objects.get(slug=ML)
    assert career.history.filter(history_change_reason="load_catalogue").exists()
    assert m.FAQ.history.filter(career_id=career.pk).count() >= 8


def call_command_output(*args, **kwargs):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_an_unchanged_load_reindexes_and_rechecks_nothing(django_capture_on_commit_callbacks):
    with (
        mock.patch("careers.search.reindex") as reindex,
        mock.patch("careers.catalogue.completeness.refresh") as rechecked,
        django_capture_on_commit_callbacks(execute=True),
    ):
        load_catalogue(settings.CATALOGUE_DIR)
    reindex.assert_not_called()
    rechecked.assert_not_called()


def test_a_load_reindexes_and_rechecks_only_the_careers_it_changed(fixtures_copy, django_capture_on_commit_callbacks):
    _edit_doc(fixtures_copy, ML, lambda d: d["faqs"].append({"question": "New question?", "answer": "New answer."}))
    with (
        mock.patch("careers.search.reindex") as reindex,
        mock.patch("careers.catalogue.completeness.refresh") as rechecked,
        django_capture_on_commit_callbacks(execute=True),
    ):
        load_catalogue(fixtures_copy)
    ml = m.Career.objects.get(slug=ML).pk
    reindex.assert_called_once_with([ml])
    rechecked.assert_called_once_with([ml])


def test_a_renamed_skill_reindexes_the_careers_that_list_it_once(fixtures_copy, django_capture_on_commit_callbacks):
    path = fixtures_copy / "vocabulary" / "skills" / "edu-business.yaml"
    path.write_text(path.read_text().replace("name: Lesson Planning,", "name: Lesson Plans,"))
    users = sorted(m.CareerSkill.objects.filter(skill__slug="lesson-planning").values_list("career_id", flat=True))
    assert users
    with (
        mock.patch("careers.search.reindex") as reindex,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        report = load_catalogue(fixtures_copy)
    assert "skill lesson-planning" in report.updated
    assert m.Skill.objects.get(slug="lesson-planning").name == "Lesson Plans"
    reindex.assert_called_once_with(users)
    assert len(callbacks) <= 2  # the write hook's flush, not one per entry written
