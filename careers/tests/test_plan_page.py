"""/plan/: the shortlist, or a shared link's careers, as a plan for one student."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from careers import caching, plan, shortlist
from careers.finder import Profile

pytestmark = pytest.mark.django_db

FIVE = "nurse,doctor-mbbs,software-engineer,pharmacist,chartered-accountant"
ANSWERS = "stage=class12&stream=pcb&interests=helping&interests=science"


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_shared_link_shows_each_career_with_route_steps_salary_and_skills(client):
    body = client.get("/plan/?careers=nurse,doctor-mbbs&stage=class12&stream=pcb").content.decode()
    nurse = body[body.index('id="plan-nurse"') : body.index('id="plan-doctor-mbbs"')]
    assert "1. Nurse" in nurse
    assert 'href="/degrees/bsc-nursing/">B.Sc Nursing</a>: fit' in nurse and "open to your stream" in nurse
    assert 'href="/exams/neet-ug/">NEET-UG</a>' in nurse and "usually May" in nurse
    assert nurse.count("<li><strong>") >= 3  # the next three steps
    assert "Entry salary" in nurse and "LPA (estimated" in nurse
    assert "Skills to build first" in nurse
    assert 'href="/careers/nurse/"' in nurse and 'href="/compare/?careers=nurse"' in nurse
    assert "Why it fits" in nurse and "From your stream you can take B.Sc Nursing" in nurse  # the stream is an answer
    assert "Interest match" not in nurse  # no interests were given


def test_plan_explains_why_each_career_fits_when_the_finder_answers_are_given(client):
    body = text(client.get(f"/plan/?careers=nurse,software-engineer&{ANSWERS}"))
    assert "Why it fits:" in body and "Interest match" in body and "From your stream you can take" in body


def test_degrees_open_to_the_students_stream_come_first(client):
    built = plan.build(["software-engineer"], Profile(stage="class12", stream="pcm"))
    degrees = built.careers[0].degrees
    assert degrees[0].open_to_stream is True
    ranks = [{True: 0, None: 1, False: 2}[d.open_to_stream] for d in degrees]
    assert ranks == sorted(ranks)


def test_exams_behind_the_student_are_left_out(client):
    school = plan.build(["doctor-mbbs"], Profile(stage="class12", stream="pcb")).careers[0]
    graduate = plan.build(["doctor-mbbs"], Profile(stage="graduate")).careers[0]
    assert "neet-ug" in [e.exam.slug for e in school.exams]
    assert "neet-ug" not in [e.exam.slug for e in graduate.exams] and graduate.exams_left_out >= 1


def test_exam_calendar_is_sorted_by_month_with_the_careers_it_serves(client):
    built = plan.build(FIVE.split(","), Profile(stage="class12"))
    months = [e.month for e in built.calendar if e.month]
    assert months == sorted(months) and len(built.calendar) >= 3
    neet = next(e for e in built.calendar if e.exam.slug == "neet-ug")
    assert neet.careers[:2] == ["Nurse", "Doctor (MBBS)"] or "Doctor (MBBS)" in neet.careers
    assert len({e.exam.pk for e in built.calendar}) == len(built.calendar)  # each exam once


def test_share_link_carries_careers_and_answers_but_never_the_notes(client):
    client.post("/shortlist/", {"career": "nurse", "action": "add"})
    client.post("/plan/notes/", {"notes": "Talk to the school about PCB. Visit AIIMS open day."})
    body = client.get("/plan/?stage=class12&stream=pcb&interests=helping&interests=nonsense").content.decode()
    assert "Visit AIIMS open day." in body
    share = re.search(r'id="share-url"[^>]*value="([^"]+)"', body).group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(share).query)
    assert query == {"careers": ["nurse"], "stage": ["class12"], "stream": ["pcb"], "interests": ["helping"]}
    assert "AIIMS" not in share and "https://wa.me/?text=" in body and "<svg" in body
    fresh = Client().get(share.replace("http://testserver", ""))
    assert "1. Nurse" in fresh.content.decode() and "Visit AIIMS open day." not in fresh.content.decode()


def test_notes_change_only_by_post_and_are_escaped(client):
    client.post("/shortlist/", {"career": "nurse", "action": "add"})
    client.get("/plan/?notes=hello")
    assert shortlist.NOTES_KEY not in client.session
    client.post("/plan/notes/", {"notes": "<script>alert(1)</script>", "next": "https://evil.example/"})
    body = client.get("/plan/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert(1)" not in body
    assert Client(enforce_csrf_checks=True).post("/plan/notes/", {"notes": "x"}).status_code == 403


def test_plan_of_the_visitors_shortlist_and_an_empty_one(client):
    assert "Your shortlist is empty" in text(client.get("/plan/"))
    for slug in ["pharmacist", "nurse"]:
        client.post("/shortlist/", {"career": slug, "action": "add"})
    body = text(client.get("/plan/"))
    assert body.index("1. Pharmacist") < body.index("2. Nurse")
    assert "On your shortlist" in body  # remove buttons on the visitor's own plan


@pytest.mark.parametrize(
    "query",
    [
        "careers=",
        "careers=%01",
        "careers=<b>",
        "careers=" + ",".join(["nurse"] * 50),
        "careers=a" * 500,
        "careers=nurse&stage=wizard&stream=x&min_salary=-5&interests=%ff",
        "careers=nurse&min_salary=abc",
        "careers=nurse&careers=pharmacist",
        "careers=" + FIVE + ",data-scientist,architect,lawyer",
    ],
)
def test_plan_never_fails_on_odd_links(client, query):
    response = client.get("/plan/?" + query)
    assert response.status_code == 200
    assert text(response).count(". ") >= 1


def test_plan_shows_at_most_six_careers(client):
    body = text(client.get("/plan/?careers=" + FIVE + ",data-scientist,architect"))
    assert "6. Data Scientist" in body and "7. " not in body


def test_plan_offers_compare_of_the_chosen_careers(client):
    body = client.get("/plan/?careers=" + FIVE).content.decode()
    form = body[body.index('action="/compare/"') :].split("</form>", 1)[0]
    assert form.count('type="checkbox" name="careers"') == 5 and form.count(" checked") == 4
    compared = client.get("/compare/?careers=nurse&careers=pharmacist")
    assert compared.status_code == 200 and "Nurse vs Pharmacist" in text(compared)


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_plan_query_count_does_not_grow_with_careers(client):

    caching.forget_in_process()  # a cold process: the finder loads its candidates (5 queries)
    assert queries(client, f"/plan/?careers={FIVE}&{ANSWERS}") <= 20
    one = queries(client, f"/plan/?careers=nurse&{ANSWERS}")
    five = queries(client, f"/plan/?careers={FIVE}&{ANSWERS}")
    assert one == five and five <= 20
    assert queries(client, "/plan/?careers=nurse") == queries(client, f"/plan/?careers={FIVE}") <= 20


def test_a_shared_plan_can_become_the_visitors_shortlist(client):
    body = client.get("/plan/?careers=nurse,no-such,pharmacist&stage=class12").content.decode()
    assert "Make these careers my shortlist" in body
    response = client.post(
        "/shortlist/", {"action": "keep", "career": "nurse,no-such,pharmacist", "next": "/plan/?stage=class12"}
    )
    assert response["Location"] == "/plan/?stage=class12"
    assert client.session[shortlist.SESSION_KEY] == ["nurse", "pharmacist"]
    assert "Make these careers my shortlist" not in client.get("/plan/").content.decode()
