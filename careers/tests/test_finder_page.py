import re

import pytest

pytestmark = pytest.mark.django_db

GOOD = (
    "/finder/?stage=graduate&degree=btech-cse&interests=code&interests=numbers"
    "&skills=python-programming&skills=sql&min_salary=6&avoid=shifts"
)


def test_home_page_shows_the_finder_form_first(client):
    body = client.get("/").content.decode()
    assert 'id="finder-form"' in body and 'method="get"' in body and 'action="/finder/"' in body
    assert body.index('id="finder-form"') < body.index('id="clusters"')
    assert "Writing code to solve problems" in body
    assert "<legend" in body  # questions grouped in fieldsets
    assert "csrfmiddlewaretoken" not in body


def test_form_pages_leave_the_skills_to_their_own_step(client):
    for url in ["/", "/finder/", "/finder/answers/?interests=code"]:
        body = client.get(url).content.decode()
        assert 'name="skills"' not in body and "Writing code to solve problems" in body, url
        assert 'formaction="/finder/skills/">Next: tick your skills</button>' in body, url
    hindi = client.get("/hi/").content
    assert len(hindi) < 120 * 1024 and b'formaction="/hi/finder/skills/"' in hindi


def test_form_pages_keep_the_skills_already_ticked_checked(client):
    body = client.get("/finder/answers/?interests=code&skills=sql&skills=python-programming").content.decode()
    assert body.count('name="skills"') == 2
    assert '<input type="checkbox" class="form-check-input" name="skills" value="sql" checked>' in body
    assert 'value="python-programming" checked>' in body
    assert 'formaction="/finder/skills/"' in body  # and the step to add others


def test_results_explain_each_career(client):
    response = client.get(GOOD)
    body = response.content.decode()
    assert response.status_code == 200
    assert "B.Tech / BE CSE or IT is a preferred degree (fit" in body
    assert "You already have" in body and "Skills to build next:" in body
    assert "Interest match (35%)" in body and "Education fit (30%)" in body
    assert body.count('class="card mb-3"') == 10


def test_results_repeat_the_answers_and_link_to_the_form_filled_in_instead_of_carrying_it(client):
    # The form (every degree and skill) would be most of the page: the results link to it instead.
    response = client.get(GOOD)
    body = response.content.decode()
    assert 'id="finder-form"' not in body and 'name="skills"' not in body
    answers = body[body.index('class="finder-answers') : body.index("</section>", body.index('class="finder-answers'))]
    for text in ["Graduated", "B.Tech / BE CSE or IT", "Writing code to solve problems", "SQL", "₹6 LPA",
                 "I don&#x27;t want night shifts or on-call duty"]:  # fmt: skip
        assert text in answers, text
    link = "/finder/answers/?stage=graduate&amp;degree=btech-cse&amp;interests=code&amp;interests=numbers"
    assert f'href="{link}&amp;skills=python-programming&amp;skills=sql&amp;min_salary=6&amp;avoid=shifts"' in body


def test_the_answers_page_fills_in_the_form_and_leads_back_to_the_results(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # the form's degree and skill lists (none once kept)
        response = client.get(GOOD.replace("/finder/?", "/finder/answers/?"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<form" in body and 'id="finder-form"' in body and 'method="get"' in body and 'action="/finder/"' in body
    assert '<option value="graduate" selected>' in body and '<option value="btech-cse" selected>' in body
    assert re.search(r'<input type="checkbox"[^>]* name="interests" value="code"[^>]* checked>', body)
    assert '<input type="checkbox" class="form-check-input" name="skills" value="sql" checked>' in body
    assert '<input type="number" name="min_salary" value="6"' in body
    back = GOOD.replace("&", "&amp;")
    assert f'href="{back}"' in body


def test_the_answers_page_shows_what_was_dropped_and_what_to_correct(client):
    body = client.get("/finder/answers/?skills=no-such-skill&min_salary=lots").content.decode()
    assert "ignored unknown no-such-skill" in body and "Enter a number." in body


def test_results_link_to_a_comparison_of_the_top_three(client):
    response = client.get(GOOD)
    top = [r.slug for r in response.context["results"][:3]]
    assert f"/compare/?careers={','.join(top)}" in response.content.decode()


def test_empty_form_asks_for_an_answer(client):
    response = client.get("/finder/")
    assert response.status_code == 200
    assert "Answer at least one question" in response.content.decode()
    assert response.context["results"] is None


def test_unknown_values_are_ignored_with_a_message(client):
    response = client.get("/finder/?skills=sql&skills=no-such-skill&degree=no-such-degree&interests=flying")
    body = response.content.decode()
    assert response.status_code == 200
    assert "ignored unknown no-such-skill" in body and "ignored unknown no-such-degree" in body
    assert response.context["results"]


def test_malformed_salary_gets_the_form_back_with_an_error(client):
    response = client.get("/finder/?min_salary=lots&interests=code")
    assert response.status_code == 400
    assert "Enter a number." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?min_salary=-5",
        "?min_salary=1e400",
        "?stage=<script>",
        "?stream=xyz",
        "?interests=" + "x" * 5000,
        "?skills=" + "&skills=".join(["sql"] * 400),
        "?degree=%00",
        "?avoid=coding&avoid=coding",
    ],
)
def test_bad_input_never_gives_a_server_error(client, query):
    response = client.get("/finder/" + query)
    assert response.status_code in (200, 400)


def test_output_is_escaped(client):
    body = client.get('/finder/?degree="><script>alert(1)</script>&interests=code').content.decode()
    assert "<script>alert(1)</script>" not in body


def test_results_page_query_count_is_constant(client, django_assert_num_queries):
    # degrees and skills for the form (2); careers, degree fits, key skills, entry bands, exams (5).
    with django_assert_num_queries(7):
        client.get(GOOD)
    with django_assert_num_queries(0):  # (the skills step reads what the results page read)
        client.get(GOOD.replace("/finder/?", "/finder/skills/?"))


def test_school_student_with_a_stream_costs_no_more_queries(client, django_assert_num_queries):
    # The degrees open to each stream come with the form's degree list (kept until the catalogue changes).
    with django_assert_num_queries(7):
        response = client.get("/finder/?stage=class12&stream=pcb&interests=caring")
    assert "From your stream you can take" in response.content.decode()


def test_how_it_works_states_the_weights(client):
    body = client.get("/finder/how-it-works/").content.decode()
    for label, weight in [("Interest match", 35), ("Education fit", 30), ("Skill coverage", 20)]:
        assert label in body and f"{weight}%" in body


def test_finder_sees_a_catalogue_change_at_once(client, django_capture_on_commit_callbacks):
    from careers.models import Career

    first = client.get(GOOD).context["results"][0].slug
    career = Career.objects.get(slug=first)
    career.status = Career.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        career.save()
    assert first not in [r.slug for r in client.get(GOOD).context["results"]]


def test_finder_reuses_loaded_careers_until_the_catalogue_changes(client, django_assert_num_queries):
    client.get(GOOD)
    with django_assert_num_queries(0):  # the careers and the form's lists are kept until the catalogue changes
        client.get(GOOD)


def test_finder_form_lists_follow_a_catalogue_change(client, django_capture_on_commit_callbacks):
    from careers.models import Degree, Skill

    client.get("/")  # the home page's form
    client.get("/finder/skills/?skills=sql")  # the skills step
    skill, degree = Skill.objects.get(slug="sql"), Degree.objects.get(slug="btech-cse")
    with django_capture_on_commit_callbacks(execute=True):
        skill.name = "Structured Query Language"
        skill.save()
        degree.name = "B.Tech in Computing"
        degree.save()
    assert "B.Tech in Computing" in client.get("/?after").content.decode()
    assert "Structured Query Language" in client.get("/finder/skills/?skills=sql&after").content.decode()


def test_school_students_are_matched_by_stream_even_if_they_pick_a_degree(client):
    response = client.get("/finder/?stage=class12&stream=pcb&degree=btech-cse&interests=caring")
    body = response.content.decode()
    assert "careers were matched to your stream, not B.Tech / BE CSE or IT" in body
    assert "B.Tech / BE CSE or IT is a preferred degree" not in body
    assert "From your stream you can take" in body


def test_results_show_the_first_exam_on_each_route(client):
    body = client.get("/finder/?stage=class12&stream=pcb&interests=caring&interests=experiments").content.decode()
    assert "First exam on the way" in body and 'href="/exams/neet-ug/"' in body


def test_the_one_pass_lists_escape_names_and_keep_choices(client, django_capture_on_commit_callbacks):
    from careers.models import Degree, Skill

    with django_capture_on_commit_callbacks(execute=True):
        Skill.objects.filter(slug="sql").update(name='SQL <b>"quoted"</b>')
        Degree.objects.filter(slug="bca").update(name="BCA <i>x</i>")
        Skill.objects.get(slug="sql").save()  # (the write hook: the lists' version moves)
    body = client.get("/finder/answers/?skills=sql&degree=bca&interests=code").content.decode()
    assert "<b>" not in body and "SQL &lt;b&gt;&quot;quoted&quot;&lt;/b&gt;" in body
    assert '<input type="checkbox" class="form-check-input" name="skills" value="sql" checked>' in body
    assert '<option value="bca" selected>BCA &lt;i&gt;x&lt;/i&gt;</option>' in body
    browse = client.get("/careers/?skill=sql").content.decode()
    assert 'name="skill" value="SQL &lt;b&gt;&quot;quoted&quot;&lt;/b&gt;"' in browse


def test_the_degrees_open_to_a_stream_are_those_that_name_it(client):
    from careers.forms import FinderForm
    from careers.models import Degree

    for stream in ["pcm", "pcb", "commerce", "arts"]:
        form = FinderForm({"stage": "class12", "stream": stream, "interests": ["caring"]})
        assert form.is_valid()
        named = {d.id for d in Degree.objects.all() if stream in d.stream_list()}
        assert form.profile().stream_degree_ids == named and named, stream


@pytest.mark.parametrize("prefix", ["", "/hi"])
def test_results_pages_stay_within_the_html_budget_with_the_most_skills_a_link_may_tick(client, prefix):
    # Issue 16: a public page is at most 120 KB of HTML. The results carry ten careers and the
    # answers (a few of each), not the form; the longest answers a link may give must still fit.
    from careers.forms import MAX_VALUES, SUMMARY_VALUES, choice_lists

    ticked = {"python-programming", "sql"}  # (GOOD's)
    skills = [slug for slug, *_rest in choice_lists()[1] if slug not in ticked][: MAX_VALUES - len(ticked)]
    body = client.get(f"{prefix}{GOOD}&" + "&".join(f"skills={s}" for s in skills)).content
    assert body.count(b'class="card mb-3"') == 10
    assert len(body) <= 120 * 1024
    answers = body[body.index(b'id="answers"') : body.index(b"</section>", body.index(b'id="answers"'))].decode()
    assert f" {len(skills) + len(ticked) - SUMMARY_VALUES} " in answers  # "and 290 more"
    assert answers.count(", ") < 2 * SUMMARY_VALUES
