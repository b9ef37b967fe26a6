"""Exporting the catalogue and importing documents: one format, one code path with the loader."""

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from careers import changes
from careers import models as m
from careers.catalogue import export_catalogue, load_catalogue
from careers.catalogue.schema import VOCABULARIES

pytestmark = pytest.mark.django_db
ML = "machine-learning-engineer"


def _files(root):
    return {str(p.relative_to(root)): p.read_text() for p in sorted(Path(root).rglob("*.yaml"))}


def _empty_database():
    with changes.suppressed():  # not one write-hook report per deleted row: nothing is left to report on
        m.RelatedCareer.objects.all().delete()
        m.Career.objects.all().delete()
        for model, _location, _extra in VOCABULARIES.values():
            model.objects.all().delete()
        m.LoadedDocument.objects.all().delete()


def test_export_then_load_into_an_empty_database_then_export_is_identical(tmp_path):
    # Staff edits are part of the catalogue too.
    m.FAQ.objects.filter(career__slug=ML, order=1).update(answer="Edited in the admin: “quotes”, ₹ and: colons.")
    first = tmp_path / "first"
    export_catalogue(first)
    _empty_database()
    report = load_catalogue(first)
    assert len(report.created) > 40
    second = tmp_path / "second"
    export_catalogue(second)
    assert _files(first) == _files(second)
    assert m.FAQ.objects.get(career__slug=ML, order=1).answer.startswith("Edited in the admin")


def test_export_command_writes_the_fixtures_layout(tmp_path):
    call_command("export_catalogue", output=str(tmp_path), stdout=io.StringIO())
    assert (tmp_path / "careers" / f"{ML}.yaml").exists()
    assert (tmp_path / "vocabulary" / "clusters.yaml").exists()
    doc = yaml.safe_load((tmp_path / "careers" / f"{ML}.yaml").read_text())
    assert list(doc)[:3] == ["title", "cluster", "status"]


def test_admin_exports_selected_careers_as_documents(admin_client):
    pks = list(m.Career.objects.filter(slug__in=[ML, "nurse"]).values_list("pk", flat=True))
    response = admin_client.post("/admin/careers/career/", {"action": "export_documents", "_selected_action": pks})
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [f"careers/{ML}.yaml", "careers/nurse.yaml"]


def _upload(text, name=f"{ML}.yaml"):
    return SimpleUploadedFile(name, text.encode(), content_type="application/x-yaml")


def test_admin_import_previews_then_applies(admin_client):
    response = admin_client.post(
        "/admin/careers/career/", {"action": "export_documents", "_selected_action": [m.Career.objects.get(slug=ML).pk]}
    )
    text = zipfile.ZipFile(io.BytesIO(response.content)).read(f"careers/{ML}.yaml").decode()
    doc = yaml.safe_load(text)
    doc["summary"] = "Imported summary."
    changed = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)

    preview = admin_client.post("/admin/careers/career/import/", {"documents": [_upload(changed)]})
    body = preview.content.decode()
    assert "What the import would do" in body and f"career {ML}" in body
    assert m.Career.objects.get(slug=ML).summary != "Imported summary."  # nothing written yet

    # The confirmation carries the previewed documents back; nothing waited in the session.
    assert not any(key.startswith("career_import") for key in admin_client.session.keys())
    applied = admin_client.post(
        "/admin/careers/career/import/", {"apply": "1", "name": [f"{ML}.yaml"], "text": [changed]}
    )
    assert applied.status_code == 302
    assert m.Career.objects.get(slug=ML).summary == "Imported summary."


def test_admin_import_refuses_a_broken_document_and_names_the_field(admin_client):
    broken = "title: Machine Learning Engineer\ncluster: nowhere\nstatus: published\n"
    response = admin_client.post("/admin/careers/career/import/", {"documents": [_upload(broken)]})
    body = response.content.decode()
    assert "were not imported" in body and "cluster" in body
    assert m.Career.objects.get(slug=ML).cluster.slug == "ai-data"


def test_import_needs_yaml_files(admin_client):
    response = admin_client.post("/admin/careers/career/import/", {"documents": [_upload("x", name="notes.txt")]})
    assert "only .yaml career documents" in response.content.decode()


def test_editors_can_import_but_anonymous_cannot(client):
    assert client.get("/admin/careers/career/import/").status_code == 302  # to the login page
