"""One write path: stale saves refused, revisions published only over the version they started
from, and every committed write reaching search and the page cache."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from careers import models as m
from careers import search, workflow
from careers.tests.test_admin import form_data

pytestmark = pytest.mark.django_db
NURSE = "nurse"


def _editor(name):
    user = get_user_model().objects.create_superuser(name, f"{name}@example.org", "pw-for-tests-only")
    client = Client()
    client.force_login(user)
    return client


def _change_url(career):
    return f"/admin/careers/career/{career.pk}/change/"


def test_a_save_over_a_newer_change_is_refused_and_keeps_the_input(django_capture_on_commit_callbacks):
    career = m.Career.objects.get(slug=NURSE)
    alice, bob = _editor("alice"), _editor("bob")
    alice_form = form_data(alice.get(_change_url(career)))
    bob_form = form_data(bob.get(_change_url(career)))  # opened before Alice saves

    alice_form["summary"] = "Alice's summary."
    assert alice.post(_change_url(career), alice_form).status_code == 302

    bob_form["overview"] = "Bob's overview."
    response = bob.post(_change_url(career), bob_form)
    assert response.status_code == 200  # the form again, not a redirect
    career.refresh_from_db()
    assert career.summary == "Alice's summary." and career.overview != "Bob's overview."
    body = response.content.decode()
    assert "Nothing was saved" in body and "alice" in body and "summary" in body
    assert "Bob&#x27;s overview." in body  # the editor's input is still in the form


def test_saving_again_after_the_refusal_replaces_the_change_on_purpose():
    career = m.Career.objects.get(slug=NURSE)
    alice, bob = _editor("alice"), _editor("bob")
    alice_form, bob_form = form_data(alice.get(_change_url(career))), form_data(bob.get(_change_url(career)))
    alice_form["summary"] = "Alice's summary."
    alice.post(_change_url(career), alice_form)
    bob_form["summary"] = "Bob's summary."
    refused = bob.post(_change_url(career), bob_form)
    retry = form_data(refused)  # the form as shown after the refusal, with Bob's input
    assert bob.post(_change_url(career), retry).status_code == 302
    assert m.Career.objects.get(slug=NURSE).summary == "Bob's summary."


def test_a_section_row_changed_elsewhere_also_makes_the_form_stale():
    career = m.Career.objects.get(slug=NURSE)
    bob = _editor("bob")
    bob_form = form_data(bob.get(_change_url(career)))
    faq = career.faqs.first()
    faq.answer = "Changed in the FAQ list."
    faq.save()
    response = bob.post(_change_url(career), bob_form)
    assert response.status_code == 200 and "Nothing was saved" in response.content.decode()
    assert "FAQ" in response.content.decode()


def test_a_row_saved_in_its_own_admin_list_over_a_newer_change_is_refused():
    career = m.Career.objects.get(slug=NURSE)
    faq = career.faqs.first()
    url = f"/admin/careers/faq/{faq.pk}/change/"
    alice, bob = _editor("alice"), _editor("bob")
    alice_form, bob_form = form_data(alice.get(url)), form_data(bob.get(url))
    alice_form["answer"] = "Alice's answer."
    assert alice.post(url, alice_form).status_code == 302
    bob_form["answer"] = "Bob's answer."
    refused = bob.post(url, bob_form)
    assert refused.status_code == 200 and "Nothing was saved" in refused.content.decode()
    assert m.FAQ.objects.get(pk=faq.pk).answer == "Alice's answer."
    assert bob.post(url, form_data(refused)).status_code == 302  # saving again replaces it on purpose
    assert m.FAQ.objects.get(pk=faq.pk).answer == "Bob's answer."


def test_the_change_form_page_carries_the_version_it_was_opened_at():
    career = m.Career.objects.get(slug=NURSE)
    body = _editor("alice").get(_change_url(career)).content.decode()
    assert f'name="opened_at" value="{career.updated.isoformat()}"' in body


@pytest.mark.parametrize("opened_at", ["yesterday", "", "2999-01-01T00:00:00"])
def test_a_forged_or_missing_version_is_refused(opened_at):
    career = m.Career.objects.get(slug=NURSE)
    bob = _editor("bob")
    data = form_data(bob.get(_change_url(career)))
    data["opened_at"] = opened_at  # nonsense, empty, or a date without a time zone
    data["summary"] = "Forged."
    assert bob.post(_change_url(career), data).status_code == 200
    assert m.Career.objects.get(slug=NURSE).summary != "Forged."


def test_publishing_a_revision_over_a_newer_change_is_refused():
    career = m.Career.objects.get(slug=NURSE)
    revision = workflow.start_revision(career)
    revision.summary = "From the revision."
    revision.save()
    career.refresh_from_db()
    career.overview = "Changed on the live career after the revision started."
    career.save()
    with pytest.raises(workflow.StaleEdit) as refused:
        workflow.publish_revision(revision)
    assert "overview" in str(refused.value)
    career.refresh_from_db()
    assert career.summary != "From the revision." and m.Career.objects.filter(pk=revision.pk).exists()

    workflow.rebase_revision(revision)  # the editor has read the change
    published = workflow.publish_revision(revision)
    assert published.summary == "From the revision."


def test_the_publish_action_reports_a_stale_revision_and_publishes_nothing():
    career = m.Career.objects.get(slug=NURSE)
    revision = workflow.start_revision(career)
    career.refresh_from_db()
    career.fits = "Changed underneath."
    career.save()
    publisher = _editor("pat")
    response = publisher.post(
        "/admin/careers/career/", {"action": "publish", "_selected_action": [revision.pk]}, follow=True
    )
    assert "Nothing was published" in response.content.decode()
    assert m.Career.objects.filter(pk=revision.pk, status=m.Career.Status.DRAFT).exists()


def test_a_job_title_edited_in_its_row_admin_is_found_by_search_at_once(django_capture_on_commit_callbacks):
    career = m.Career.objects.get(slug=NURSE)
    row = career.job_titles.first()
    admin = _editor("alice")
    url = f"/admin/careers/jobtitle/{row.pk}/change/"
    data = form_data(admin.get(url))
    data["title"] = "Ward Sentinel"
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(url, data).status_code == 302
    # First (PostgreSQL's trigram similarity may add loose matches after it).
    assert [hit.career.slug for hit in search.search("sentinel")][:1] == [NURSE]


def test_search_and_cache_follow_only_committed_writes(django_capture_on_commit_callbacks):
    career = m.Career.objects.get(slug=NURSE)
    with django_capture_on_commit_callbacks() as callbacks:
        row = career.job_titles.first()
        row.title = "Lamp Keeper"
        row.save()
    assert callbacks, "the write hook waits for the commit"

    def found():
        return NURSE in [hit.career.slug for hit in search.search("lamp keeper")]

    assert not found()  # not reindexed before the commit
    for callback in callbacks:
        callback()
    assert found()


def test_no_module_but_the_write_hook_calls_reindex():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    callers = []
    for folder, _dirs, files in os.walk(root):
        if "tests" in folder or "migrations" in folder:
            continue
        for name in files:
            if name.endswith(".py") and "reindex(" in open(os.path.join(folder, name), encoding="utf-8").read():
                callers.append(os.path.relpath(os.path.join(folder, name), root))
    # search/index.py defines it (search is a package since issue 18).
    assert sorted(callers) == ["changes.py", os.path.join("search", "index.py")]


def test_admin_import_writes_no_temporary_files(admin_client, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise AssertionError("the import must not write temporary files")

    for name in ("TemporaryDirectory", "NamedTemporaryFile", "mkdtemp", "mkstemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    text = admin_client.post(
        "/admin/careers/career/",
        {"action": "export_documents", "_selected_action": [m.Career.objects.get(slug=NURSE).pk]},
    ).content
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    document = zipfile.ZipFile(io.BytesIO(text)).read(f"careers/{NURSE}.yaml")
    upload = SimpleUploadedFile(f"{NURSE}.yaml", document, content_type="application/x-yaml")
    response = admin_client.post("/admin/careers/career/import/", {"documents": [upload]})
    assert "What the import would do" in response.content.decode()
    assert not [key for key in admin_client.session.keys() if "import" in key]
