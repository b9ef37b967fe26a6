"""Editing a published career through a revision: the public page never shows half-done work."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from careers import models as m
from careers.tests.test_admin import form_data
from careers.workflow import publish_revision, start_revision

pytestmark = pytest.mark.django_db
NURSE = "/careers/nurse/"


def login(client, group):
    user = get_user_model().objects.create_user(group.split()[1], password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def test_a_revision_copies_every_section_and_stays_private(client):
    nurse = m.Career.objects.get(slug="nurse")
    revision = start_revision(nurse)
    assert revision.status == m.Career.Status.DRAFT and revision.revision_of == nurse
    for name in ["skills", "degrees", "faqs", "related", "salary_bands", "learning_steps"]:
        assert getattr(revision, name).count() == getattr(nurse, name).count() > 0
    assert client.get(f"/careers/{revision.slug}/").status_code == 404
    assert start_revision(nurse) == revision  # one open revision per career


def test_edits_to_a_revision_do_not_reach_the_public_page(client):
    revision = start_revision(m.Career.objects.get(slug="nurse"))
    revision.faqs.filter(order=1).update(answer="Half-done new answer.")
    revision.summary = "A half-finished summary."
    revision.save()
    body = client.get(NURSE).content.decode()
    assert "Half-done new answer." not in body and "A half-finished summary." not in body


def test_publishing_the_revision_updates_the_career_in_place(client):
    nurse = m.Career.objects.get(slug="nurse")
    faq_count = nurse.faqs.count()
    revision = start_revision(nurse)
    revision.summary = "A better summary."
    revision.save()
    revision.faqs.filter(order=1).update(answer="A better answer.")
    published = publish_revision(revision)
    assert published.pk == nurse.pk and published.slug == "nurse" and published.title == "Nurse"
    assert not m.Career.objects.filter(pk=revision.pk).exists()
    body = client.get(NURSE).content.decode()
    assert "A better summary." in body and "A better answer." in body
    assert published.faqs.count() == faq_count
    assert published.history.first().history_change_reason == "published from a revision"


def test_editors_cannot_change_a_published_career_directly_but_can_start_a_revision(client):
    login(client, "Content editors")
    nurse = m.Career.objects.get(slug="nurse")
    url = f"/admin/careers/career/{nurse.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200 and not response.context["has_change_permission"]
    client.post("/admin/careers/career/", {"action": "start_revision", "_selected_action": [nurse.pk]})
    revision = m.Career.objects.get(revision_of=nurse)
    data = form_data(client.get(f"/admin/careers/career/{revision.pk}/change/"))
    data["summary"] = "Edited by an editor."
    assert client.post(f"/admin/careers/career/{revision.pk}/change/", data).status_code == 302
    assert m.Career.objects.get(pk=nurse.pk).summary != "Edited by an editor."


def test_a_publisher_publishes_the_revision_with_the_publish_action(client):
    nurse = m.Career.objects.get(slug="nurse")
    revision = start_revision(nurse)
    revision.summary = "Reviewed and better."
    revision.save()
    login(client, "Content publishers")
    client.post("/admin/careers/career/", {"action": "publish", "_selected_action": [revision.pk]})
    nurse.refresh_from_db()
    assert nurse.summary == "Reviewed and better." and nurse.status == m.Career.Status.PUBLISHED
    assert not m.Career.objects.filter(revision_of=nurse).exists()


def test_revisions_are_not_exported(tmp_path):
    from careers.catalogue import export_catalogue

    start_revision(m.Career.objects.get(slug="nurse"))
    export_catalogue(tmp_path)
    assert not list((tmp_path / "careers").glob("*revision*"))
