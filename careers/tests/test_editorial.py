"""Status workflow, preview and the two content roles."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from careers import models as m
from careers.tests.factories import make_career
from careers.tests.test_admin import form_data

pytestmark = pytest.mark.django_db


def staff(client, group):
    user = get_user_model().objects.create_user(group.split()[1], password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    staff(client, "Content editors")
    return client


@pytest.fixture
def publisher(client):
    staff(client, "Content publishers")
    return client


def test_roles_exist_with_the_documented_permissions():
    editors = set(Group.objects.get(name="Content editors").permissions.values_list("codename", flat=True))
    publishers = set(Group.objects.get(name="Content publishers").permissions.values_list("codename", flat=True))
    assert {"add_career", "change_career", "change_faq", "add_skill"} <= editors
    assert "publish_career" not in editors and "delete_career" not in editors
    assert not any(p.endswith(("_user", "_group")) for p in editors | publishers)
    assert publishers == editors | {"publish_career", "delete_career"}


def test_editor_can_draft_a_new_career(editor):
    response = editor.get("/admin/careers/career/add/")
    assert response.status_code == 200
    choices = [value for value, _ in response.context["adminform"].form.fields["status"].choices]
    assert choices == ["draft", "review"]


def test_editor_cannot_publish_by_posting_the_status(editor):
    career = make_career("draft-career", status=m.Career.Status.REVIEW)
    url = f"/admin/careers/career/{career.pk}/change/"
    data = form_data(editor.get(url))
    data["status"] = "published"
    response = editor.post(url, data)
    assert response.status_code == 200  # the form refuses the choice
    career.refresh_from_db()
    assert career.status == m.Career.Status.REVIEW


def test_editor_cannot_change_the_status_of_a_published_career(editor):
    career = m.Career.objects.get(slug="nurse")
    response = editor.get(f"/admin/careers/career/{career.pk}/change/")
    assert "status" not in response.context["adminform"].form.fields


def test_editor_has_no_publish_action_and_cannot_delete_careers(editor):
    response = editor.get("/admin/careers/career/")
    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "send_for_review" in actions and "publish" not in actions and "delete_selected" not in actions
    career = make_career("to-keep")
    assert editor.post(f"/admin/careers/career/{career.pk}/delete/", {"post": "yes"}).status_code == 403


def test_editor_cannot_touch_users_or_groups(editor):
    assert editor.get("/admin/auth/user/").status_code == 403
    assert editor.get("/admin/auth/group/").status_code == 403


def test_editor_sends_a_draft_for_review(editor):
    career = make_career("ready", status=m.Career.Status.DRAFT)
    editor.post("/admin/careers/career/", {"action": "send_for_review", "_selected_action": [career.pk]})
    career.refresh_from_db()
    assert career.status == m.Career.Status.REVIEW
    assert career.history.first().history_user.username == "editors"


def test_publisher_publishes_and_the_review_date_is_set(publisher):
    career = make_career("new-one", status=m.Career.Status.REVIEW, last_reviewed=datetime.date(2020, 1, 1))
    publisher.post("/admin/careers/career/", {"action": "publish", "_selected_action": [career.pk]})
    career.refresh_from_db()
    assert career.status == m.Career.Status.PUBLISHED
    assert career.last_reviewed == timezone.localdate()


def test_publishing_from_the_form_sets_the_review_date(publisher):
    career = make_career("form-one", status=m.Career.Status.REVIEW)
    url = f"/admin/careers/career/{career.pk}/change/"
    data = form_data(publisher.get(url))
    data["status"] = "published"
    assert publisher.post(url, data).status_code == 302
    career.refresh_from_db()
    assert career.status == "published" and career.last_reviewed == timezone.localdate()


def test_publisher_can_archive(publisher):
    career = m.Career.objects.get(slug="nurse")
    publisher.post("/admin/careers/career/", {"action": "archive", "_selected_action": [career.pk]})
    career.refresh_from_db()
    assert career.status == m.Career.Status.ARCHIVED


def test_changelist_flags_careers_not_reviewed_in_a_year(publisher):
    make_career("stale", last_reviewed=timezone.localdate() - datetime.timedelta(days=400))
    response = publisher.get("/admin/careers/career/?review=due")
    slugs = [c.slug for c in response.context["cl"].result_list]
    assert slugs == ["stale"]


def test_changelist_shows_and_filters_completeness(publisher):
    make_career("thin-career")
    response = publisher.get("/admin/careers/career/?complete=no")
    slugs = {c.slug for c in response.context["cl"].result_list}
    assert "thin-career" in slugs and "nurse" not in slugs
    assert "✓ complete" in publisher.get("/admin/careers/career/?complete=yes").content.decode()


def test_staff_preview_an_unpublished_career_with_a_banner(editor, client):
    make_career("secret-draft", status=m.Career.Status.DRAFT)
    response = editor.get("/careers/secret-draft/")
    assert response.status_code == 200
    assert "Preview — not published." in response.content.decode()


def test_visitors_never_see_unpublished_careers(client):
    make_career("hidden-draft", status=m.Career.Status.DRAFT)
    assert client.get("/careers/hidden-draft/").status_code == 404
    for url in ["/careers/", "/search/?q=hidden", "/sitemap.xml", "/compare/?careers=hidden-draft,nurse"]:
        assert "Hidden Draft" not in client.get(url).content.decode(), url


def test_admin_has_view_on_site(publisher):
    career = m.Career.objects.get(slug="nurse")
    body = publisher.get(f"/admin/careers/career/{career.pk}/change/").content.decode()
    assert "View on site" in body


def test_editing_in_the_admin_updates_search(publisher, django_capture_on_commit_callbacks):
    career = m.Career.objects.get(slug="nurse")
    url = f"/admin/careers/career/{career.pk}/change/"
    data = form_data(publisher.get(url))
    data["job_titles-0-title"] = "Bedside Guardian"
    with django_capture_on_commit_callbacks(execute=True):
        assert publisher.post(url, data).status_code == 302
    assert "/careers/nurse/" in publisher.get("/search/?q=guardian").content.decode()
