"""Hindi content: the reviewed translations in the database, whole pages in one language, the
translation's state, the admin's draft and approval, and the loader keeping staff's Hindi."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import translation

from careers import models as m
from careers import workflow
from careers.catalogue import load_catalogue, localize
from careers.catalogue import translations as tr

pytestmark = pytest.mark.django_db
Status = m.Career.TranslationStatus
FULL = "nurse"  # translated in full (fixtures/translations/hi/careers/nurse.yaml)


def _partial_slug():
    return m.Career.objects.published().filter(translation_status_hi=Status.PARTIAL).values_list("slug", flat=True)[0]


def devanagari_share(html):
    """Of the letters a reader sees in <main>, the share that are Devanagari."""
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    text = re.sub(r"<[^>]+>", " ", main)
    letters = [ch for ch in text if ch.isalpha()]
    return sum("\u0900" <= ch <= "\u097f" for ch in letters) / max(1, len(letters))


def test_the_loader_writes_the_reviewed_hindi_into_the_translated_columns():
    nurse = m.Career.objects.get(slug=FULL)
    doc = tr.read(tr.career_path("fixtures", "hi", FULL))
    assert nurse.title_hi == doc["title"]
    assert nurse.faqs.order_by("order").first().question_hi == doc["faqs"][0]["question"]
    with translation.override("hi"):
        assert nurse.title == doc["title"]
    with translation.override("en"):
        assert nurse.title == "Nurse"
    assert m.Skill.objects.exclude(name_hi=None).count() == m.Skill.objects.count()


def test_every_career_has_a_state_and_fifty_are_complete():
    counts = {s: m.Career.objects.published().filter(translation_status_hi=s).count() for s in Status.values}
    assert counts[Status.COMPLETE] >= 50
    assert counts[Status.MISSING] == 0


def test_a_fully_translated_career_page_is_hindi(client):
    html = client.get(f"/hi/careers/{FULL}/").content.decode()
    assert '<html lang="hi">' in html
    assert devanagari_share(html) > 0.5
    assert 'lang="en-IN"' not in html.split("<main", 1)[1].split("</main>")[0].replace('hreflang="en-IN"', "")


def test_a_partly_translated_career_shows_in_english_with_a_hindi_notice(client):
    slug = _partial_slug()
    career = m.Career.objects.get(slug=slug)
    html = client.get(f"/hi/careers/{slug}/").content.decode()
    main = html.split("<main", 1)[1]
    assert 'class="translation-notice"' in main
    assert re.search(r'<article class="career"[^>]* lang="en-IN"', main)
    with translation.override("en"):
        assert career.title in main and career.summary in main
    with translation.override("hi"):
        assert career.summary not in main  # never half a page in each language


def test_an_english_change_makes_the_hindi_stale_and_the_page_english(client, django_capture_on_commit_callbacks):
    faq = m.FAQ.objects.filter(career__slug=FULL).order_by("order").first()
    with django_capture_on_commit_callbacks(execute=True):
        faq.answer = "A new English answer the Hindi has not caught up with."
        faq.save()
    assert m.Career.objects.get(slug=FULL).translation_status_hi == Status.STALE
    html = client.get(f"/hi/careers/{FULL}/").content.decode()
    assert "A new English answer the Hindi has not caught up with." in html
    assert 'class="translation-notice"' in html


def test_the_admin_lists_stale_and_missing_translations(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        career = m.Career.objects.get(slug=FULL)
        career.summary = "Changed English summary."
        career.save()
    page = admin_client.get("/admin/careers/career/?translation_status_hi__exact=stale").content.decode()
    assert "Changed English summary" not in page and ">Nurse<" in page
    assert "Stale" in admin_client.get("/admin/careers/career/").content.decode()
    page = admin_client.get("/admin/careers/career/?translation_status_hi__exact=complete").content.decode()
    assert ">Nurse<" not in page


def _editor(client):
    user = get_user_model().objects.create_user("anu", "anu@example.com", "pw-for-tests-only", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_career", "change_career"]))
    client.force_login(user)
    return user


def test_a_saved_hindi_draft_is_recorded_but_not_shown(client, django_capture_on_commit_callbacks):
    career = m.Career.objects.get(slug=FULL)
    _editor(client)
    url = f"/admin/careers/career/{career.pk}/hindi/"
    draft = localize.parse(career.translation_hi)
    draft["summary"] = "एक नया, अभी बिना जाँचा सारांश।"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"draft": localize.dump(draft), "opened_at": career.updated.isoformat(), "save": "1"}
        )
    assert response.status_code == 302
    career.refresh_from_db()
    assert "बिना जाँचा" in career.translation_hi_draft
    assert career.history.first().translation_hi_draft == career.translation_hi_draft
    assert "बिना जाँचा" not in client.get(f"/hi/careers/{FULL}/").content.decode()
    # An editor who may not publish cannot approve it.
    response = client.post(
        url, {"draft": localize.dump(draft), "opened_at": career.updated.isoformat(), "approve": "1"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("opened_at", [None, "", "not a time", "2026-01-01T10:00:00"])
def test_a_hindi_draft_without_a_valid_opened_at_is_refused_not_saved(client, opened_at):
    career = m.Career.objects.get(slug=FULL)
    m.Career.objects.filter(pk=career.pk).update(translation_hi_draft="")
    _editor(client)
    post = {"draft": "summary: एक मसौदा", "save": "1"}
    if opened_at is not None:
        post["opened_at"] = opened_at
    page = client.post(f"/admin/careers/career/{career.pk}/hindi/", post)
    assert page.status_code == 200 and "Nothing was saved" in page.content.decode()
    assert m.Career.objects.get(pk=career.pk).translation_hi_draft == ""


def test_approving_a_draft_shows_it_and_a_stale_draft_needs_the_reviewers_word(
    admin_client, django_capture_on_commit_callbacks
):
    career = m.Career.objects.get(slug=FULL)
    draft = localize.parse(career.translation_hi)
    draft["summary"] = "जाँचा हुआ नया सारांश।"
    draft["source_digest"] = "0" * 64  # made from some older English
    url = f"/admin/careers/career/{career.pk}/hindi/"
    post = {"draft": localize.dump(draft), "opened_at": career.updated.isoformat(), "approve": "1"}
    page = admin_client.post(url, post).content.decode()
    assert "older English text" in page
    assert "जाँचा हुआ नया" not in admin_client.get("/hi/careers/nurse/").content.decode()
    career.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {**post, "opened_at": career.updated.isoformat(), "restamp": "1"})
    assert response.status_code == 302
    career.refresh_from_db()
    assert career.summary_hi == "जाँचा हुआ नया सारांश।" and career.translation_status_hi == Status.COMPLETE
    assert "जाँचा हुआ नया सारांश।" in admin_client.get("/hi/careers/nurse/").content.decode()


def test_approval_refuses_english_left_in_the_draft(admin_client):
    career = m.Career.objects.get(slug=FULL)
    draft = localize.parse(career.translation_hi)
    draft["overview"] = "This overview was never translated into Hindi and is still entirely in English."
    with pytest.raises(workflow.TranslationRefused, match="still in English"):
        career.translation_hi_draft = localize.dump(draft)
        career.save()
        workflow.approve_translation(career)
    career.refresh_from_db()
    assert "never translated" not in (career.overview_hi or "")


def test_publishing_a_revision_never_changes_the_hindi(django_capture_on_commit_callbacks):
    career = m.Career.objects.get(slug=FULL)
    before = career.summary_hi
    revision = workflow.start_revision(career)
    revision.summary = "The revised English summary."
    revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_revision(revision)
    career.refresh_from_db()
    assert career.summary_hi == before and career.summary_en == "The revised English summary."
    assert career.translation_status_hi == Status.STALE


def test_loading_again_keeps_hindi_approved_in_the_admin_and_refills_rewritten_rows(settings):
    career = m.Career.objects.get(slug=FULL)
    doc = localize.parse(career.translation_hi)
    doc["summary"] = "प्रशासन में स्वीकृत सारांश।"
    localize.write(career, doc, reason="approved in the admin")
    report = load_catalogue(settings.CATALOGUE_DIR)
    assert any(line.startswith("translation-hi nurse") for line in report.skipped)
    assert m.Career.objects.get(slug=FULL).summary_hi == "प्रशासन में स्वीकृत सारांश।"
    # An English reload rewrites the career's rows; their Hindi comes back from the approved document.
    m.FAQ.objects.filter(career=career).update(answer_hi=None)
    load_catalogue(settings.CATALOGUE_DIR, overwrite_edited=True, only={FULL})
    assert m.FAQ.objects.filter(career=career, answer_hi=None).count() == 0


@pytest.mark.parametrize(
    "query,expected", [("डॉक्टर", "doctor-mbbs"), ("इंजीनियर", None), ("डॉक्टर कैसे बनें", "doctor-mbbs")]
)
def test_hindi_search_finds_careers(client, query, expected):
    html = client.get("/hi/search/", {"q": query}).content.decode()
    found = re.findall(r'href="/hi/careers/([a-z0-9-]+)/"', html)
    assert found, query
    if expected:
        assert expected in found[:3]
    else:
        assert all("engineer" in slug for slug in found[:5])


def test_transliterated_hinglish_search_finds_careers(client):
    html = client.get("/hi/search/", {"q": "doctor kaise bane"}).content.decode()
    assert re.findall(r'href="/hi/careers/([a-z0-9-]+)/"', html)[0] == "doctor-mbbs"


def test_an_uploaded_english_document_keeps_the_careers_approved_hindi(admin_client):
    import yaml

    from careers.catalogue import import_documents
    from careers.catalogue.export import export_careers

    text = next(iter(export_careers(m.Career.objects.with_all_sections().filter(slug=FULL)).values()))
    doc = yaml.safe_load(text)
    doc["summary"] += " (Edited in an upload.)"  # so the upload rewrites the career and its rows
    import_documents({f"{FULL}.yaml": yaml.safe_dump(doc, allow_unicode=True)}, dry_run=False)
    nurse = m.Career.objects.get(slug=FULL)
    assert m.FAQ.objects.filter(career=nurse, answer_hi=None).count() == 0
    assert nurse.faqs.order_by("order").first().question_hi


def test_hindi_search_is_served_by_its_index_on_postgresql():
    from django.db import connection

    from careers.search import hindi

    if connection.vendor != "postgresql":
        pytest.skip("the simple text-search index is PostgreSQL's (SQLite reads the columns)")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # few rows here: ask whether the index can serve it
        plan = hindi._matching(m.Career.objects.order_by(), ["डॉक्टर"]).explain()
    assert "career_hindi_simple" in plan
