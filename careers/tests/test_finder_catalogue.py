"""The finder's catalogue: every career's score inputs packed once per catalogue version and kept in
the shared cache, so a new worker reads one value; and the fast totals ranking uses are the
explained scores."""

from collections import Counter
from decimal import Decimal
from itertools import product

import pytest
from django.core.cache import cache, caches
from django.utils import translation

from careers import caching, finder, finder_candidates
from careers.caching import bump, catalogue_version
from careers.finder import Profile, score_candidate
from careers.finder_scoring import SLUG, Columns, Scorer, score_row
from careers.models import Career, Degree, Skill

pytestmark = pytest.mark.django_db


def _profiles():
    """Answers that reach every branch of every part: stages, a degree, a stream's degrees, skills,
    a salary above and below most bands, and each thing to avoid alone and together."""
    degree = Degree.objects.get(slug="btech-cse").id
    stream = frozenset(Degree.objects.filter(streams__contains="pcb").values_list("id", flat=True))
    skills = frozenset(Skill.objects.order_by("id").values_list("id", flat=True)[:40])
    educations = [{}, {"stage": "class10"}, {"stage": "class12", "stream_degree_ids": stream}, {"degree_id": degree}]
    educations.append({"stage": "graduate", "degree_id": degree})
    interests = [frozenset(), frozenset({"code", "numbers"}), frozenset({"animals-plants", "caring", "uniform"})]
    avoids = [frozenset(), frozenset({"long_study"}), frozenset({"coding", "shifts", "fieldwork", "long_study"})]
    salaries = [None, Decimal("3.5"), Decimal("12")]
    for education, chosen, avoid, salary in product(educations, interests, avoids, salaries):
        yield Profile(**education, interests=chosen, avoid=avoid, min_salary=salary, skill_ids=skills)


def test_the_fast_totals_are_the_explained_scores_for_every_career_and_every_kind_of_answer():
    candidates = finder.load_candidates()
    columns = Columns([score_row(c) for c in candidates])
    checked = 0
    for profile in _profiles():
        strengths, topics = finder.interest_profile(profile.interests), finder.interest_topics(profile.interests)
        totals = Scorer(profile, strengths, topics).totals(columns).tolist()
        explained = [score_candidate(c, profile, strengths, topics).score for c in candidates]
        assert totals == explained, profile
        checked += 1
    assert checked == 5 * 3 * 3 * 3


def test_the_packed_catalogue_gives_back_every_candidate_as_loaded():
    loaded = finder.load_candidates()
    catalogue = finder_candidates.Catalogue(finder_candidates.pack(loaded))
    assert len(catalogue) == len(loaded) == Career.objects.published().count()
    assert list(catalogue) == loaded
    assert any(c.exams for c in catalogue) and any(c.entry_band for c in catalogue)


def _cold_process():
    caching.forget_in_process()


@pytest.fixture
def shared_cache(tmp_path, settings):
    """A cache other processes could read, as Redis is in production (files here)."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    _cold_process()
    yield
    _cold_process()


def test_a_new_worker_reads_the_stored_catalogue_without_a_query(shared_cache, django_assert_num_queries):
    cache.clear()
    with django_assert_num_queries(5):  # the first worker loads it: careers, fits, skills, bands, exams
        first = finder_candidates.cached_candidates()
    _cold_process()  # another worker (the cache is shared): one cache read, no query
    with django_assert_num_queries(0):
        second = finder_candidates.cached_candidates()
    assert second is not first and list(second) == list(first)


def test_a_per_process_cache_keeps_no_copy_of_the_catalogue(django_assert_num_queries):
    cache.clear()
    _cold_process()
    with django_assert_num_queries(5):
        first = finder_candidates.cached_candidates()
    assert cache.get(f"{finder_candidates.CACHE_NAME}:{translation.get_language()}:{catalogue_version()}") is None
    assert len(first) == Career.objects.published().count()


def _reads(monkeypatch):
    """The keys of each ``cache.get_many`` call for careers' own finder data, as they happen."""
    backend = caches["default"]  # (this test's cache, not the proxy: settings change it back after)
    reads, get_many = [], backend.get_many

    def recording(keys, *args, **kwargs):
        keys = list(keys)
        if any(key.startswith(finder_candidates.CAREER_CACHE_NAME) for key in keys):
            reads.append(keys)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", recording)
    return reads


def test_a_new_worker_reads_the_own_data_of_only_the_careers_it_shows_in_one_read(
    shared_cache, monkeypatch, django_assert_num_queries
):
    cache.clear()
    finder_candidates.cached_candidates()  # the first worker stores the catalogue
    _cold_process()
    reads = _reads(monkeypatch)
    with django_assert_num_queries(0):
        catalogue = finder_candidates.cached_candidates()
        results = finder.rank(catalogue, Profile(stage="class12", interests=frozenset({"caring"})))
    assert len(results) == finder.TOP and all(r.candidate.summary for r in results)
    assert [sorted(key.rsplit(":", 1)[1] for key in keys) for keys in reads] == [sorted(r.slug for r in results)]
    assert sum(made is not None for made in catalogue._made) == finder.TOP


def test_a_career_whose_data_left_the_shared_cache_is_read_again_from_the_database(
    shared_cache, django_assert_num_queries
):
    cache.clear()
    loaded = {c.slug: c for c in finder_candidates.cached_candidates()}
    _cold_process()
    catalogue = finder_candidates.cached_candidates()
    edition = f"{translation.get_language()}:{catalogue_version()}"
    cache.delete(f"{finder_candidates.CAREER_CACHE_NAME}:{edition}:nurse")  # evicted
    nurse = next(i for i, row in enumerate(catalogue.score_rows) if row[SLUG] == "nurse")
    with django_assert_num_queries(5):
        assert catalogue[nurse] == loaded["nurse"]
    _cold_process()
    with django_assert_num_queries(0):  # and stored again for the others
        again = finder_candidates.cached_candidates()
        assert again[nurse] == loaded["nurse"]


@pytest.mark.parametrize("shared", [False, True])
def test_a_content_change_makes_the_finder_read_the_catalogue_again(request, shared, django_assert_num_queries):
    if shared:
        request.getfixturevalue("shared_cache")
    before = finder_candidates.cached_candidates()
    career = Career.objects.published().get(slug="nurse")
    Career.objects.filter(pk=career.pk).update(title="Staff Nurse")
    bump()
    with django_assert_num_queries(5):
        after = finder_candidates.cached_candidates()
    assert "Staff Nurse" in {c.title for c in after} and "Staff Nurse" not in {c.title for c in before}


def test_rank_on_the_catalogue_and_on_a_plain_list_agree():
    profile = Profile(stage="class12", interests=frozenset({"caring"}), min_salary=Decimal("4"))
    catalogue = finder_candidates.cached_candidates()
    on_catalogue = [(r.slug, r.score) for r in finder.rank(catalogue, profile, top=30)]
    assert on_catalogue == [(r.slug, r.score) for r in finder.rank(list(catalogue), profile, top=30)]


def test_a_plan_reads_the_own_data_of_its_careers_only(shared_cache, monkeypatch):
    from careers import plan

    cache.clear()
    finder_candidates.cached_candidates()
    _cold_process()
    reads = _reads(monkeypatch)
    built = plan.build(["nurse", "pharmacist"], Profile(stage="class12", interests=frozenset({"caring"})))
    assert [c.fit is not None for c in built.careers] == [True, True]
    assert [sorted(key.rsplit(":", 1)[1] for key in keys) for keys in reads] == [["nurse", "pharmacist"]]


def _edition():
    return f"{translation.get_language()}:{catalogue_version()}"


def test_a_worker_rebuilding_the_catalogue_holds_a_lock_and_releases_it(shared_cache, monkeypatch):
    cache.clear()
    held = []
    store = finder_candidates._store

    def storing(edition):
        held.append(cache.get(f"{finder_candidates.CACHE_NAME}:building:{edition}"))
        return store(edition)

    monkeypatch.setattr(finder_candidates, "_store", storing)
    finder_candidates.cached_candidates()
    assert held == [True]
    assert cache.get(f"{finder_candidates.CACHE_NAME}:building:{_edition()}") is None


def test_a_worker_that_finds_another_rebuilding_waits_for_its_catalogue_without_a_query(
    shared_cache, monkeypatch, django_assert_num_queries
):
    cache.clear()
    edition = _edition()
    plain, rows = finder_candidates.pack(finder_candidates.load_candidates())
    cache.add(f"{finder_candidates.CACHE_NAME}:building:{edition}", True)  # another worker is building it
    naps = []

    def other_worker_finishes(seconds):  # (the other worker stores the catalogue while this one waits)
        naps.append(seconds)
        if len(naps) == 3:
            cache.set_many(
                {
                    f"{finder_candidates.CAREER_CACHE_NAME}:{edition}:{r[SLUG]}": p
                    for r, p in zip(rows, plain, strict=True)
                }
            )
            cache.set(f"{finder_candidates.CACHE_NAME}:{edition}", rows)

    monkeypatch.setattr("time.sleep", other_worker_finishes)
    with django_assert_num_queries(0):
        catalogue = finder_candidates.cached_candidates()
        assert [c.slug for c in catalogue[:5]] == [r[SLUG] for r in rows[:5]]
    assert len(naps) == 3 and len(catalogue) == len(rows)


@pytest.mark.parametrize("why", ["the builder failed", "the wait ran out"])
def test_a_waiting_worker_builds_the_catalogue_itself_when_no_other_will(
    why, shared_cache, monkeypatch, django_assert_num_queries
):
    cache.clear()
    lock = f"{finder_candidates.CACHE_NAME}:building:{_edition()}"
    cache.add(lock, True)
    if why == "the builder failed":  # its lock is gone, the rows never came
        monkeypatch.setattr("time.sleep", lambda seconds: cache.delete(lock))
    else:
        monkeypatch.setattr(finder_candidates, "REBUILD_WAIT_SECONDS", 0)
    with django_assert_num_queries(5):
        catalogue = finder_candidates.cached_candidates()
    assert len(catalogue) == Career.objects.published().count()
    assert cache.get(f"{finder_candidates.CACHE_NAME}:{_edition()}") is not None  # stored for the others


def test_the_catalogue_reads_careers_and_their_vocabulary_in_the_page_language_with_english_where_missing():
    career = Career.objects.published().get(slug="nurse")
    Career.objects.filter(pk=career.pk).update(title_hi="नर्स (परीक्षण)", summary_hi=None)
    with translation.override("hi"):
        nurse = next(c for c in finder.load_candidates() if c.slug == "nurse")
        titles = [c.title for c in finder.load_candidates()]
    assert nurse.title == "नर्स (परीक्षण)" and nurse.summary == career.summary_en
    skill = Skill.objects.get(pk=nurse.key_skills[0][0])
    assert nurse.key_skills[0][1] == (skill.name_hi or skill.name_en)
    assert nurse.cluster_name == (career.cluster.name_hi or career.cluster.name_en)
    with_hindi = Career.objects.published().exclude(title_hi=None).exclude(title_hi="").order_by("title_hi")
    assert [t for t in titles if t in set(with_hindi.values_list("title_hi", flat=True))] == list(
        with_hindi.values_list("title_hi", flat=True)
    )  # (in Hindi title order, as the finder's ties were before)


def _tied_candidates():
    """Careers made to tie: a few totals shared by many, titles repeated (as Hindi titles can be),
    in an order that is neither by title nor by total."""
    titles = ["नर्स", "Baker", "Baker", "Analyst", "नर्स", "Zoologist", "baker", "Analyst"]
    return [
        finder.Candidate(
            slug=f"career-{i}",
            title=titles[i % len(titles)],
            summary="",
            interest_code=["ISR", "SIA", ""][i % 3],
            study_years=[None, 3, 6][i % 3],
            involves_coding=i % 4 == 0,
            shift_work=i % 5 == 0,
            fieldwork=False,
            degree_fits={7: (80, True, "B.Sc"), 9: (40, False, "B.A")} if i % 2 else {},
            key_skills=[(1, "Python"), (2, "Maths")][: i % 3],
            entry_band=(Decimal("2"), Decimal(["3.5", "4", "9"][i % 3])) if i % 4 else None,
            cluster=["software-it", "healthcare"][i % 2],
        )
        for i in range(40)
    ]


@pytest.mark.parametrize(
    "profile",
    [
        Profile(),
        Profile(stage="class10", interests=frozenset({"code"})),
        Profile(
            stage="class12", stream_degree_ids=frozenset({7, 9}), skill_ids=frozenset({1}), avoid=frozenset({"coding"})
        ),
        Profile(degree_id=9, min_salary=Decimal("4"), avoid=frozenset({"long_study", "shifts"})),
    ],
)
def test_best_rows_is_the_plain_sort_by_total_then_title_with_ties(profile):
    candidates = _tied_candidates()
    columns = Columns([score_row(c) for c in candidates])
    scores = [score_candidate(c, profile).score for c in candidates]
    plain = sorted(range(len(candidates)), key=lambda i: (-scores[i], candidates[i].title))
    tied = Counter((scores[i], candidates[i].title) for i in range(len(candidates)))
    assert max(tied.values()) > 1 and len(set(scores)) < len(candidates) / 3  # (equal totals, some with equal titles)
    for top in (1, 3, 10, len(candidates), len(candidates) + 5):
        assert finder.best_rows(columns, profile, top) == plain[:top]
    assert [r.candidate for r in finder.rank(candidates, profile, top=10)] == [candidates[i] for i in plain[:10]]
