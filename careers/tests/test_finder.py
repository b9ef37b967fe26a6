"""The finder's scoring engine: pure functions on hand-made careers, then real student profiles."""

from decimal import Decimal

import pytest

from careers import finder
from careers.finder import Candidate, Profile, rank, score_candidate
from careers.models import Degree, Skill


def candidate(slug, code="IRC", **kw):
    kw.setdefault("title", slug.title())
    defaults = dict(summary="", study_years=4, involves_coding=False, shift_work=False, fieldwork=False)
    defaults.update(kw)
    return Candidate(slug=slug, interest_code=code, **defaults)


def test_weights_add_up_to_100():
    assert sum(finder.WEIGHTS.values()) == 100


def test_every_interest_statement_maps_to_a_riasec_area():
    assert 12 <= len(finder.INTERESTS) <= 24
    assert {letter for _k, letter, _t in finder.INTERESTS} == set("RIASEC")


def test_matching_interests_score_higher_than_opposite_ones():
    profile = Profile(interests=frozenset({"code", "puzzles", "numbers"}))
    investigative = score_candidate(candidate("a", "IRC"), profile)
    social = score_candidate(candidate("b", "SEA"), profile)
    assert investigative.parts[0].score > 70 > social.parts[0].score
    assert "investigative" in investigative.parts[0].reason


def test_unanswered_parts_are_left_out_of_the_average():
    result = score_candidate(candidate("a", "I"), Profile(interests=frozenset({"puzzles"})))
    assert [p.score is None for p in result.parts] == [False, True, True, True]
    assert result.score == result.parts[0].score


def test_education_fit_uses_the_careers_fit_score_and_names_the_degree():
    c = candidate("a", degree_fits={7: (94, True, "B.Tech / BE CSE or IT")})
    part = score_candidate(c, Profile(degree_id=7, degree_name="B.Tech / BE CSE or IT")).parts[1]
    assert part.score == 94
    assert part.reason == "B.Tech / BE CSE or IT is a preferred degree (fit 94/100)."


def test_an_unlisted_degree_scores_low_and_says_why():
    part = score_candidate(candidate("a"), Profile(degree_id=9, degree_name="BFA (Fine Arts)")).parts[1]
    assert part.score == finder.UNLISTED_DEGREE_FIT
    assert "not a usual route" in part.reason


def test_school_students_are_matched_through_their_stream():
    c = candidate("a", degree_fits={1: (90, True, "MBBS"), 2: (60, False, "B.Sc")})
    part = score_candidate(c, Profile(stream="pcb", stream_degree_ids=frozenset({1, 2}))).parts[1]
    assert part.score == 90 and "MBBS" in part.reason


def test_skill_coverage_counts_high_importance_skills_and_lists_gaps():
    c = candidate("a", key_skills=[(1, "Python"), (2, "SQL"), (3, "MLOps"), (4, "Docker")])
    result = score_candidate(c, Profile(skill_ids=frozenset({1, 2})))
    assert result.parts[2].score == 50
    assert result.parts[2].reason == "You already have 2 of its 4 key skills: Python, SQL."
    assert result.gaps == ["MLOps", "Docker"]


def test_salary_below_the_minimum_lowers_preference_fit():
    c = candidate("a", entry_band=(Decimal("3"), Decimal("5")))
    part = score_candidate(c, Profile(min_salary=Decimal("10"))).parts[3]
    assert part.score == 50
    assert "below your ₹10 LPA minimum" in part.reason


def test_avoid_choices_rank_a_career_down_and_say_why():
    coding = candidate("coder", "IRC", title="Coder", involves_coding=True)
    other = candidate("other", "IRC", title="Other")
    profile = Profile(interests=frozenset({"puzzles"}), avoid=frozenset({"coding"}))
    results = rank([coding, other], profile)
    assert [r.slug for r in results] == ["other", "coder"]
    assert results[1].clashes == [finder.AVOID_REASONS["coding"]]
    assert results[0].score - results[1].score >= finder.CLASH_PENALTY


def test_long_study_is_no_clash_when_the_degree_is_already_a_strong_route():
    c = candidate("doctor", study_years=6, degree_fits={1: (95, True, "MBBS")})
    assert score_candidate(c, Profile(avoid=frozenset({"long_study"}))).clashes
    assert not score_candidate(c, Profile(degree_id=1, avoid=frozenset({"long_study"}))).clashes


def test_ranking_is_deterministic_with_ties_broken_by_title():
    careers = [candidate(s, "IRC", title=t) for s, t in [("b", "Beta"), ("a", "Alpha"), ("c", "Gamma")]]
    profile = Profile(interests=frozenset({"code"}))
    first = [r.slug for r in rank(careers, profile)]
    assert first == ["a", "b", "c"]
    assert [r.slug for r in rank(list(reversed(careers)), profile)] == first


def test_rank_returns_the_top_ten():
    careers = [candidate(f"c{i}", title=f"Career {i:02d}") for i in range(25)]
    assert len(rank(careers, Profile(interests=frozenset({"code"})))) == finder.TOP == 10


# --- Real student profiles against the catalogue -------------------------------------------------


def _profile(degree=None, stream="", interests=(), skills=(), avoid=(), min_salary=None):
    degree_obj = Degree.objects.get(slug=degree) if degree else None
    stream_ids = frozenset(Degree.objects.filter(streams__contains=stream).values_list("id", flat=True))
    return Profile(
        stream=stream,
        degree_id=degree_obj.id if degree_obj else None,
        degree_name=degree_obj.name if degree_obj else "",
        stream_degree_ids=stream_ids if stream and not degree else frozenset(),
        interests=frozenset(interests),
        skill_ids=frozenset(Skill.objects.filter(slug__in=skills).values_list("id", flat=True)),
        avoid=frozenset(avoid),
        min_salary=Decimal(min_salary) if min_salary is not None else None,
    )


PROFILES = [
    # (who, profile arguments, careers expected in the top N, N)
    (
        "class 12 PCB student who likes caring",
        dict(stream="pcb", interests=["caring", "helping", "experiments"]),
        {"doctor-mbbs", "nurse"},
        5,
    ),
    (
        "B.Tech CSE graduate who codes",
        dict(degree="btech-cse", interests=["code", "puzzles", "numbers"], skills=["python-programming", "sql"]),
        {"machine-learning-engineer", "data-scientist"},
        5,
    ),
    (
        "B.Com student good with numbers",
        dict(degree="bcom", interests=["numbers", "records", "money", "rules"]),
        {"chartered-accountant", "financial-analyst"},
        5,
    ),
    (
        "class 12 arts student who writes",
        dict(stream="arts", interests=["writing", "ideas", "persuading"]),
        {"journalist", "content-writer"},
        5,
    ),
    ("design student", dict(degree="bdes", interests=["design", "ideas"]), {"ux-designer", "graphic-designer"}, 5),
    (
        "law student who argues",
        dict(degree="integrated-llb", interests=["persuading", "rules", "helping"]),
        {"lawyer"},
        3,
    ),
    (
        "hotel management graduate",
        dict(degree="bhm", interests=["helping", "leading", "persuading"]),
        {"hotel-manager"},
        3,
    ),
    (
        "class 12 PCM student who builds things",
        dict(stream="pcm", interests=["fix-build", "machines", "outdoors"]),
        {"civil-engineer", "mechanical-engineer"},
        5,
    ),
    (
        "psychology graduate who helps people",
        dict(degree="ba-psychology", interests=["helping", "teaching"]),
        {"psychologist"},
        3,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("who,answers,expected,n", PROFILES, ids=[p[0] for p in PROFILES])
def test_student_profiles_find_the_careers_a_counselor_would_expect(who, answers, expected, n):
    top = [r.slug for r in rank(finder.load_candidates(), _profile(**answers))[:n]]
    assert expected <= set(top), f"{who}: got {top}"


@pytest.mark.django_db
def test_a_student_who_does_not_want_to_code_sees_coding_careers_ranked_down():
    profile = _profile(degree="btech-cse", interests=["puzzles", "numbers"], avoid=["coding"])
    results = rank(finder.load_candidates(), profile, top=100)
    slugs = [r.slug for r in results]
    assert slugs.index("software-engineer") > slugs.index("business-analyst")
    assert results[slugs.index("software-engineer")].clashes


@pytest.mark.django_db
def test_candidates_load_in_four_queries(django_assert_num_queries):
    with django_assert_num_queries(4):
        candidates = finder.load_candidates()
    assert len(candidates) >= 40
