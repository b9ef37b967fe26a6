import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

THREE = "/compare/?careers=data-scientist,machine-learning-engineer,software-engineer"


@pytest.fixture
def nurse_exams():
    """Two test exams on the nurse's way, NORCET then NCLEX-RN; none on the pharmacist's."""
    from careers.models import Career, CareerExam, Exam, RouteStart

    def exam(short_name, exam_months):
        return Exam.objects.create(
            slug=short_name.lower(),
            name=f"{short_name} (test exam)",
            short_name=short_name,
            conducting_body="A test board",
            purpose=Exam.Purpose.RECRUITMENT,
            level=Exam.Level.NATIONAL,
            stage=RouteStart.AFTER_DEGREE,
            eligibility="B.Sc Nursing.",
            exam_months=exam_months,
        )

    CareerExam.objects.filter(career__slug="pharmacist").delete()
    nurse = Career.objects.get(slug="nurse")
    nurse.exams.all().delete()
    for order, (short_name, months, role) in enumerate(
        [("NORCET", "9,10", CareerExam.Role.COMMON), ("NCLEX-RN", "", CareerExam.Role.OPTIONAL)], start=1
    ):
        nurse.exams.create(order=order, exam=exam(short_name, months), role=role, note="When and why.")


def test_comparison_shows_careers_in_the_order_given(client):
    body = client.get(THREE).content.decode()
    assert body.index(">Data Scientist</a></th>") < body.index(">Machine Learning Engineer</a></th>")
    assert "Skills (importance, level)" in body and "Degrees (fit score out of 100)" in body
    assert "<svg" in body  # the salary chart is drawn on the server


def test_same_number_of_queries_for_two_and_four_careers(client):
    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    two = count("/compare/?careers=nurse,pharmacist")
    four = count("/compare/?careers=nurse,pharmacist,physiotherapist,psychologist")
    # career + cluster (1), the comparison's 10 sections (10); the picker is a search field, no list
    assert two == four == 11


def test_one_career_prompts_for_another_with_suggestions(client):
    body = client.get("/compare/?careers=machine-learning-engineer").content.decode()
    assert "Add at least one more career" in body
    assert "/compare/?careers=machine-learning-engineer,data-scientist" in body


def test_more_than_four_compares_the_first_four_with_a_message(client):
    response = client.get("/compare/?careers=nurse,pharmacist,physiotherapist,psychologist,doctor-mbbs")
    assert len(response.context["careers"]) == 4
    assert "at most 4" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?careers=",
        "?careers=,,,",
        "?careers=%3Cscript%3E",
        "?careers=" + "a," * 2000,
        "?careers=nurse&add=",
        "?careers=nurse&add=<b>",
        "?careers[]=x",
        "?careers=nurse,nurse",
    ],
)
def test_bad_input_never_gives_a_server_error(client, query):
    response = client.get("/compare/" + query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>", 1)[1]


def test_picker_adds_a_career_without_javascript(client):
    response = client.get("/compare/?careers=nurse&add=pharmacist")
    assert [c.slug for c in response.context["careers"]] == ["nurse", "pharmacist"]
    assert 'value="http://testserver/compare/?careers=nurse,pharmacist"' in response.content.decode()


def test_picker_is_a_search_field_not_a_list_of_every_career(client):
    body = client.get("/compare/?careers=nurse,pharmacist").content.decode()
    assert '<input class="form-control" type="search" id="add-career" name="find"' in body
    assert "<option" not in body.split('id="add-career-suggestions"', 1)[1].split("</datalist>", 1)[0]
    assert "Data Scientist" not in body  # no career outside the comparison is listed


def test_picker_without_javascript_lists_matches_that_add_a_career(client, django_assert_num_queries):
    with django_assert_num_queries(12):  # the comparison (11) and the matching careers (1)
        response = client.get("/compare/?careers=nurse&find=data")
    body = response.content.decode()
    titles = [c.title for c in response.context["matches"]]
    assert titles[:2] == ["Data Analyst", "Data Engineer"]  # titles that start with the text first
    assert all("data" in t.lower() for t in titles) and len(titles) <= 10
    assert 'href="/compare/?careers=nurse,data-analyst">Add Data Analyst</a>' in body


def test_picker_adds_a_career_whose_title_is_typed_exactly(client):
    response = client.get("/compare/?careers=nurse&find=pharmacist")
    assert response.status_code == 302 and response["Location"] == "/compare/?careers=nurse,pharmacist"


def test_picker_says_when_nothing_matches(client):
    body = client.get("/compare/?careers=nurse&find=zzzz").content.decode()
    assert "No published career's name contains “zzzz”" in body
    assert 'href="/search/?q=zzzz"' in body


def test_picker_suggestions_are_json_without_the_careers_already_compared(client):
    data = client.get("/compare/suggest/?q=nur&careers=nurse").json()
    assert {"slug": "nurse", "title": "Nurse"} not in data["careers"]
    data = client.get("/compare/suggest/?q=NUR").json()
    assert data["careers"][0] == {"slug": "nurse", "title": "Nurse"}
    assert client.get("/compare/suggest/?q=").json() == {"careers": []}
    assert len(client.get("/compare/suggest/?q=e").json()["careers"]) == 10


def test_pair_page_has_its_own_title_and_reverse_order_redirects(client):
    response = client.get("/compare/data-scientist-vs-machine-learning-engineer/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Data Scientist vs Machine Learning Engineer" in body
    assert '<meta name="description" content="Data Scientist vs Machine Learning Engineer:' in body
    reverse = client.get("/compare/machine-learning-engineer-vs-data-scientist/")
    assert reverse.status_code == 301
    assert reverse["Location"] == "/compare/data-scientist-vs-machine-learning-engineer/"


@pytest.mark.parametrize("pair", ["nurse-vs-astronaut", "nurse-vs-nurse", "nurse", "a-vs-b-vs-c"])
def test_bad_pair_pages_are_404(client, pair):
    assert client.get(f"/compare/{pair}/").status_code == 404


def test_career_pages_link_to_pair_pages_for_related_careers(client):
    body = client.get("/careers/machine-learning-engineer/").content.decode()
    assert 'href="/compare/data-scientist-vs-machine-learning-engineer/"' in body


def test_every_related_pair_has_a_working_pair_page(client):
    from careers.models import Career, RelatedCareer

    published = Career.objects.published()
    pairs = {
        row.pair_slug
        for row in RelatedCareer.objects.filter(career__in=published, related__in=published).select_related(
            "career", "related"
        )
    }
    assert len(pairs) > 40
    for pair in pairs:
        assert client.get(f"/compare/{pair}/").status_code == 200, pair


def test_transition_view_is_reachable_from_a_two_career_comparison(client):
    body = client.get("/compare/?careers=software-engineer,machine-learning-engineer").content.decode()
    assert 'href="/compare/software-engineer/to/machine-learning-engineer/"' in body
    page = client.get("/compare/software-engineer/to/machine-learning-engineer/").content.decode()
    assert "Skills to add" in page and "MLOps" in page


def test_transition_with_unknown_career_is_404(client):
    assert client.get("/compare/software-engineer/to/astronaut/").status_code == 404


def test_csv_download(client):
    response = client.get("/compare/csv/?careers=nurse,pharmacist")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["", "Nurse", "Pharmacist"]


def test_csv_with_too_few_careers_goes_back_to_the_picker(client):
    assert client.get("/compare/csv/?careers=nurse").status_code == 302


def test_print_stylesheet_and_printed_url(client):
    body = client.get(THREE).content.decode()
    assert 'class="print-only small">http://testserver/compare/?careers=' in body


def test_compare_shows_each_careers_exams(client, nurse_exams, django_assert_num_queries):
    with django_assert_num_queries(11):  # the exams come with the comparison's sections
        body = client.get("/compare/?careers=pharmacist,nurse").content.decode()
    row = body[body.index('<th scope="row">Exams on the way</th>') :].split("</tr>", 1)[0]
    pharmacist, nurse = row.split("<td>")[1:]
    assert "None on the usual route" in pharmacist
    assert nurse.index('href="/exams/norcet/">NORCET</a>') < nurse.index('href="/exams/nclex-rn/">NCLEX-RN</a>')
    assert '<span class="badge tag">Common route</span>' in nurse and "usually in September" in nurse
    assert '<span class="badge tag">Optional</span>' in nurse and nurse.count("usually in") == 1
    pair = client.get("/compare/nurse-vs-pharmacist/").content.decode()
    assert 'href="/exams/norcet/">NORCET</a>' in pair


def test_csv_lists_each_careers_exams(client, nurse_exams):
    response = client.get("/compare/csv/?careers=nurse,pharmacist")
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(response.content.decode()))}
    assert rows["Exams on the way"] == ["NORCET (Common route, usually September); NCLEX-RN (Optional)", ""]


def test_careers_compared_before_cost_one_query_in_another_comparison(client, django_assert_num_queries):
    client.get("/compare/?careers=data-scientist,software-engineer")
    with django_assert_num_queries(1):  # the careers; their sections come from the cache
        body = client.get("/compare/data-scientist-vs-software-engineer/").content.decode()
    assert "Skills (importance, level)" in body and 'href="/careers/software-engineer/"' in body
    with django_assert_num_queries(1):
        assert client.get("/compare/software-engineer/to/data-scientist/").status_code == 200


def test_an_edit_to_a_compared_careers_row_shows_in_the_next_comparison(client, django_capture_on_commit_callbacks):
    from careers.models import CareerSkill

    url = "/compare/data-scientist-vs-software-engineer/"
    row = CareerSkill.objects.filter(career__slug="data-scientist").select_related("skill").first()
    assert f"{row.skill.name}</th>" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        row.skill.name = "Reading Tea Leaves"
        row.skill.save()
    assert "Reading Tea Leaves</th>" in client.get(url).content.decode()


def test_shared_skills_are_marked_for_eyes_and_screen_readers(client):
    body = client.get("/compare/data-scientist-vs-machine-learning-engineer/").content.decode()
    assert '<span aria-hidden="true">●</span><span class="visually-hidden">Shared by 2 careers:</span> ' in body
    hindi = client.get("/hi/compare/data-scientist-vs-machine-learning-engineer/").content.decode()
    assert "Shared by 2 careers:" not in hindi and 'aria-hidden="true">●</span>' in hindi
