"""The rows of a career's sections (declared in ``careers/sections.py``), each ordered within its career."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import money
from .career import Career
from .display import ChoiceDisplay
from .vocabulary import Degree, Exam, Industry, Skill, Tool, pair_slug


class CareerRow(ChoiceDisplay, models.Model):
    """A row of one section of a career page, ordered within the career."""

    order = models.PositiveSmallIntegerField(default=0, help_text="Position in its section (1 comes first).")

    class Meta:
        abstract = True
        ordering = ["order"]


def unique_order(name):
    return models.UniqueConstraint(fields=["career", "order"], name=f"{name}_unique_order_per_career")


def unique_per_career(field, name):
    return models.UniqueConstraint(fields=["career", field], name=f"{name}_unique_{field}_per_career")


def listing_index(field, name, *order):
    """The index a reverse or exam page pages through: an entry's rows with what they are sorted by
    (``order``, then the career's title through ``career``) and their id, so the database sorts the
    keys of every row from the index and reads the full rows of one page only (browse.page_of)."""
    return models.Index(fields=[field, *order, "career", "id"], name=f"{name}_listing")


class Importance(models.TextChoices):
    """How much something counts: a skill's importance and an industry's hiring strength."""

    HIGH = "high", _("High")
    MEDIUM_HIGH = "medium-high", _("Medium-high")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class SkillLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    INTERMEDIATE_ADVANCED = "intermediate-advanced", _("Intermediate-advanced")
    ADVANCED = "advanced", _("Advanced")
    EXPERT = "expert", _("Expert")


class CareerSkill(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="career_skills")
    importance = models.CharField(max_length=16, choices=Importance.choices)
    level = models.CharField("required level", max_length=24, choices=SkillLevel.choices)
    used_for = models.TextField(help_text="What the skill is used for in this career.")

    class Meta(CareerRow.Meta):
        constraints = [unique_order("careerskill"), unique_per_career("skill", "careerskill")]
        indexes = [listing_index("skill", "careerskill", "importance")]

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

    class Meta(CareerRow.Meta):
        constraints = [
            unique_order("careerdegree"),
            unique_per_career("degree", "careerdegree"),
            models.CheckConstraint(
                name="careerdegree_fit_score_0_100", condition=Q(fit_score__gte=0, fit_score__lte=100)
            ),
        ]
        indexes = [listing_index("degree", "careerdegree", "fit_score")]

    def __str__(self):
        return f"{self.degree} ({self.fit_score}/100)"

    def clean(self):
        if self.fit_score is not None and not 0 <= self.fit_score <= 100:
            raise ValidationError({"fit_score": "A fit score is between 0 and 100."})


class SalaryBand(CareerRow):
    class Level(models.TextChoices):
        ENTRY = "entry", _("Entry (0–2 years)")
        MID = "mid", _("Mid (3–7 years)")
        SENIOR = "senior", _("Senior (8+ years)")

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

    class Meta(CareerRow.Meta):
        constraints = [unique_order("learningstep")]

    def __str__(self):
        return self.title


class Responsibility(CareerRow):
    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        DAILY_WEEKLY = "daily/weekly", _("Daily/weekly")
        WEEKLY = "weekly", _("Weekly")
        WEEKLY_MONTHLY = "weekly/monthly", _("Weekly/monthly")
        MONTHLY = "monthly", _("Monthly")
        MONTHLY_AS_NEEDED = "monthly/as needed", _("Monthly/as needed")
        QUARTERLY = "quarterly", _("Quarterly")
        PER_PROJECT = "per project", _("Per project")
        AS_NEEDED = "as needed", _("As needed")

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="responsibilities")
    title = models.CharField(max_length=160)
    deliverable = models.TextField()
    frequency = models.CharField(max_length=20, choices=Frequency.choices)

    class Meta(CareerRow.Meta):
        verbose_name_plural = "responsibilities"
        constraints = [unique_order("responsibility")]

    def __str__(self):
        return self.title


class CareerTool(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="tools")
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="career_tools")
    used_for = models.TextField()

    class Meta(CareerRow.Meta):
        constraints = [unique_order("careertool"), unique_per_career("tool", "careertool")]
        indexes = [listing_index("tool", "careertool")]

    def __str__(self):
        return str(self.tool)


class JobTitle(CareerRow):
    class Level(models.TextChoices):
        ENTRY = "entry", _("Entry")
        JUNIOR = "junior", _("Junior")
        PROFESSIONAL = "professional", _("Professional")
        SENIOR = "senior", _("Senior")
        LEADERSHIP = "leadership", _("Leadership")

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="job_titles")
    title = models.CharField(max_length=160)
    level = models.CharField(max_length=16, choices=Level.choices)
    note = models.CharField(max_length=255)

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
            return gettext("%(start)s+ years") % {"start": self.years_from}
        return ngettext("%(start)s-%(end)s year", "%(start)s-%(end)s years", self.years_to) % {
            "start": self.years_from,
            "end": self.years_to,
        }

    def title_list(self):
        return [t.strip() for t in self.titles.split(",") if t.strip()]

    def clean(self):
        if self.years_to is not None and self.years_from is not None and self.years_from > self.years_to:
            raise ValidationError({"years_to": "A stage cannot end before it starts."})


class CareerIndustry(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="industries")
    industry = models.ForeignKey(Industry, on_delete=models.PROTECT, related_name="career_industries")
    hiring_strength = models.CharField(max_length=16, choices=Importance.choices)

    class Meta(CareerRow.Meta):
        verbose_name_plural = "career industries"
        constraints = [unique_order("careerindustry"), unique_per_career("industry", "careerindustry")]
        indexes = [listing_index("industry", "careerindustry", "hiring_strength")]

    def __str__(self):
        return str(self.industry)


class ProjectIdea(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(max_length=160)
    project_type = models.CharField("type", max_length=60, help_text="Short tag, e.g. model_deployment or case_study.")
    description = models.TextField()
    proof_output = models.TextField(help_text="What the finished project shows an employer.")

    class Meta(CareerRow.Meta):
        constraints = [unique_order("projectidea")]

    def __str__(self):
        return self.title


class Challenge(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="challenges")
    title = models.CharField(max_length=160)
    description = models.TextField()

    class Meta(CareerRow.Meta):
        constraints = [unique_order("challenge")]

    def __str__(self):
        return self.title


class FAQ(CareerRow):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=255)
    answer = models.TextField()

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
        REQUIRED = "required", _("Required")
        COMMON = "common", _("Common route")
        OPTIONAL = "optional", _("Optional")
        EMPLOYER = "employer", _("One employer's exam")

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="exams")
    exam = models.ForeignKey(Exam, on_delete=models.PROTECT, related_name="career_exams")
    role = models.CharField(max_length=16, choices=Role.choices)
    note = models.TextField(help_text="When and why, in one plain sentence.")

    class Meta(CareerRow.Meta):
        verbose_name = "exam on the way"
        verbose_name_plural = "exams on the way"
        constraints = [unique_order("careerexam"), unique_per_career("exam", "careerexam")]
        indexes = [listing_index("exam", "careerexam")]

    def __str__(self):
        return f"{self.exam} ({self.get_role_display()})"
