"""The careers catalogue.

Shared vocabularies (clusters, skills, degrees, tools, industries) are tables of their own
so that comparisons, the finder and reverse pages work by identity. Everything that belongs
to one career is an ordered row pointing at it; ``order`` is unique per career.
"""

import re

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from . import money

RIASEC_LETTERS = "RIASEC"
RIASEC_NAMES = {
    "R": "Realistic (hands-on, practical)",
    "I": "Investigative (analysing, researching)",
    "A": "Artistic (creating, designing, writing)",
    "S": "Social (helping, teaching, caring)",
    "E": "Enterprising (leading, persuading, selling)",
    "C": "Conventional (organising, detail, records)",
}


STREAMS = {"pcm": "Science (PCM)", "pcb": "Science (PCB)", "commerce": "Commerce", "arts": "Arts / Humanities"}


class RouteStart(models.TextChoices):
    AFTER_10 = "after_10", "After class 10"
    AFTER_12 = "after_12", "After class 12"
    AFTER_DEGREE = "after_degree", "After a degree"


def stream_list(value):
    """The streams of a comma-separated field ("pcm, pcb" -> ["pcm", "pcb"])."""
    return [s.strip() for s in value.split(",") if s.strip()]


def check_streams(value):
    unknown = set(stream_list(value)) - set(STREAMS)
    if unknown:
        raise ValidationError(
            {"streams": f"Unknown stream(s): {', '.join(sorted(unknown))}. Use pcm, pcb, commerce, arts."}
        )


# A slug as the catalogue writes them: lower-case letters and digits in words joined by single
# hyphens. Addresses and filters check a slug with SLUG_RE.fullmatch before looking it up.
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def pair_slug(a, b):
    """The canonical comparison page slug of two careers: their slugs in alphabetical order."""
    first, second = sorted([a, b])
    return f"{first}-vs-{second}"


# --- Vocabularies -------------------------------------------------------------------------


class Vocabulary(models.Model):
    """A named, slugged entry shared across careers."""

    name = models.CharField(max_length=120, unique=True, help_text="As readers should see it.")
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in URLs and in fixture documents. Do not change once published."
    )
    description = models.TextField(blank=True, help_text="One or two plain sentences for the reverse page.")
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Cluster(Vocabulary):
    order = models.PositiveSmallIntegerField(default=0, help_text="Position on the home page.")

    class Meta(Vocabulary.Meta):
        ordering = ["order", "name"]

    def get_absolute_url(self):
        return reverse("careers:cluster", args=[self.slug])


class Skill(Vocabulary):
    class Type(models.TextChoices):
        PROGRAMMING = "programming", "Programming"
        MODELING = "modeling", "Modeling"
        MLOPS = "mlops", "MLOps"
        SOFTWARE_ENGINEERING = "software_engineering", "Software engineering"
        DEPLOYMENT = "deployment", "Deployment"
        CLOUD = "cloud", "Cloud"
        DATA_ENGINEERING = "data_engineering", "Data engineering"
        DATABASE = "database", "Database"
        OPERATIONS = "operations", "Operations"
        ENGINEERING = "engineering", "Engineering practice"
        ANALYTICAL = "analytical", "Analytical"
        SECURITY = "security", "Security"
        DESIGN = "design", "Design"
        CREATIVE = "creative", "Creative"
        COMMUNICATION = "communication", "Communication"
        CLINICAL = "clinical", "Clinical"
        SCIENTIFIC = "scientific", "Scientific"
        FINANCE = "finance", "Finance and accounting"
        LEGAL = "legal", "Legal and regulatory"
        MANAGEMENT = "management", "Management"
        BUSINESS = "business", "Business"
        TECHNICAL = "technical", "Technical (core engineering)"
        TEACHING = "teaching", "Teaching"
        INTERPERSONAL = "interpersonal", "Interpersonal"
        DOMAIN = "domain", "Domain knowledge"

    skill_type = models.CharField("type", max_length=32, choices=Type.choices)

    def get_absolute_url(self):
        return reverse("careers:skill", args=[self.slug])


class Degree(Vocabulary):
    class Level(models.TextChoices):
        SCHOOL = "school", "School (class 10/12)"
        DIPLOMA = "diploma", "Diploma"
        GRADUATE = "graduate", "Graduate"
        ENGINEERING = "engineering", "Engineering"
        PROFESSIONAL = "professional", "Professional qualification"
        POSTGRADUATE = "postgraduate", "Postgraduate"
        DOCTORATE = "doctorate", "Doctorate"
        NO_DEGREE = "no_degree", "No degree"

    level = models.CharField(max_length=16, choices=Level.choices)
    streams = models.CharField(
        max_length=40,
        blank=True,
        help_text="Class 12 streams that lead to this degree, comma-separated from: pcm, pcb, commerce, arts.",
    )

    class Meta(Vocabulary.Meta):
        ordering = ["level", "name"]

    def get_absolute_url(self):
        return reverse("careers:degree", args=[self.slug])

    def stream_list(self):
        return stream_list(self.streams)

    def clean(self):
        check_streams(self.streams)


class Tool(Vocabulary):
    def get_absolute_url(self):
        return reverse("careers:tool", args=[self.slug])


class Industry(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name_plural = "industries"

    def get_absolute_url(self):
        return reverse("careers:industry", args=[self.slug])


class Exam(Vocabulary):
    """An entrance, recruitment, licence or eligibility exam on the way to careers."""

    class Purpose(models.TextChoices):
        ADMISSION_UG = "admission_ug", "Admission to undergraduate study"
        ADMISSION_PG = "admission_pg", "Admission to postgraduate study"
        RECRUITMENT = "recruitment", "Recruitment"
        LICENCE = "licence", "Licence or professional qualification"
        ELIGIBILITY = "eligibility", "Eligibility"

    class Level(models.TextChoices):
        NATIONAL = "national", "National"
        STATE = "state", "State"
        INSTITUTION = "institution", "One institution"

    short_name = models.CharField(max_length=60, unique=True, help_text="As students write it, e.g. NEET-UG.")
    conducting_body = models.CharField(max_length=255)
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    level = models.CharField(max_length=16, choices=Level.choices)
    stage = models.CharField(max_length=16, choices=RouteStart.choices, help_text="When a student usually sits it.")
    streams = models.CharField(
        max_length=40,
        blank=True,
        help_text="Class 12 streams that may sit it (pcm, pcb, commerce, arts); empty when any may.",
    )
    eligibility = models.TextField(help_text="Who can sit it: class or degree and subjects.")
    min_marks = models.CharField("minimum marks", max_length=255, blank=True)
    age_limit = models.CharField(max_length=255, blank=True)
    attempt_limit = models.CharField(max_length=255, blank=True)
    frequency = models.CharField(max_length=120, blank=True, help_text="e.g. Once a year")
    apply_months = models.CharField(max_length=40, blank=True, help_text="Usual application months, e.g. 2,3")
    exam_months = models.CharField(max_length=40, blank=True, help_text="Usual exam months, e.g. 5")
    mode = models.TextField(blank=True, help_text="Computer-based or pen and paper, and any later stages.")
    sections = models.TextField(blank=True, help_text="Its sections or subjects, in one line.")
    website = models.URLField(blank=True, max_length=300)
    last_verified = models.DateField(null=True, blank=True)
    degrees = models.ManyToManyField(Degree, blank=True, related_name="exams", help_text="Degrees it is the gate to.")
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, help_text="Alternatives and next stages, as the exam lists them."
    )

    class Meta(Vocabulary.Meta):
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("careers:exam", args=[self.slug])

    def stream_list(self):
        return stream_list(self.streams)

    def _months(self, value):
        return [int(v) for v in value.split(",") if v.strip().isdigit() and 1 <= int(v) <= 12]

    def apply_month_list(self):
        return self._months(self.apply_months)

    def exam_month_list(self):
        return self._months(self.exam_months)

    @property
    def first_exam_month(self):
        months = self.exam_month_list()
        return months[0] if months else None

    def clean(self):
        check_streams(self.streams)
        for name in ("apply_months", "exam_months"):
            raw = [v.strip() for v in getattr(self, name).split(",") if v.strip()]
            if len(raw) != len(self._months(getattr(self, name))):
                raise ValidationError({name: "Months are numbers from 1 to 12, separated by commas."})


class ExamSource(models.Model):
    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="sources")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=160)
    published = models.CharField(max_length=40, blank=True, help_text="Date as the source gives it.")
    url = models.URLField(max_length=500, blank=True)
    checked = models.DateField(null=True, blank=True, help_text="When we read it.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return f"{self.publisher}: {self.title}"


# --- Careers ------------------------------------------------------------------------------


class CareerQuerySet(models.QuerySet):
    def published(self):
        return self.filter(Career.published_q())

    def for_comparison(self):
        """What a comparison shows: the career with its cluster, and the comparison's sections."""
        from .sections import COMPARISON, prefetches

        return self.select_related("cluster").prefetch_related(*prefetches(COMPARISON))

    def with_all_sections(self):
        """The career with its cluster and every section (one query per section): for export,
        completeness and the synthetic generator."""
        from .sections import prefetches

        return self.select_related("cluster").prefetch_related(*prefetches())

    def with_sections(self):
        """Everything the career page shows: the career with its cluster, one query per section,
        and the published careers that list it as related (with their titles)."""
        return self.with_all_sections().prefetch_related(
            models.Prefetch(
                "related_from",
                queryset=RelatedCareer.objects.filter(Career.published_q("career__"))
                .select_related("career")
                .order_by("career__title"),
            ),
        )


class Career(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    title = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The slugified title, e.g. machine-learning-engineer."
    )
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.PROTECT,
        related_name="careers",
        null=True,
        blank=True,
        help_text="The family of careers this one belongs to.",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
        editable=False,
        help_text="Set on a draft copy of a published career; publishing the copy updates that career.",
    )
    revision_base = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="On a revision: when the published career was last changed as the revision saw it.",
    )
    last_reviewed = models.DateField(null=True, blank=True, help_text="When an editor last checked every section.")

    summary = models.TextField(help_text="One sentence: what someone in this career does.")
    overview = models.TextField(help_text="A paragraph on the role: skills it combines, the work, who they work with.")
    focus_areas = models.TextField(help_text="The main areas of work, as one comma-separated sentence.")
    fits = models.TextField("who it fits", help_text="Who will enjoy this career.")
    not_for = models.TextField("who it is not for", help_text="Who should think twice, said kindly and plainly.")
    interest_code = models.CharField(
        "interest profile",
        max_length=3,
        blank=True,
        help_text="Holland/RIASEC code, strongest first: up to three of R, I, A, S, E, C (e.g. IRC).",
    )
    nco_code = models.CharField(
        "NCO-2015 code",
        max_length=9,
        blank=True,
        help_text="National Classification of Occupations 2015 (DDDD.DDDD). Leave empty unless a source gives it.",
    )
    isco_code = models.CharField(
        "ISCO-08 unit group", max_length=4, blank=True, help_text="Four digits. Leave empty unless a source gives it."
    )
    job_ready_months_min = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Typical months of preparation before a first job, from a related starting point "
        "(includes a required degree or licence where the career needs one).",
    )
    job_ready_months_max = models.PositiveSmallIntegerField(null=True, blank=True)

    route_start = models.CharField(
        max_length=16,
        choices=RouteStart.choices,
        default=RouteStart.AFTER_12,
        help_text="Where the usual route into this career starts.",
    )
    study_years = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Typical years of study from the route's starting point before the first job "
        "(2 for ITI after class 10, 4 for B.Tech after class 12, 0 for a recruitment exam after a degree).",
    )
    involves_coding = models.BooleanField(default=False, help_text="Writing code is a regular part of the job.")
    shift_work = models.BooleanField(
        default=False, help_text="Night shifts, rotating shifts or on-call duty are common."
    )
    fieldwork = models.BooleanField(
        default=False, help_text="Regular work on sites, in the field or travelling, not only at a desk."
    )

    salary_overview = models.TextField(blank=True, help_text="What moves pay in this career (shown above the bands).")
    salary_higher_pay = models.TextField(blank=True, help_text="Which employers or paths tend to pay more.")
    salary_remote = models.TextField(blank=True, help_text="Remote, freelance, consulting or private-practice income.")

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    # Maintained by search reindexing (careers/changes.py): the text searched on SQLite and by trigram
    # similarity, and the weighted full-text vector on PostgreSQL (GIN-indexed by migration 0002).
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text", "search_vector"])
    objects = CareerQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        permissions = [("publish_career", "Can publish or archive careers")]
        constraints = [
            models.CheckConstraint(
                name="career_interest_code_riasec",
                condition=Q(interest_code__regex=r"^[RIASEC]{0,3}$"),
            ),
            models.CheckConstraint(
                name="career_job_ready_months_ordered",
                condition=Q(job_ready_months_min__isnull=True)
                | Q(job_ready_months_max__isnull=True)
                | Q(job_ready_months_min__lte=models.F("job_ready_months_max")),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("careers:career", args=[self.slug])

    @classmethod
    def published_q(cls, prefix=""):
        """The published filter as a Q, for queries that reach careers through a relation."""
        return Q(**{f"{prefix}status": cls.Status.PUBLISHED})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    REVIEW_EVERY_DAYS = 365

    @property
    def review_due(self):
        """True when nobody has checked the career for a year (or ever)."""
        if self.last_reviewed is None:
            return True
        return (timezone.localdate() - self.last_reviewed).days > self.REVIEW_EVERY_DAYS

    def also_related(self):
        """Published careers that list this one as related but are not listed back here."""
        listed = {r.related_id for r in self.related.all()}
        return [r for r in self.related_from.all() if r.career_id not in listed]

    def interest_areas(self):
        """The RIASEC letters of the interest code, named."""
        return [(letter, RIASEC_NAMES[letter]) for letter in self.interest_code if letter in RIASEC_NAMES]

    def clean(self):
        code = self.interest_code or ""
        if not re.fullmatch(r"[RIASEC]{0,3}", code) or len(set(code)) != len(code):
            raise ValidationError(
                {"interest_code": "Use up to three different letters from R, I, A, S, E, C, e.g. IRC."}
            )
        if self.nco_code and not re.fullmatch(r"\d{4}\.\d{4}", self.nco_code):
            raise ValidationError({"nco_code": "An NCO-2015 code looks like 2512.0201."})
        if self.isco_code and not re.fullmatch(r"\d{4}", self.isco_code):
            raise ValidationError({"isco_code": "An ISCO-08 unit group is four digits, e.g. 2511."})
        lo, hi = self.job_ready_months_min, self.job_ready_months_max
        if lo is not None and hi is not None and lo > hi:
            raise ValidationError({"job_ready_months_max": "The longest time cannot be shorter than the shortest."})


class CareerRow(models.Model):
    """A row of one section of a career page, ordered within the career."""

    order = models.PositiveSmallIntegerField(default=0, help_text="Position in its section (1 comes first).")

    class Meta:
        abstract = True
        ordering = ["order"]


def unique_order(name):
    return models.UniqueConstraint(fields=["career", "order"], name=f"{name}_unique_order_per_career")


def unique_per_career(field, name):
    return models.UniqueConstraint(fields=["career", field], name=f"{name}_unique_{field}_per_career")


class Importance(models.TextChoices):
    """How much something counts: a skill's importance and an industry's hiring strength."""

    HIGH = "high", "High"
    MEDIUM_HIGH = "medium-high", "Medium-high"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class SkillLevel(models.TextChoices):
    BASIC = "basic", "Basic"
    INTERMEDIATE = "intermediate", "Intermediate"
    INTERMEDIATE_ADVANCED = "intermediate-advanced", "Intermediate-advanced"
    ADVANCED = "advanced", "Advanced"
    EXPERT = "expert", "Expert"


class CareerSkill(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="career_skills")
    importance = models.CharField(max_length=16, choices=Importance.choices)
    level = models.CharField("required level", max_length=24, choices=SkillLevel.choices)
    used_for = models.TextField(help_text="What the skill is used for in this career.")
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        constraints = [unique_order("careerskill"), unique_per_career("skill", "careerskill")]

    def __str__(self):
        return f"{self.skill} ({self.get_importance_display()})"


class CareerDegree(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="degrees")
    degree = models.ForeignKey(Degree, on_delete=models.PROTECT, related_name="career_degrees")
    fit_score = models.PositiveSmallIntegerField(
        validators=[
            MinValueValidator(0, message="A fit score is between 0 and 100."),
            MaxValueValidator(100, message="A fit score is between 0 and 100 (100 = a perfect route)."),
        ],
        help_text="0–100: how well this degree prepares someone for the career.",
    )
    preferred = models.BooleanField(default=False, help_text="Employers commonly ask for or favour this degree.")
    reason = models.TextField(help_text="Why the degree fits, and what must be added.")
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        constraints = [
            unique_order("careerdegree"),
            unique_per_career("degree", "careerdegree"),
            models.CheckConstraint(
                name="careerdegree_fit_score_0_100", condition=Q(fit_score__gte=0, fit_score__lte=100)
            ),
        ]

    def __str__(self):
        return f"{self.degree} ({self.fit_score}/100)"

    def clean(self):
        if self.fit_score is not None and not 0 <= self.fit_score <= 100:
            raise ValidationError({"fit_score": "A fit score is between 0 and 100."})


class SalaryBand(CareerRow):
    class Level(models.TextChoices):
        ENTRY = "entry", "Entry (0–2 years)"
        MID = "mid", "Mid (3–7 years)"
        SENIOR = "senior", "Senior (8+ years)"

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="salary_bands")
    region = models.CharField(max_length=60, default="Pan-India")
    level = models.CharField(max_length=8, choices=Level.choices)
    label = models.CharField(max_length=120, help_text="How the band is described, e.g. 'Junior and early roles'.")
    min_lpa = models.DecimalField(
        "minimum (₹ LPA)",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0, message="A salary cannot be negative.")],
    )
    max_lpa = models.DecimalField(
        "maximum (₹ LPA)",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0, message="A salary cannot be negative.")],
    )
    note = models.TextField(blank=True, help_text="What the estimate covers and what moves it.")
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        constraints = [
            unique_order("salaryband"),
            models.CheckConstraint(name="salaryband_min_not_above_max", condition=Q(min_lpa__lte=models.F("max_lpa"))),
            models.CheckConstraint(name="salaryband_min_not_negative", condition=Q(min_lpa__gte=0)),
        ]

    def __str__(self):
        return f"{self.region} {self.get_level_display()}: {money.lpa_range(self.min_lpa, self.max_lpa)}"

    def clean(self):
        if self.min_lpa is not None and self.max_lpa is not None and self.min_lpa > self.max_lpa:
            raise ValidationError({"max_lpa": "The maximum salary cannot be below the minimum."})


class SalarySource(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="salary_sources")
    title = models.CharField(max_length=255, help_text="Publisher and title of the page the figures were read in.")
    url = models.URLField(blank=True, max_length=500)
    published = models.CharField(max_length=40, blank=True, help_text="Date as the source gives it, e.g. 3 Jun 2025.")
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        constraints = [unique_order("salarysource")]

    def __str__(self):
        return self.title


class LearningStep(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="learning_steps")
    title = models.CharField(max_length=160)
    goal = models.TextField()
    task = models.TextField()
    output = models.CharField(max_length=255, help_text="What the learner has at the end of the step.")
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        constraints = [unique_order("learningstep")]

    def __str__(self):
        return self.title


class Responsibility(CareerRow):
    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        DAILY_WEEKLY = "daily/weekly", "Daily/weekly"
        WEEKLY = "weekly", "Weekly"
        WEEKLY_MONTHLY = "weekly/monthly", "Weekly/monthly"
        MONTHLY = "monthly", "Monthly"
        MONTHLY_AS_NEEDED = "monthly/as needed", "Monthly/as needed"
        QUARTERLY = "quarterly", "Quarterly"
        PER_PROJECT = "per project", "Per project"
        AS_NEEDED = "as needed", "As needed"

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="responsibilities")
    title = models.CharField(max_length=160)
    deliverable = models.TextField()
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        verbose_name_plural = "responsibilities"
        constraints = [unique_order("responsibility")]

    def __str__(self):
        return self.title


class CareerTool(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="tools")
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="career_tools")
    used_for = models.TextField()
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        constraints = [unique_order("careertool"), unique_per_career("tool", "careertool")]

    def __str__(self):
        return str(self.tool)


class JobTitle(CareerRow):
    class Level(models.TextChoices):
        ENTRY = "entry", "Entry"
        JUNIOR = "junior", "Junior"
        PROFESSIONAL = "professional", "Professional"
        SENIOR = "senior", "Senior"
        LEADERSHIP = "leadership", "Leadership"

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="job_titles")
    title = models.CharField(max_length=160)
    level = models.CharField(max_length=16, choices=Level.choices)
    note = models.CharField(max_length=255)
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        constraints = [unique_order("jobtitle"), unique_per_career("title", "jobtitle")]

    def __str__(self):
        return self.title


class GrowthStage(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="growth_stages")
    stage = models.CharField(max_length=120)
    titles = models.TextField(help_text="Role titles at this stage, comma-separated.")
    years_from = models.PositiveSmallIntegerField()
    years_to = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Empty for an open end (10+ years).")
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        constraints = [
            unique_order("growthstage"),
            models.CheckConstraint(
                name="growthstage_years_ordered",
                condition=Q(years_to__isnull=True) | Q(years_from__lte=models.F("years_to")),
            ),
        ]

    def __str__(self):
        return self.stage

    @property
    def years_label(self):
        if self.years_to is None:
            return f"{self.years_from}+ years"
        unit = "year" if self.years_to == 1 else "years"
        return f"{self.years_from}-{self.years_to} {unit}"

    def title_list(self):
        return [t.strip() for t in self.titles.split(",") if t.strip()]

    def clean(self):
        if self.years_to is not None and self.years_from is not None and self.years_from > self.years_to:
            raise ValidationError({"years_to": "A stage cannot end before it starts."})


class CareerIndustry(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="industries")
    industry = models.ForeignKey(Industry, on_delete=models.PROTECT, related_name="career_industries")
    hiring_strength = models.CharField(max_length=16, choices=Importance.choices)
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        verbose_name_plural = "career industries"
        constraints = [unique_order("careerindustry"), unique_per_career("industry", "careerindustry")]

    def __str__(self):
        return str(self.industry)


class ProjectIdea(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(max_length=160)
    project_type = models.CharField("type", max_length=60, help_text="Short tag, e.g. model_deployment or case_study.")
    description = models.TextField()
    proof_output = models.TextField(help_text="What the finished project shows an employer.")
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        constraints = [unique_order("projectidea")]

    def __str__(self):
        return self.title


class Challenge(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="challenges")
    title = models.CharField(max_length=160)
    description = models.TextField()
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        constraints = [unique_order("challenge")]

    def __str__(self):
        return self.title


class FAQ(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=255)
    answer = models.TextField()
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"
        constraints = [unique_order("faq")]

    def __str__(self):
        return self.question


class RelatedCareer(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="related")
    related = models.ForeignKey(
        Career,
        on_delete=models.CASCADE,
        related_name="related_from",
        help_text="Unpublished careers are shown by name, without a link.",
    )
    difference = models.TextField(help_text="How the two careers differ, in one or two sentences.")
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        constraints = [
            unique_order("relatedcareer"),
            unique_per_career("related", "relatedcareer"),
            models.CheckConstraint(name="relatedcareer_not_self", condition=~Q(career=models.F("related"))),
        ]

    def __str__(self):
        return f"{self.career} → {self.related}"

    @property
    def pair_slug(self):
        """The canonical a-vs-b comparison page of the two careers (alphabetical slugs)."""
        return pair_slug(self.career.slug, self.related.slug)

    def clean(self):
        if self.career_id and self.career_id == self.related_id:
            raise ValidationError({"related": "A career cannot be related to itself."})


class CareerExam(CareerRow):
    class Role(models.TextChoices):
        REQUIRED = "required", "Required"
        COMMON = "common", "Common route"
        OPTIONAL = "optional", "Optional"
        EMPLOYER = "employer", "One employer's exam"

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="exams")
    exam = models.ForeignKey(Exam, on_delete=models.PROTECT, related_name="career_exams")
    role = models.CharField(max_length=16, choices=Role.choices)
    note = models.TextField(help_text="When and why, in one plain sentence.")
    history = HistoricalRecords()

    class Meta(CareerRow.Meta):
        verbose_name = "exam on the way"
        verbose_name_plural = "exams on the way"
        constraints = [unique_order("careerexam"), unique_per_career("exam", "careerexam")]

    def __str__(self):
        return f"{self.exam} ({self.get_role_display()})"


class LoadedDocument(models.Model):
    """What ``load_catalogue`` last wrote for one fixture entry.

    ``digest`` is the hash of the entry as exported from the database right after loading.
    If the database's export no longer hashes to it, staff edited the entry in the admin and
    the loader leaves it alone unless told to overwrite.
    """

    kind = models.CharField(max_length=20)
    key = models.SlugField(max_length=120)
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="loadeddocument_unique_kind_key")]

    def __str__(self):
        return f"{self.kind}:{self.key}"
