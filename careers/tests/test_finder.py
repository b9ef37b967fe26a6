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
    # Few enough to read on a phone: one or two per family of work students name.
    assert 12 <= len(finder.INTERESTS) <= 26
    assert {letter for _k, letter, _t in finder.INTERESTS} == set("RIASEC")


def test_matching_interests_score_higher_than_opposite_ones():
    profile = Profile(interests=frozenset({"code", "puzzles", "numbers"}))
    investigative = score_candidate(candidate("a", "IRC", cluster="software-it", cluster_name="Software & IT"), profile)
    social = score_candidate(candidate("b", "SEA", cluster="healthcare"), profile)
    assert investigative.parts[0].score > 70 > social.parts[0].score
    assert "investigative" in investigative.parts[0].reason and "Software & IT" in investigative.parts[0].reason


def test_a_career_in_a_family_of_work_the_student_picked_scores_higher():
    profile = Profile(interests=frozenset({"animals-plants", "outdoors"}))
    farm = score_candidate(candidate("farm", "RIE", cluster="agriculture-environment"), profile)
    elsewhere = score_candidate(candidate("site", "RIE", cluster="software-it"), profile)
    vet = score_candidate(candidate("veterinarian", "RIE", cluster="healthcare"), profile)
    assert farm.parts[0].score > vet.parts[0].score > elsewhere.parts[0].score


def test_class_10_students_see_routes_that_start_after_class_10_first():
    profile = Profile(stage="class10", interests=frozenset({"fix-build"}))
    iti = score_candidate(candidate("iti", "R", route_start="after_10"), profile)
    degree = score_candidate(candidate("btech", "R", route_start="after_12"), profile)
    graduate = score_candidate(candidate("po", "R", route_start="after_degree"), profile)
    assert iti.parts[1].score > degree.parts[1].score > graduate.parts[1].score
    assert "after class 10" in iti.parts[1].reason


def test_long_study_counts_the_years_from_class_12_whatever_the_routes_start():
    profile = Profile(avoid=frozenset({"long_study"}))
    iti = score_candidate(candidate("iti", "R", route_start="after_10", study_years=2), profile)
    masters = score_candidate(candidate("msw", "S", route_start="after_degree", study_years=2), profile)
    assert not iti.clashes and masters.clashes  # 0 years after class 12 vs 3 + 2


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


def _profile(degree=None, stream="", interests=(), skills=(), avoid=(), min_salary=None, stage=""):
    degree_obj = Degree.objects.get(slug=degree) if degree else None
    stream_ids = frozenset(Degree.objects.filter(streams__contains=stream).values_list("id", flat=True))
    return Profile(
        stage=stage,
        stream=stream,
        degree_id=degree_obj.id if degree_obj else None,
        degree_name=degree_obj.name if degree_obj else "",
        stream_degree_ids=stream_ids if stream and not degree else frozenset(),
        interests=frozenset(interests),
        skill_ids=frozenset(Skill.objects.filter(slug__in=skills).values_list("id", flat=True)),
        avoid=frozenset(avoid),
        min_salary=Decimal(min_salary) if min_salary is not None else None,
    )


ENGINEERING = {
    "civil-engineer",
    "mechanical-engineer",
    "electrical-engineer",
    "electronics-engineer",
    "marine-engineer",
    "agricultural-engineer",
    "instrumentation-engineer",
    "metallurgical-engineer",
    "mining-engineer",
    "petroleum-engineer",
    "robotics-engineer",
    "aerospace-engineer",
    "chemical-engineer",
    "merchant-navy-deck-officer",
}
TRADES = {
    "electrician",
    "fitter",
    "welder",
    "plumber",
    "cnc-machinist",
    "automobile-and-ev-technician",
    "hvac-technician",
    "solar-pv-technician",
    "mobile-repair-technician",
    "draughtsman",
}
CARE = {"doctor-mbbs", "nurse", "physiotherapist", "occupational-therapist", "speech-therapist-and-audiologist"}
ACCOUNTS = {
    "chartered-accountant",
    "cost-and-management-accountant",
    "financial-analyst",
    "tax-consultant",
    "actuary",
    "income-tax-inspector",
    "insurance-underwriter",
    "rbi-grade-b-officer",
    "bank-probationary-officer",
    "bank-clerk",
    "credit-analyst",
}
# (who, answers, the careers a counselor would accept in the top three). Every one of the
# finder's top three must be among them.
PERSONAS = [
    (
        "class 12 PCB student who likes caring",
        dict(stage="class12", stream="pcb", interests=["caring", "helping", "experiments"]),
        CARE | {"ayurveda-doctor-bams"},
    ),
    (
        "class 12 PCB student who cares but wants a short course",
        dict(stage="class12", stream="pcb", interests=["caring", "helping"], avoid=["long_study"]),
        {
            "nurse",
            "paramedic-emt",
            "speech-therapist-and-audiologist",
            "operation-theatre-technician",
            "radiology-technologist",
            "medical-lab-technologist",
        },
    ),
    (
        "class 12 PCB student drawn to animals and plants",
        dict(stage="class12", stream="pcb", interests=["animals-plants", "experiments"]),
        {
            "veterinarian",
            "fisheries-officer",
            "horticulturist",
            "agronomist",
            "dairy-technologist",
            "environmental-scientist",
            "agriculture-field-officer",
        }
        | {"dentist", "medical-lab-technologist"},
    ),
    (
        "class 12 PCB student who likes lab work but not long study",
        dict(stage="class12", stream="pcb", interests=["experiments", "details"], avoid=["long_study"]),
        {"pharmacist", "medical-lab-technologist", "nurse", "optometrist", "radiology-technologist"},
    ),
    (
        "B.Tech CSE graduate who codes",
        dict(degree="btech-cse", interests=["code", "puzzles", "numbers"], skills=["python-programming", "sql"]),
        {
            "machine-learning-engineer",
            "data-scientist",
            "data-engineer",
            "ai-engineer",
            "software-engineer",
            "full-stack-developer",
        },
    ),
    (
        "class 12 PCM student who codes",
        dict(stage="class12", stream="pcm", interests=["code", "puzzles"]),
        {
            "ai-engineer",
            "software-engineer",
            "data-engineer",
            "full-stack-developer",
            "machine-learning-engineer",
            "cybersecurity-analyst",
            "data-scientist",
        },
    ),
    (
        "class 12 PCM student who builds things",
        dict(stage="class12", stream="pcm", interests=["fix-build", "machines", "outdoors"]),
        ENGINEERING,
    ),
    (
        "class 12 PCM student who wants the uniform",
        dict(stage="class12", stream="pcm", interests=["uniform", "leading", "outdoors"]),
        {"army-officer", "navy-officer", "air-force-officer", "capf-assistant-commandant"},
    ),
    ("class 10 student good with hands", dict(stage="class10", interests=["fix-build", "machines"]), TRADES),
    (
        "class 10 student who wants to earn early with machines",
        dict(stage="class10", interests=["machines", "fix-build"], avoid=["long_study"]),
        TRADES,
    ),
    (
        "class 10 student who wants the uniform",
        dict(stage="class10", interests=["uniform", "sport", "outdoors"]),
        {"agniveer", "capf-constable", "army-officer", "police-sub-inspector"},
    ),
    (
        "B.Com student good with numbers",
        dict(degree="bcom", interests=["numbers", "records", "money", "rules"]),
        ACCOUNTS,
    ),
    (
        "commerce graduate aiming for a steady job",
        dict(stage="graduate", degree="bcom", interests=["money", "rules", "records"]),
        ACCOUNTS,
    ),
    (
        "class 12 commerce student who likes money",
        dict(stage="class12", stream="commerce", interests=["money", "numbers", "details"]),
        ACCOUNTS,
    ),
    (
        "class 12 arts student who writes",
        dict(stage="class12", stream="arts", interests=["writing", "ideas", "persuading"]),
        {"journalist", "content-writer", "public-relations-specialist", "digital-marketer"},
    ),
    (
        "class 12 arts student who performs",
        dict(stage="class12", stream="arts", interests=["performing", "ideas"]),
        {"actor", "musician", "dancer-and-choreographer", "film-director", "radio-jockey", "video-editor"},
    ),
    (
        "design student",
        dict(degree="bdes", interests=["design", "ideas"]),
        {
            "ux-designer",
            "graphic-designer",
            "fashion-designer",
            "product-designer",
            "interior-designer",
            "animator-and-vfx-artist",
        },
    ),
    (
        "law student who argues",
        dict(degree="integrated-llb", interests=["persuading", "rules", "helping"]),
        {"lawyer", "public-prosecutor", "legal-adviser", "civil-judge", "civil-services-officer", "company-secretary"},
    ),
    (
        "hotel management graduate",
        dict(degree="bhm", interests=["helping", "leading", "persuading"]),
        {"hotel-manager", "housekeeping-manager", "event-manager", "flight-attendant", "travel-and-tour-manager"},
    ),
    (
        "student who loves cooking",
        dict(stage="class12", stream="commerce", interests=["cooking", "leading"]),
        {"chef", "hotel-manager", "housekeeping-manager", "travel-and-tour-manager", "event-manager"},
    ),
    (
        "sporty class 12 student who likes teaching",
        dict(stage="class12", stream="pcb", interests=["sport", "teaching"]),
        {"sports-coach", "fitness-trainer", "physical-education-teacher", "sports-physiotherapist", "yoga-instructor"},
    ),
    (
        "psychology graduate who helps people",
        dict(degree="ba-psychology", interests=["helping", "teaching"]),
        {"psychologist", "school-counsellor", "social-worker", "special-educator"},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("who,answers,acceptable", PERSONAS, ids=[p[0] for p in PERSONAS])
def test_personas_top_three_are_careers_a_counselor_would_expect(who, answers, acceptable):
    top = [r.slug for r in rank(finder.load_candidates(), _profile(**answers))[:3]]
    assert set(top) <= acceptable, f"{who}: got {top}"


def test_there_are_at_least_twenty_personas():
    assert len(PERSONAS) >= 20


@pytest.mark.django_db
def test_a_student_who_does_not_want_to_code_sees_coding_careers_ranked_down():
    profile = _profile(degree="btech-cse", interests=["puzzles", "numbers"], avoid=["coding"])
    results = rank(finder.load_candidates(), profile, top=100)
    slugs = [r.slug for r in results]
    assert slugs.index("software-engineer") > slugs.index("business-analyst")
    assert results[slugs.index("software-engineer")].clashes


@pytest.mark.django_db
def test_candidates_load_in_five_queries(django_assert_num_queries):
    # careers, degree fits, key skills, entry bands, exams
    with django_assert_num_queries(5):
        candidates = finder.load_candidates()
    assert len(candidates) >= 40


@pytest.mark.django_db
def test_a_class_12_pcb_student_sees_neet_ug_under_doctor():
    results = rank(finder.load_candidates(), _profile(stage="class12", stream="pcb", interests=["caring"]), top=100)
    doctor = next(r for r in results if r.slug == "doctor-mbbs")
    assert doctor.next_exam.slug == "neet-ug" and doctor.next_exam.month == 5


def test_the_first_exam_is_the_next_one_for_the_students_stage_and_stream():
    steps = [
        finder.ExamStep("jee-main", "JEE Main", "after_12", frozenset({"pcm"}), 1, "common"),
        finder.ExamStep("cuet-ug", "CUET-UG", "after_12", frozenset(), 5, "optional"),
        finder.ExamStep("gate", "GATE", "after_degree", frozenset(), 2, "optional"),
    ]
    career = candidate("c", "R", exams=steps)
    assert finder.first_exam(career, Profile(stage="class12", stream="pcm")).slug == "jee-main"
    assert finder.first_exam(career, Profile(stage="class12", stream="arts")).slug == "cuet-ug"
    assert finder.first_exam(career, Profile(stage="graduate")).slug == "gate"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "answers",
    [
        {"interests": frozenset({"code", "numbers"}), "min_salary": Decimal("4"), "avoid": frozenset({"shifts"})},
        {"stage": "class10", "interests": frozenset({"helping", "caring"}), "avoid": frozenset({"long_study"})},
        {"interests": frozenset({"design", "ideas"}), "skill_ids": frozenset({1, 2, 3, 5, 8})},
    ],
)
def test_ranking_scores_without_words_as_the_explained_scores(answers):
    """rank() scores every career without building reasons, then explains the top: the order is
    the one the explained scores give."""
    candidates = finder.load_candidates()
    profile = Profile(**answers)
    explained = sorted((score_candidate(c, profile) for c in candidates), key=lambda r: (-r.score, r.title))
    ranked = rank(candidates, profile, top=25)
    assert [(r.slug, r.score) for r in ranked] == [(r.slug, r.score) for r in explained[:25]]
    assert all(p.reason for r in ranked for p in r.parts)
