import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from bench import synthetic
from careers import models as m
from careers import search
from careers.catalogue import career_document
from careers.catalogue.completeness import check_career
from careers.sections import BY_NAME, SECTIONS

SECTION_NAMES = list(BY_NAME)

pytestmark = pytest.mark.django_db

N = 25


@pytest.fixture
def made(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # search is refreshed when the writes commit
        synthetic.synthesize(N)
    return list(m.Career.objects.with_all_sections().filter(slug__startswith=synthetic.SLUG_PREFIX).order_by("slug"))


def real_careers():
    """The catalogue's careers: one document each."""
    return len(list((settings.CATALOGUE_DIR / "careers").glob("*.yaml")))


def vocabulary_counts():
    return {model: model.objects.count() for model in (m.Skill, m.Degree, m.Tool, m.Industry, m.Cluster)}


def test_adds_n_published_careers_numbered_from_one(made):
    assert len(made) == N
    assert [c.slug for c in made] == [f"synthetic-career-{i:05d}" for i in range(1, N + 1)]
    assert all(c.status == m.Career.Status.PUBLISHED and c.title.startswith("Synthetic Career") for c in made)
    assert m.Career.objects.exclude(slug__startswith=synthetic.SLUG_PREFIX).count() == real_careers()


def test_numbering_continues_after_earlier_synthetic_careers(made):
    synthetic.synthesize(2)
    assert synthetic.synthetic_careers().filter(slug__in=["synthetic-career-00026", "synthetic-career-00027"]).count()
    assert synthetic.synthetic_careers().count() == N + 2


def test_every_synthetic_career_passes_the_completeness_bar(made):
    for career in made:
        failed = [check for check in check_career(career) if not check.ok]
        assert not failed, (career.slug, failed)


def test_every_section_is_filled_like_a_real_career(made):
    def shape(career):
        return tuple(len(getattr(career, name).all()) for name in SECTION_NAMES if name != "related")

    real_shapes = {
        shape(c) for c in m.Career.objects.with_all_sections().exclude(slug__startswith=synthetic.SLUG_PREFIX)
    }
    for career in made:
        assert shape(career) in real_shapes, career.slug  # as many rows in each section as its template
        for name in SECTION_NAMES:
            orders = [r.order for r in getattr(career, name).all()]
            assert orders == list(range(1, len(orders) + 1))
        # Every section the completeness bar requires has rows (exams and sources may be empty).
        assert all(len(getattr(career, name).all()) for name in SECTION_NAMES if BY_NAME[name].minimum)


def _content(row, skip):
    return tuple(getattr(row, f.attname) for f in type(row)._meta.concrete_fields if f.name not in skip)


def test_each_career_follows_its_template_as_the_sections_declare(made):
    """Read from the declaration: every section but the one pointing at careers is the template's,
    row for row; vocabulary entries other than exams may be swapped; unordered sections may be
    shuffled; salaries and fit scores move; everything else stays the template's."""
    real = {c.summary: c for c in m.Career.objects.with_all_sections().exclude(slug__startswith=synthetic.SLUG_PREFIX)}
    assert len(real) == real_careers()  # a synthetic career's summary names its template
    own = set(synthetic.OWN_FIELDS)
    career_fields = [f for f in m.Career._meta.concrete_fields if f.editable and not f.primary_key]
    swapped = shuffled = False
    for career in made:
        template = real[career.summary]
        for f in career_fields:
            if f.name not in own:
                assert getattr(career, f.attname) == getattr(template, f.attname), (career.slug, f.name)
        for section in SECTIONS:
            if section.vocabulary_model is m.Career:
                continue
            swaps = section.vocabulary not in (None, "exam")
            skip = {"id", "career", "order", "min_lpa", "max_lpa", "fit_score"} | (
                {section.vocabulary} if swaps else set()
            )
            mine = [_content(r, skip) for r in getattr(career, section.name).all()]
            theirs = [_content(r, skip) for r in getattr(template, section.name).all()]
            if section.ordered:
                assert mine == theirs, (career.slug, section.name)
            else:
                assert sorted(mine, key=repr) == sorted(theirs, key=repr), (career.slug, section.name)
                shuffled |= mine != theirs
            if swaps:
                attr = f"{section.vocabulary}_id"
                vocabulary = {getattr(r, attr) for r in getattr(career, section.name).all()}
                swapped |= vocabulary != {getattr(r, attr) for r in getattr(template, section.name).all()}
        for band, was in zip(career.salary_bands.all(), template.salary_bands.all(), strict=True):
            for name in ("min_lpa", "max_lpa"):  # moved by 0.80–1.25, rounded to 0.1
                low, high = Decimal("0.8") * getattr(was, name), Decimal("1.25") * getattr(was, name)
                assert low - Decimal("0.05") <= getattr(band, name) <= high + Decimal("0.05"), career.slug
    assert swapped and shuffled


def test_exams_and_the_route_are_the_templates():
    """Give every real career the same shape of exams and a route of its own: never swapped."""
    exams = [
        m.Exam.objects.create(
            name=f"Exam {i}",
            slug=f"exam-{i}",
            short_name=f"EX-{i}",
            conducting_body="A board",
            purpose=m.Exam.Purpose.ADMISSION_UG,
            level=m.Exam.Level.NATIONAL,
            stage=m.RouteStart.AFTER_12,
            eligibility="Class 12",
        )
        for i in range(6)
    ]
    m.CareerExam.objects.all().delete()
    real = list(m.Career.objects.published().order_by("slug"))
    routes = list(m.RouteStart)
    for i, career in enumerate(real):
        m.Career.objects.filter(pk=career.pk).update(route_start=routes[i % len(routes)])
        rows = [
            m.CareerExam(career=career, exam=exams[(i + k) % 6], role="common", note=f"{k}", order=k) for k in (1, 2)
        ]
        m.CareerExam.objects.bulk_create(rows)
    synthetic.synthesize(N, reindex=False)
    templates = {c.summary: c for c in m.Career.objects.filter(pk__in=[c.pk for c in real]).prefetch_related("exams")}
    for career in synthetic.synthetic_careers().prefetch_related("exams"):
        template = templates[career.summary]
        assert career.route_start == template.route_start
        assert [(e.exam_id, e.role, e.note) for e in career.exams.all()] == [
            (e.exam_id, e.role, e.note) for e in template.exams.all()
        ]


def test_only_the_real_vocabularies_are_used():
    before = vocabulary_counts()
    real_skills = set(m.CareerSkill.objects.values_list("skill_id", flat=True))
    real_high = set(m.CareerSkill.objects.filter(importance=m.Importance.HIGH).values_list("skill_id", flat=True))
    synthetic.synthesize(N)
    assert vocabulary_counts() == before
    rows = m.CareerSkill.objects.filter(career__slug__startswith=synthetic.SLUG_PREFIX)
    assert set(rows.values_list("skill_id", flat=True)) <= real_skills
    # The finder's skill list (skills of high importance somewhere) stays the real catalogue's.
    assert set(rows.filter(importance=m.Importance.HIGH).values_list("skill_id", flat=True)) <= real_high


def test_related_careers_are_other_published_synthetic_careers(made):
    for career in made:
        related = [r.related for r in career.related.all()]
        assert 3 <= len(related) <= 5
        assert career not in related
        assert all(r.slug.startswith(synthetic.SLUG_PREFIX) and r.is_published for r in related)


def test_salary_bands_stay_ordered_and_fit_scores_in_range(made):
    for career in made:
        for band in career.salary_bands.all():
            assert band.min_lpa <= band.max_lpa
        assert all(0 <= d.fit_score <= 100 for d in career.degrees.all())
        assert re.fullmatch(r"[RIASEC]{3}", career.interest_code) or career.interest_code


def test_output_is_deterministic_for_a_seed():
    def documents():
        careers = m.Career.objects.with_all_sections().filter(slug__startswith=synthetic.SLUG_PREFIX).order_by("slug")
        return [career_document(c) for c in careers]

    synthetic.synthesize(6, seed=7)
    first = documents()
    synthetic.clear()
    synthetic.synthesize(6, seed=7)
    assert documents() == first
    synthetic.clear()
    synthetic.synthesize(6, seed=8)
    assert documents() != first


def test_clear_removes_synthetic_careers_and_their_rows_only(made):
    real_rows = m.CareerSkill.objects.count() - m.CareerSkill.objects.filter(career__in=made).count()
    real_related = m.RelatedCareer.objects.exclude(career__in=made).count()
    assert synthetic.clear() == N
    assert not synthetic.synthetic_careers().exists()
    assert m.CareerSkill.objects.count() == real_rows
    assert m.RelatedCareer.objects.count() == real_related
    assert m.Career.objects.count() == real_careers()
    assert synthetic.clear() == 0


def test_new_careers_are_searchable(made):
    hits = search.search(search.clean_query("Synthetic Career 00007"))
    assert hits and hits[0].career.slug == "synthetic-career-00007"


def test_without_reindex_search_does_not_find_them():
    report = synthetic.synthesize(2, reindex=False)
    assert report.seconds_reindexing is None
    assert not m.Career.objects.get(slug="synthetic-career-00001").search_text


def test_pages_render(client, made):
    for career in made:
        response = client.get(career.get_absolute_url())
        assert response.status_code == 200, career.slug
        assert career.title in response.content.decode()
    three = ",".join(c.slug for c in made[:3])
    assert client.get(f"/compare/?careers={three}").status_code == 200
    assert client.get("/careers/?page=3").status_code == 200
    assert client.get("/search/?q=synthetic").status_code == 200
    assert client.get(f"/clusters/{made[0].cluster.slug}/").status_code == 200
    assert client.get("/finder/?interests=code&interests=numbers&min_salary=5").status_code == 200


def test_command(capsys):
    call_command("synthesize_catalogue", careers=3)
    assert "created 3 synthetic careers" in capsys.readouterr().out
    call_command("synthesize_catalogue", "--clear", careers=1)
    out = capsys.readouterr().out
    assert "removed 3 synthetic careers" in out and "synthetic-career-00001" in out
    assert synthetic.synthetic_careers().count() == 1
    with pytest.raises(CommandError):
        call_command("synthesize_catalogue")


def test_refuses_without_a_loaded_catalogue():
    m.Career.objects.update(status=m.Career.Status.DRAFT)
    with pytest.raises(synthetic.NoTemplates):
        synthetic.synthesize(1)
