"""The sections of a career, declared once.

Each entry names one ordered row model of a career and everything the rest of the code needs
to know about it: the document key and fields of the catalogue, the vocabulary shown with each
row, the completeness minimum, the admin inline, the page include, whether comparisons show it,
and which of its fields are translatable text. The page, the admin, history, revisions, the
catalogue (read, load, export, completeness), the synthetic generator and the tests all read
this list; adding a section is one model, one entry here and one include under
``templates/careers/sections/``.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext, gettext_noop
from modeltranslation.utils import get_translation_fields

from . import models as m


@dataclass(frozen=True)
class DocField:
    """One field of a section row in the catalogue document."""

    key: str  # in the document
    attr: str | None  # on the model (None: the section's own code reads and writes it)
    kind: str = "text"  # text, number, int, bool, vocabulary
    required: bool = True


@dataclass(frozen=True)
class Section:
    name: str  # the related name on Career (career.<name>.all())
    model: type
    label: str  # what editors and readers call it
    doc_key: str  # where the rows live in the catalogue document ("salary.bands")
    fields: tuple  # DocField, in document order
    vocabulary: str | None = None  # the foreign key each row shows (fetched with the rows)
    unique: str | None = None  # a document key that may not repeat within the section
    minimum: int = 0  # rows a published career needs (completeness)
    noun: str = "rows"  # for completeness messages: "8 skills (needs 8)"
    include: str | None = None  # the page include, careers/sections/<include>.html
    anchor: str | None = None  # the page's #anchor and table-of-contents entry
    in_comparison: bool = False
    in_plan: bool = False  # the counselor's plan shows it (careers/plan.py)
    ordered: bool = True  # False: the rows' order carries no meaning (synthetic careers shuffle them)
    admin_fields: tuple = ()  # inline columns (tuples group fields on one line when stacked)
    admin_stacked: bool = False
    admin_search: tuple = ()  # extra search fields of the section's own admin list
    translatable: tuple = ()  # text fields a translation covers
    check_label: str = ""  # the completeness report's name for it (defaults to label, lower case)
    toc_label: str = ""  # the page's table of contents entry (defaults to label)

    @property
    def toc(self):
        """The table of contents entry in the page's language (the labels it reads are marked with
        gettext_noop: they stay English for the admin and the completeness report)."""
        return gettext(self.toc_label or self.label)

    @property
    def template(self):
        return f"careers/sections/{self.include}.html"

    @property
    def check_name(self):
        return self.check_label or self.label.lower()

    def prefetch(self, queryset=None):
        if self.vocabulary is None and queryset is None:
            return self.name
        qs = queryset if queryset is not None else self.model.objects.all()
        if self.vocabulary is not None:
            qs = qs.select_related(self.vocabulary)
            if self.vocabulary_model is m.Career:  # a related career: only what its link shows
                qs = qs.defer(*(f"{self.vocabulary}__{name}" for name in not_in_links()))
        return Prefetch(self.name, queryset=qs)

    @property
    def vocabulary_model(self):
        return self.model._meta.get_field(self.vocabulary).related_model if self.vocabulary else None

    @property
    def autocomplete(self):
        return (self.vocabulary,) if self.vocabulary else ()


def _f(*specs):
    return tuple(DocField(*spec) if isinstance(spec, tuple) else DocField(spec, spec) for spec in specs)


SECTIONS = (
    Section(
        "salary_bands",
        m.SalaryBand,
        "Salary bands",
        "salary.bands",
        _f("region", "level", "label", ("min", "min_lpa", "number"), ("max", "max_lpa", "number"), "note"),
        include="salary",
        anchor="salary",
        in_comparison=True,
        admin_fields=("order", "region", "level", "label", "min_lpa", "max_lpa", "note"),
        admin_search=("label", "note"),
        translatable=("label", "note"),
        check_label="salary",
        toc_label=gettext_noop("Salary"),
        in_plan=True,
    ),
    Section(
        "salary_sources",
        m.SalarySource,
        "Salary sources",
        "salary.sources",
        _f("title", ("published", "published", "text", False), ("url", "url", "text", False)),
        admin_fields=("order", "title", "published", "url"),
        admin_search=("title",),
    ),
    Section(
        "skills",
        m.CareerSkill,
        gettext_noop("Skills"),
        "skills",
        _f(("skill", "skill", "vocabulary"), "importance", "level", "used_for"),
        vocabulary="skill",
        unique="skill",
        minimum=8,
        noun="skills",
        include="skills",
        anchor="skills",
        in_comparison=True,
        admin_fields=("order", "skill", "importance", "level", "used_for"),
        admin_search=("skill__name", "used_for"),
        translatable=("used_for",),
        in_plan=True,
    ),
    Section(
        "degrees",
        m.CareerDegree,
        gettext_noop("Degrees"),
        "degrees",
        _f(
            ("degree", "degree", "vocabulary"),
            ("fit", "fit_score", "int"),
            ("preferred", "preferred", "bool"),
            "reason",
        ),
        vocabulary="degree",
        unique="degree",
        minimum=4,
        noun="degrees",
        include="degrees",
        anchor="degrees",
        in_comparison=True,
        admin_fields=("order", "degree", "fit_score", "preferred", "reason"),
        admin_search=("degree__name", "reason"),
        translatable=("reason",),
        in_plan=True,
    ),
    Section(
        "exams",
        m.CareerExam,
        "Exams on the way",
        "exams",
        _f(("exam", "exam", "vocabulary"), "role", "note"),
        vocabulary="exam",
        unique="exam",
        include="exams",
        anchor="exams",
        in_comparison=True,
        admin_fields=("order", "exam", "role", "note"),
        admin_search=("exam__short_name", "exam__name", "note"),
        translatable=("note",),
        toc_label=gettext_noop("Exams"),
        in_plan=True,
    ),
    Section(
        "learning_steps",
        m.LearningStep,
        gettext_noop("Learning path"),
        "learning_path",
        _f("title", "goal", "task", "output"),
        minimum=5,
        noun="steps",
        include="learning_path",
        anchor="learning-path",
        in_comparison=True,
        admin_fields=(("order", "title"), "goal", "task", "output"),
        admin_stacked=True,
        admin_search=("title", "task"),
        translatable=("title", "goal", "task", "output"),
        in_plan=True,
    ),
    Section(
        "responsibilities",
        m.Responsibility,
        gettext_noop("Responsibilities"),
        "responsibilities",
        _f("title", "deliverable", "frequency"),
        minimum=4,
        noun="responsibilities",
        ordered=False,
        include="responsibilities",
        anchor="responsibilities",
        admin_fields=("order", "title", "deliverable", "frequency"),
        admin_search=("title", "deliverable"),
        translatable=("title", "deliverable"),
    ),
    Section(
        "tools",
        m.CareerTool,
        gettext_noop("Tools"),
        "tools",
        _f(("tool", "tool", "vocabulary"), "used_for"),
        vocabulary="tool",
        unique="tool",
        minimum=4,
        noun="tools",
        ordered=False,
        include="tools",
        anchor="tools",
        admin_fields=("order", "tool", "used_for"),
        admin_search=("tool__name", "used_for"),
        translatable=("used_for",),
    ),
    Section(
        "job_titles",
        m.JobTitle,
        gettext_noop("Job titles"),
        "job_titles",
        _f("title", "level", "note"),
        unique="title",
        minimum=5,
        noun="titles",
        include="job_titles",
        anchor="job-titles",
        in_comparison=True,
        admin_fields=("order", "title", "level", "note"),
        admin_search=("title", "note"),
        translatable=("note",),
        in_plan=True,
    ),
    Section(
        "related",
        m.RelatedCareer,
        "Related careers",
        "related",
        _f(("career", None), ("title", None, "text", False), "difference"),
        vocabulary="related",
        unique="career",
        toc_label=gettext_noop("Related"),
        minimum=3,
        include="related",
        anchor="related",
        in_comparison=True,
        admin_fields=("order", "related", "difference"),
        admin_search=("related__title", "difference"),
        translatable=("difference",),
    ),
    Section(
        "growth_stages",
        m.GrowthStage,
        gettext_noop("Growth"),
        "growth",
        _f("stage", ("titles", None), ("years", None)),
        minimum=5,
        noun="stages",
        include="growth",
        anchor="growth",
        in_comparison=True,
        admin_fields=("order", "stage", "titles", "years_from", "years_to"),
        admin_search=("stage", "titles"),
        translatable=("stage", "titles"),
    ),
    Section(
        "industries",
        m.CareerIndustry,
        gettext_noop("Industries"),
        "industries",
        _f(("industry", "industry", "vocabulary"), ("hiring", "hiring_strength")),
        vocabulary="industry",
        unique="industry",
        minimum=5,
        noun="industries",
        ordered=False,
        include="industries",
        anchor="industries",
        in_comparison=True,
        admin_fields=("order", "industry", "hiring_strength"),
        admin_search=("industry__name",),
    ),
    Section(
        "projects",
        m.ProjectIdea,
        gettext_noop("Projects"),
        "projects",
        _f("title", ("type", "project_type"), "description", ("proof", "proof_output")),
        minimum=3,
        noun="projects",
        ordered=False,
        include="projects",
        anchor="projects",
        admin_fields=(("order", "title", "project_type"), "description", "proof_output"),
        admin_stacked=True,
        admin_search=("title", "description"),
        translatable=("title", "description", "proof_output"),
    ),
    Section(
        "challenges",
        m.Challenge,
        gettext_noop("Challenges"),
        "challenges",
        _f("title", "description"),
        minimum=4,
        noun="challenges",
        ordered=False,
        include="challenges",
        anchor="challenges",
        in_comparison=True,
        admin_fields=("order", "title", "description"),
        admin_search=("title", "description"),
        translatable=("title", "description"),
    ),
    Section(
        "faqs",
        m.FAQ,
        gettext_noop("FAQs"),
        "faqs",
        _f("question", "answer"),
        minimum=6,
        noun="FAQs",
        ordered=False,
        include="faqs",
        anchor="faqs",
        admin_fields=("order", "question", "answer"),
        admin_search=("question", "answer"),
        translatable=("question", "answer"),
        check_label="FAQs",
    ),
)

# The career's own text fields a translation covers (the sections' are declared above).
CAREER_TRANSLATABLE = (
    "title",
    "summary",
    "overview",
    "focus_areas",
    "fits",
    "not_for",
    "salary_overview",
    "salary_higher_pay",
    "salary_remote",
)

BY_NAME = {s.name: s for s in SECTIONS}
ROW_MODELS = tuple(s.model for s in SECTIONS)
COMPARISON = tuple(s for s in SECTIONS if s.in_comparison)
PLAN = tuple(s for s in SECTIONS if s.in_plan)
# Parts of the career page after the overview: (anchor, label, include), in page order.
PAGE_PARTS = tuple(s for s in SECTIONS if s.include)


def not_in_links():
    """Career's columns that a link to a career does not show (every language's title is shown)."""
    shown = {*m.Career.LINK_FIELDS, *get_translation_fields("title")}
    return [f.name for f in m.Career._meta.concrete_fields if f.name not in shown]


def section_for(model):
    for section in SECTIONS:
        if section.model is model:
            return section
    raise LookupError(model)


def prefetches(sections=SECTIONS):
    """One prefetch per section, each row fetched with the vocabulary entry it shows."""
    return [s.prefetch() for s in sections]
