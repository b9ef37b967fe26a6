"""Building comparisons without HTTP."""

import pytest

from careers import comparison
from careers.models import Career
from careers.tests.factories import make_career, make_skill

pytestmark = pytest.mark.django_db


def _careers(*slugs):
    return comparison.select_careers(comparison.Selection(slugs=list(slugs)))[0]


def test_parse_keeps_order_and_collapses_duplicates():
    sel = comparison.parse_slugs(" data-scientist,machine-learning-engineer,,data-scientist ")
    assert sel.slugs == ["data-scientist", "machine-learning-engineer"]
    assert not sel.messages


def test_parse_names_malformed_values():
    sel = comparison.parse_slugs("data-scientist,<script>,../etc")
    assert sel.slugs == ["data-scientist"]
    assert "Not a career name" in sel.messages[0]


def test_compare_rejects_more_than_four_careers():
    sel = comparison.parse_slugs("nurse,pharmacist,physiotherapist,psychologist,doctor-mbbs")
    careers, messages = comparison.select_careers(sel)
    assert [c.slug for c in careers] == ["nurse", "pharmacist", "physiotherapist", "psychologist"]
    assert "at most 4" in messages[0] and "Doctor (MBBS)" in messages[0]


def test_unknown_and_unpublished_careers_are_named_and_left_out():
    Career.objects.filter(slug="nurse").update(status=Career.Status.DRAFT)
    sel = comparison.parse_slugs("nurse,astronaut,pharmacist")
    careers, messages = comparison.select_careers(sel)
    assert [c.slug for c in careers] == ["pharmacist"]
    assert "nurse" in messages[0] and "astronaut" in messages[0]


def test_selecting_careers_leaves_the_selection_as_it_was():
    sel = comparison.parse_slugs("nurse,<b>,astronaut,pharmacist,physiotherapist,psychologist,doctor-mbbs")
    before = (list(sel.slugs), list(sel.messages))
    careers, messages = comparison.select_careers(sel)
    assert (sel.slugs, sel.messages) == before
    assert messages[0] == sel.messages[0] and len(messages) == 3  # malformed, unknown, more than four
    assert len(careers) == 4


def test_skills_matrix_puts_shared_skills_first_and_marks_them():
    comp = comparison.build_comparison(_careers("data-scientist", "machine-learning-engineer", "software-engineer"))
    counts = [row.count for row in comp.skills]
    assert counts == sorted(counts, reverse=True)
    sql = next(row for row in comp.skills if row.slug == "sql")
    assert sql.count >= 2
    python = next(row for row in comp.skills if row.slug == "python-programming")
    assert python.cells[1].importance == "high" and python.cells[1].level == "advanced"


def test_education_matrix_reads_as_one_glance_per_degree():
    comp = comparison.build_comparison(_careers("machine-learning-engineer", "data-scientist"))
    cse = next(row for row in comp.education if row.slug == "btech-cse")
    assert cse.cells[0].fit_score == 94 and cse.cells[1] is not None and cse.count == 2
    assert comp.education[0].count == 2  # degrees both accept come first
    bca = next(row for row in comp.education if row.slug == "bca")
    assert bca.cells[0].fit_score == 84


def test_salary_rows_align_levels_on_one_scale():
    comp = comparison.build_comparison(_careers("machine-learning-engineer", "nurse"))
    levels = [label for label, _cells in comp.salary]
    assert levels[0].startswith("Entry")
    entry = comp.salary[0][1]
    assert entry[0].band.min_lpa == 5 and entry[0].career.slug == "machine-learning-engineer"
    for _label, cells in comp.salary:
        for cell in cells:
            if cell.band:
                assert 0 <= cell.left <= 100 and 0 < cell.width <= 100 - cell.left + 0.1


def test_pair_slug_is_alphabetical_and_splits_back():
    assert comparison.pair_slug("machine-learning-engineer", "data-scientist") == (
        "data-scientist-vs-machine-learning-engineer"
    )
    assert comparison.split_pair("data-scientist-vs-machine-learning-engineer") == (
        "data-scientist",
        "machine-learning-engineer",
    )
    assert comparison.split_pair("nurse-vs-nurse") is None
    assert comparison.split_pair("a-vs-b-vs-c") is None


def test_transition_from_software_engineer_to_ml_engineer():
    source, target = _careers("software-engineer", "machine-learning-engineer")
    t = comparison.build_transition(source, target)
    shared = {row.skill.slug for row in t.shared_skills}
    to_add = [row.skill.slug for row in t.skills_to_add]
    assert "python-programming" in shared or "sql" in shared
    assert "mlops" in to_add and "machine-learning-algorithms" in to_add
    assert not shared & set(to_add)
    assert [row.importance for row in t.skills_to_add][0] == "high"
    assert any(d.slug == "btech-cse" for d, _a, _b in t.shared_degrees)
    assert t.steps and t.steps_name_gaps


def test_transition_shows_the_whole_path_when_no_step_names_a_skill_to_add():
    source, target = make_career("from-career"), make_career("to-career")
    skill = make_skill("quantum-knitting")
    target.skills.create(order=1, skill=skill, importance="high", level="advanced", used_for="Everything.")
    for order in (1, 2):
        target.learning_steps.create(order=order, title=f"Step {order}", goal="Go.", task="Practise.", output="Done.")
    source, target = _careers("from-career", "to-career")
    t = comparison.build_transition(source, target)
    assert [row.skill.slug for row in t.skills_to_add] == ["quantum-knitting"] and not t.steps_name_gaps
    assert [step.title for step in t.steps] == ["Step 1", "Step 2"]
    step = target.learning_steps.get(order=2)
    step.task = "Knit a quantum scarf."
    step.save()  # (through the write hook, as every edit is: the career's cached rows are not read again)
    t = comparison.build_transition(*_careers("from-career", "to-career"))
    assert t.steps_name_gaps and [step.title for step in t.steps] == ["Step 2"]


def test_csv_has_a_column_per_career():
    comp = comparison.build_comparison(_careers("nurse", "pharmacist", "doctor-mbbs"))
    rows = list(comparison.csv_rows(comp))
    assert rows[0] == ["", "Nurse", "Pharmacist", "Doctor (MBBS)"]
    assert all(len(row) == 4 for row in rows)


def test_compare_url_is_the_one_shareable_address():
    assert comparison.compare_url(["nurse", "doctor-mbbs"]) == "/compare/?careers=nurse,doctor-mbbs"
    assert comparison.compare_url(["nurse"], view="careers:compare-csv") == "/compare/csv/?careers=nurse"
    assert comparison.compare_url([]) == "/compare/"
