"""Exams: the list, one exam's page, links both ways with careers, search and the sitemap."""

import pytest

from careers import models as m

pytestmark = pytest.mark.django_db

ROUTES = {
    "doctor-mbbs": "neet-ug",
    "lawyer": "clat",
    "architect": "nata",
    "chartered-accountant": "ca-foundation",
    "civil-services-officer": "upsc-cse",
}


def test_the_list_has_at_least_sixty_exams_grouped_by_purpose(client):
    response = client.get("/exams/")
    assert response.status_code == 200
    assert response.context["count"] >= 60
    body = response.content.decode()
    assert "Admission to undergraduate study" in body and "Recruitment" in body
    for slug in ["neet-ug", "jee-main", "clat", "nda", "ssc-cgl", "ibps-po", "gate", "cat", "ugc-net", "imu-cet"]:
        assert f'href="/exams/{slug}/"' in body, slug


def test_the_list_filters_by_stream_and_level_and_ignores_nonsense(client):
    pcb = client.get("/exams/?stream=pcb&level=national").context
    slugs = {e.slug for _label, exams in pcb["groups"] for e in exams}
    assert "neet-ug" in slugs and "jee-main" not in slugs
    assert all(e.level == "national" for _label, exams in pcb["groups"] for e in exams)
    odd = client.get("/exams/?stream=<script>&level=' OR 1=1")
    assert odd.status_code == 200 and odd.context["applied"] == {"stream": "", "level": ""}


@pytest.mark.parametrize("career,exam", ROUTES.items())
def test_career_pages_link_their_exams_and_exam_pages_link_back(client, career, exam):
    career_page = client.get(f"/careers/{career}/").content.decode()
    assert f'href="/exams/{exam}/"' in career_page
    exam_page = client.get(f"/exams/{exam}/").content.decode()
    assert f'href="/careers/{career}/"' in exam_page


def test_an_exam_page_shows_the_facts_sources_and_a_dates_warning(client):
    body = client.get("/exams/neet-ug/").content.decode()
    assert "National Testing Agency" in body
    assert "change every year" in body and "official website" in body
    assert "Sources" in body and "MBBS" in body
    assert '"BreadcrumbList"' in body


def test_unknown_or_malformed_exam_addresses_are_404(client):
    for path in ["/exams/no-such-exam/", "/exams/NEET/", "/exams/--/"]:
        assert client.get(path).status_code == 404, path


def test_exam_page_lists_its_careers_a_page_at_a_time(client):
    from careers.browse import REVERSE_PAGE_SIZE
    from careers.models import CareerExam, Exam
    from careers.tests.factories import make_career

    exam = Exam.objects.get(slug="jee-main")
    before = CareerExam.objects.filter(exam=exam, career__status="published").count()
    for i in range(REVERSE_PAGE_SIZE + 5):
        CareerExam.objects.create(career=make_career(f"exam-bound-{i:03d}"), exam=exam, order=1, role="entry")
    first = client.get("/exams/jee-main/")
    assert len(first.context["page"].object_list) == REVERSE_PAGE_SIZE
    assert f"{before + REVERSE_PAGE_SIZE + 5} careers, 1–{REVERSE_PAGE_SIZE} shown." in first.content.decode()
    assert len(client.get("/exams/jee-main/?page=2").context["page"].object_list) == before + 5


def test_exam_pages_use_a_constant_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get("/exams/jee-main/")
    with django_assert_max_num_queries(4):
        client.get("/exams/?stream=pcm")


def test_search_for_neet_finds_doctor_first_then_the_exam(client):
    # Careers come first and exams after them (issue 18: results grouped, careers first).
    response = client.get("/search/?q=neet")
    assert response.status_code == 200
    assert "neet-ug" in [e.slug for e in response.context["exams"]]
    assert [hit.career.slug for hit in response.context["hits"]][0] == "doctor-mbbs"
    body = response.content.decode()
    assert body.index("result-list") < body.index('href="/careers/doctor-mbbs/"') < body.index('href="/exams/neet-ug/"')


def test_the_sitemap_lists_exam_pages(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "/exams/neet-ug/" in body and "/exams/</loc>" in body


def test_every_exam_slug_the_issue_names_exists():
    wanted = (
        "neet-ug jee-main jee-advanced clat ailet nda cds afcat cuet-ug cuet-pg gate cat xat upsc-cse ssc-cgl "
        "ibps-po sbi-po rbi-grade-b ctet ugc-net csir-net nid-dat uceed nift nata nchm-jee ca-foundation cseet "
        "cma-foundation imu-cet"
    ).split()
    assert set(wanted) <= set(m.Exam.objects.values_list("slug", flat=True))


def test_a_degree_page_links_the_exams_that_lead_to_it(client):
    body = client.get("/degrees/mbbs/").content.decode()
    assert 'href="/exams/neet-ug/"' in body


def _careers_for(client, slug, address="/exams/"):
    exams = [e for _label, group in client.get(address).context["groups"] for e in group]
    return next(e.career_count for e in exams if e.slug == slug)


def test_the_lists_career_counts_follow_a_career_archived_after_the_list_was_shown(
    client, django_capture_on_commit_callbacks
):
    before = _careers_for(client, "neet-ug")
    career = m.Career.objects.get(slug="doctor-mbbs")
    with django_capture_on_commit_callbacks(execute=True):
        career.status = m.Career.Status.ARCHIVED
        career.save()
    assert _careers_for(client, "neet-ug", "/exams/?stream=pcb") == before - 1  # (another address: not the page cache)
    assert _careers_for(client, "neet-ug", "/exams/?level=national") == before - 1


def test_the_lists_filters_keep_the_exams_any_stream_may_sit(client):
    every = [e for _label, group in client.get("/exams/").context["groups"] for e in group]
    arts = {e.slug for _label, group in client.get("/exams/?stream=arts").context["groups"] for e in group}
    assert arts == {e.slug for e in every if not e.streams or "arts" in e.stream_list()}
    assert any(not e.streams for e in every) and any(e.streams and "arts" not in e.streams for e in every)
