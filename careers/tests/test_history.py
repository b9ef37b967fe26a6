"""History, diffs, restoring a version and recovering a deleted career."""

import pytest

from careers import history, workflow
from careers import models as m
from careers.sections import SECTIONS

pytestmark = pytest.mark.django_db
ML = "machine-learning-engineer"


def test_timeline_shows_row_changes_as_a_diff(admin_client):
    career = m.Career.objects.get(slug=ML)
    faq = career.faqs.get(order=1)
    faq.answer = "A shorter answer."
    faq.save()
    response = admin_client.get(f"/admin/careers/career/{career.pk}/timeline/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "A shorter answer." in body and "<del>" in body
    assert "FAQ" in body


def test_restore_a_previous_version_of_a_row(admin_client):
    career = m.Career.objects.get(slug=ML)
    faq = career.faqs.get(order=1)
    original = faq.answer
    faq.answer = "Vandalised."
    faq.save()
    version = faq.history.order_by("history_date").filter(answer=original).last()
    response = admin_client.post(
        f"/admin/careers/career/{career.pk}/timeline/", {"version": f"faq:{version.history_id}"}
    )
    assert response.status_code == 302
    faq.refresh_from_db()
    assert faq.answer == original
    assert faq.history.first().history_user.username == "boss"


def test_restore_a_deleted_row():
    career = m.Career.objects.get(slug=ML)
    challenge = career.challenges.get(order=3)
    title = challenge.title
    challenge.delete()
    record = m.Challenge.history.filter(career_id=career.pk, history_type="-").first()
    workflow.restore_version(career.pk, f"challenge:{record.history_id}")
    assert career.challenges.filter(order=3, title=title).exists()


def test_restoring_into_a_taken_position_is_refused():
    career = m.Career.objects.get(slug=ML)
    faq = career.faqs.get(order=2)
    record = faq.history.first()
    faq.delete()
    m.FAQ.objects.create(career=career, order=2, question="Newer?", answer="Yes.")
    with pytest.raises(ValueError, match="taken"):
        workflow.restore_version(career.pk, f"faq:{record.history_id}")


def test_a_version_of_another_career_cannot_be_restored_here():
    other = m.Career.objects.get(slug="nurse")
    record = m.FAQ.history.filter(career_id=other.pk).first()
    with pytest.raises(LookupError):
        workflow.restore_version(m.Career.objects.get(slug=ML).pk, f"faq:{record.history_id}")


def test_a_deleted_career_is_recovered_with_its_sections(admin_client):
    career = m.Career.objects.get(slug="nurse")
    counts = (career.skills.count(), career.faqs.count(), career.related.count())
    pk = career.pk
    career.delete()
    body = admin_client.get("/admin/careers/career/deleted/").content.decode()
    assert "Nurse" in body
    response = admin_client.post("/admin/careers/career/deleted/", {"career_id": pk})
    assert response.status_code == 302
    career = m.Career.objects.get(pk=pk)
    assert (career.skills.count(), career.faqs.count(), career.related.count()) == counts
    assert admin_client.get("/careers/nurse/").status_code == 200


def test_bulk_status_changes_are_recorded(admin_client):
    careers = list(m.Career.objects.filter(slug__in=["nurse", "pharmacist"]))
    admin_client.post(
        "/admin/careers/career/", {"action": "send_for_review", "_selected_action": [c.pk for c in careers]}
    )
    admin_client.post("/admin/careers/career/", {"action": "archive", "_selected_action": [c.pk for c in careers]})
    for career in careers:
        latest = career.history.first()
        assert latest.status == "archived" and latest.history_user.username == "boss"
        assert "bulk action" in latest.history_change_reason


def test_career_history_page_from_simple_history_works(admin_client):
    career = m.Career.objects.get(slug=ML)
    assert admin_client.get(f"/admin/careers/career/{career.pk}/history/").status_code == 200


def test_timeline_queries_do_not_grow_with_changes(django_assert_max_num_queries):
    career = m.Career.objects.get(slug=ML)
    for i, row in enumerate(career.skills.all()):
        row.used_for = f"Changed {i}."
        row.save()
    # one query per model (the career and its sections) and one per vocabulary named in the rows
    sections = len(SECTIONS)
    with django_assert_max_num_queries(1 + sections + sum(1 for s in SECTIONS if s.vocabulary)):
        entries = history.timeline(career.pk)
    changed = [e for e in entries if e.model is m.CareerSkill and e.action == "changed"]
    assert changed and changed[0].label in {r.skill.name for r in career.skills.all()}
    assert changed[0].changes[0][0] == "used_for"
