"""The finder's skills step (/finder/skills/): a bounded list of the skills that matter for the
student's answers, the ones already ticked, and any other found by name."""

import re
from collections import Counter

import pytest

from careers.tests.factories import make_career

pytestmark = pytest.mark.django_db

ANSWERS = "stage=graduate&degree=btech-cse&interests=code&interests=numbers&min_salary=6&avoid=shifts"
STEP = f"/finder/skills/?{ANSWERS}"


def _boxes(body):
    """{slug: checked} of the skill checkboxes on a page."""
    boxes = re.finditer(r'<input type="checkbox"[^>]* name="skills" value="([^"]+)"( checked)?', body)
    return {m[1]: bool(m[2]) for m in boxes}


def _section(body, legend):
    start = body.index(legend)
    return body[start : body.index("</fieldset>", start)]


def test_the_step_offers_the_key_skills_of_the_careers_that_fit_the_answers_best(client):
    top = client.get(f"/finder/?{ANSWERS}").context["results"]
    body = client.get(STEP).content.decode()
    offered = _boxes(_section(body, "Key skills of the careers that fit you"))
    from careers.models import Skill

    best = Skill.objects.filter(pk__in=[pk for pk, _name in top[0].candidate.key_skills])
    assert {s.slug for s in best} <= set(offered)
    assert not any(offered.values())  # nothing ticked yet
    assert "These are the key skills of the careers that fit your answers best." in body


def test_the_step_carries_the_other_answers_and_submits_to_the_results(client):
    body = client.get(f"{STEP}&skills=sql").content.decode()
    assert '<form id="skills-form" class="finder card card-body mb-4" method="get" action="/finder/">' in body
    hidden = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', body)
    assert hidden == [
        ("stage", "graduate"),
        ("degree", "btech-cse"),
        ("interests", "code"),
        ("interests", "numbers"),
        ("min_salary", "6"),
        ("avoid", "shifts"),
    ]
    assert _boxes(body)["sql"] is True  # the skill ticked stays ticked, once
    assert body.count('value="sql"') == 1
    assert 'formaction="/finder/skills/">Find</button>' in body


def test_with_no_answers_the_step_offers_the_skills_most_careers_need(client):
    from careers.models import CareerSkill, Importance

    rows = CareerSkill.objects.filter(importance=Importance.HIGH, career__status="published")
    commonest = Counter(rows.values_list("skill__slug", flat=True)).most_common(1)[0][0]
    body = client.get("/finder/skills/").content.decode()
    assert "These are the skills most careers need." in body
    assert commonest in _boxes(_section(body, "Skills many careers need"))


def test_the_list_is_capped_but_keeps_every_skill_ticked(client, monkeypatch):
    from careers import finder_skills
    from careers.forms import choice_lists

    monkeypatch.setattr(finder_skills, "OFFERED", 5)
    every = [slug for slug, *_rest in choice_lists()[1]]
    ticked = every[-12:]
    body = client.get(STEP + "".join(f"&skills={s}" for s in ticked)).content.decode()
    boxes = _boxes(body)
    assert [s for s, checked in boxes.items() if checked] == [s for s in every if s in ticked]
    assert 0 < len([s for s, checked in boxes.items() if not checked]) <= 5


def test_a_skill_is_found_by_its_name_in_english_or_hindi_or_part_of_it(client):
    for text in ["SQL", "sql", "python", "प्रोग्रामिंग"]:
        body = client.get(f"{STEP}&skill_name={text}").content.decode()
        found = _boxes(_section(body, "Skills that match"))
        assert found and not any(found.values()), text
    found = _boxes(_section(client.get(f"{STEP}&skill_name=प्रोग्रामिंग").content.decode(), "Skills that match"))
    assert "python-programming" in found
    body = client.get(f"/hi{STEP}&skill_name=python").content.decode()
    assert "Python प्रोग्रामिंग" in _section(body, "python")


def test_a_skill_found_by_name_is_shown_once_and_stays_ticked(client):
    body = client.get(f"{STEP}&skills=sql&skill_name=SQL").content.decode()
    assert body.count('value="sql"') == 1
    assert _boxes(_section(body, "Skills that match “SQL”")) == {"sql": True}
    assert 'name="skill_name" value="SQL"' in body


def test_a_name_finds_only_skills_the_finder_asks_about(client, django_capture_on_commit_callbacks):
    from careers.models import CareerSkill, Importance
    from careers.tests.factories import make_skill

    with django_capture_on_commit_callbacks(execute=True):
        skill = make_skill("zither-tuning", name="Zither tuning")
        CareerSkill.objects.create(career=make_career("zither-maker"), skill=skill, importance=Importance.LOW)
    body = client.get(f"{STEP}&skill_name=zither").content.decode()
    assert "No skill the finder asks about matches “zither”." in body
    assert "zither-tuning" not in body


def test_the_results_link_to_the_step_with_the_answers(client):
    body = client.get(f"/finder/?{ANSWERS}").content.decode()
    link = f"/finder/skills/?{ANSWERS}".replace("&", "&amp;")
    assert f'<a class="fw-bold" href="{link}">Add the skills you have to sharpen these results</a>' in body
    body = client.get(f"/finder/?{ANSWERS}&skills=sql").content.decode()
    link = link.replace("numbers&amp;", "numbers&amp;skills=sql&amp;")  # (in the form's order)
    assert f'<a href="{link}">Add or change the skills you have</a>' in body


def test_answers_that_are_unknown_or_not_valid_are_left_out_with_a_notice(client):
    response = client.get("/finder/skills/?skills=no-such-skill&min_salary=lots&interests=code&degree=x")
    body = response.content.decode()
    assert response.status_code == 200
    assert "ignored unknown no-such-skill" in body and "ignored unknown x" in body
    assert "Lowest starting salary you would accept (₹ LPA): Enter a number." in body
    assert 'name="min_salary"' not in body and '<input type="hidden" name="interests" value="code">' in body
    assert "error-summary" not in body  # (no form fields to point at here)


@pytest.mark.parametrize(
    "query",
    [
        "?skills=" + "&skills=".join(["sql"] * 400),
        "?skills=" + "&skills=".join(f"no-such-{i}" for i in range(400)),
        "?skills=%00&skills=<b>&skills=" + "x" * 5000,
        "?skill_name=" + "%" * 3000,
        "?skill_name=%00&skill_name=_",
        "?skill_name=\\&interests=code",
        "?min_salary=1e400&stage=<script>",
    ],
)
def test_bad_input_never_gives_a_server_error(client, query):
    assert client.get("/finder/skills/" + query).status_code in (200, 400)  # (400: a NUL character)


def test_output_is_escaped(client):
    body = client.get('/finder/skills/?skill_name="><script>alert(1)</script>&degree="><i>').content.decode()
    assert "<script>alert(1)</script>" not in body and "<i>" not in body


@pytest.mark.parametrize(
    "url,budget",
    [
        # the finder's degree and skill lists (2); its careers, degree fits, key skills, entry bands, exams (5)
        (STEP, 7),
        ("/finder/skills/", 7),
        # ... and the skills a name finds (1)
        (f"{STEP}&skill_name=data", 8),
    ],
)
def test_the_step_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, django_capture_on_commit_callbacks, url, budget
):
    more = "&" if "?" in url else "?"
    with django_assert_num_queries(budget):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(10):
            make_career(f"more-{i}", cluster=None)
    with django_assert_num_queries(budget):  # (a new catalogue version: everything read again)
        client.get(f"{url}{more}after")
    with django_assert_num_queries(budget - 7):  # the lists and careers kept until the catalogue changes
        client.get(f"{url}{more}again")


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_the_step_stays_within_the_html_budget_with_the_most_skills_a_link_may_tick(client, prefix):
    # Issue 16: a public page is at most 120 KB of HTML, with every skill a link may tick shown.
    from careers.forms import MAX_VALUES, choice_lists

    skills = [slug for slug, *_rest in choice_lists()[1]][:MAX_VALUES]
    body = client.get(f"{prefix}{STEP}&skill_name=a&" + "&".join(f"skills={s}" for s in skills)).content
    assert len(body) <= 120 * 1024
    assert sum(_boxes(body.decode()).values()) == len(skills)
