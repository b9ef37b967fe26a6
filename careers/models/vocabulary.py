"""Shared vocabularies (clusters, skills, degrees, tools, industries, exams) and the enumerations and
checks they share: one row each, used by every career that needs it."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..addresses import slug_url
from .display import ChoiceDisplay

RIASEC_LETTERS = "RIASEC"
RIASEC_NAMES = {
    "R": _("Realistic (hands-on, practical)"),
    "I": _("Investigative (analysing, researching)"),
    "A": _("Artistic (creating, designing, writing)"),
    "S": _("Social (helping, teaching, caring)"),
    "E": _("Enterprising (leading, persuading, selling)"),
    "C": _("Conventional (organising, detail, records)"),
}


STREAMS = {
    "pcm": _("Science (PCM)"),
    "pcb": _("Science (PCB)"),
    "commerce": _("Commerce"),
    "arts": _("Arts / Humanities"),
}


class RouteStart(models.TextChoices):
    AFTER_10 = "after_10", _("After class 10")
    AFTER_12 = "after_12", _("After class 12")
    AFTER_DEGREE = "after_degree", _("After a degree")


def stream_list(value):
    """The streams of a comma-separated field ("pcm, pcb" -> ["pcm", "pcb"])."""
    return [s.strip() for s in value.split(",") if s.strip()]


def month_list(value):
    """The months of a comma-separated field ("2,3" -> [2, 3]); anything but 1-12 is dropped."""
    return [int(v) for v in value.split(",") if v.strip().isdigit() and 1 <= int(v) <= 12]


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


class Vocabulary(ChoiceDisplay, models.Model):
    """A named, slugged entry shared across careers."""

    name = models.CharField(max_length=120, unique=True, help_text="As readers should see it.")
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in URLs and in fixture documents. Do not change once published."
    )
    description = models.TextField(blank=True, help_text="One or two plain sentences for the reverse page.")

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
        return slug_url("careers:cluster", self.slug)


class Skill(Vocabulary):
    class Type(models.TextChoices):
        PROGRAMMING = "programming", _("Programming")
        MODELING = "modeling", _("Modeling")
        MLOPS = "mlops", _("MLOps")
        SOFTWARE_ENGINEERING = "software_engineering", _("Software engineering")
        DEPLOYMENT = "deployment", _("Deployment")
        CLOUD = "cloud", _("Cloud")
        DATA_ENGINEERING = "data_engineering", _("Data engineering")
        DATABASE = "database", _("Database")
        OPERATIONS = "operations", _("Operations")
        ENGINEERING = "engineering", _("Engineering practice")
        ANALYTICAL = "analytical", _("Analytical")
        SECURITY = "security", _("Security")
        DESIGN = "design", _("Design")
        CREATIVE = "creative", _("Creative")
        COMMUNICATION = "communication", _("Communication")
        CLINICAL = "clinical", _("Clinical")
        SCIENTIFIC = "scientific", _("Scientific")
        FINANCE = "finance", _("Finance and accounting")
        LEGAL = "legal", _("Legal and regulatory")
        MANAGEMENT = "management", _("Management")
        BUSINESS = "business", _("Business")
        TECHNICAL = "technical", _("Technical (core engineering)")
        TEACHING = "teaching", _("Teaching")
        INTERPERSONAL = "interpersonal", _("Interpersonal")
        DOMAIN = "domain", _("Domain knowledge")

    skill_type = models.CharField("type", max_length=32, choices=Type.choices)

    def get_absolute_url(self):
        return slug_url("careers:skill", self.slug)


class Degree(Vocabulary):
    class Level(models.TextChoices):
        SCHOOL = "school", _("School (class 10/12)")
        DIPLOMA = "diploma", _("Diploma")
        GRADUATE = "graduate", _("Graduate")
        ENGINEERING = "engineering", _("Engineering")
        PROFESSIONAL = "professional", _("Professional qualification")
        POSTGRADUATE = "postgraduate", _("Postgraduate")
        DOCTORATE = "doctorate", _("Doctorate")
        NO_DEGREE = "no_degree", _("No degree")

    level = models.CharField(max_length=16, choices=Level.choices)
    streams = models.CharField(
        max_length=40,
        blank=True,
        help_text="Class 12 streams that lead to this degree, comma-separated from: pcm, pcb, commerce, arts.",
    )

    class Meta(Vocabulary.Meta):
        ordering = ["level", "name"]

    def get_absolute_url(self):
        return slug_url("careers:degree", self.slug)

    def stream_list(self):
        return stream_list(self.streams)

    def clean(self):
        check_streams(self.streams)


class Tool(Vocabulary):
    def get_absolute_url(self):
        return slug_url("careers:tool", self.slug)


class Industry(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name_plural = "industries"

    def get_absolute_url(self):
        return slug_url("careers:industry", self.slug)


class Exam(Vocabulary):
    """An entrance, recruitment, licence or eligibility exam on the way to careers."""

    class Purpose(models.TextChoices):
        ADMISSION_UG = "admission_ug", _("Admission to undergraduate study")
        ADMISSION_PG = "admission_pg", _("Admission to postgraduate study")
        RECRUITMENT = "recruitment", _("Recruitment")
        LICENCE = "licence", _("Licence or professional qualification")
        ELIGIBILITY = "eligibility", _("Eligibility")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        STATE = "state", _("State")
        INSTITUTION = "institution", _("One institution")

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
        return slug_url("careers:exam", self.slug)

    def stream_list(self):
        return stream_list(self.streams)

    def apply_month_list(self):
        return month_list(self.apply_months)

    def exam_month_list(self):
        return month_list(self.exam_months)

    @property
    def first_exam_month(self):
        months = self.exam_month_list()
        return months[0] if months else None

    def clean(self):
        check_streams(self.streams)
        for name in ("apply_months", "exam_months"):
            raw = [v.strip() for v in getattr(self, name).split(",") if v.strip()]
            if len(raw) != len(month_list(getattr(self, name))):
                raise ValidationError({name: "Months are numbers from 1 to 12, separated by commas."})


class Synonym(Vocabulary):
    """A word or phrase students type, and what search should also look for ("govt" -> government).

    ``name`` is the term as typed; ``means`` lists what it stands for, comma-separated (each
    alternative may be several words). An empty ``means`` marks filler words that search ignores
    ("kaise bane", "banna hai"). Applied to queries at search time: no reindex is needed.
    """

    means = models.CharField(
        max_length=255,
        blank=True,
        help_text="What the term stands for, comma-separated alternatives (e.g. “civil services, UPSC CSE”). "
        "Leave empty for filler words search should ignore (e.g. “kaise bane”).",
    )

    class Meta(Vocabulary.Meta):
        verbose_name = "search synonym"

    def clean(self):
        from ..search.text import words

        if not words(self.name):
            raise ValidationError({"name": "The term needs letters or numbers."})
        if self.means and not any(words(alternative) for alternative in self.means.split(",")):
            raise ValidationError({"means": "Write words, separated by commas, or leave it empty for filler words."})


class ExamSource(models.Model):
    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="sources")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=160)
    published = models.CharField(max_length=40, blank=True, help_text="Date as the source gives it.")
    url = models.URLField(max_length=500, blank=True)
    checked = models.DateField(null=True, blank=True, help_text="When we read it.")

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return f"{self.publisher}: {self.title}"
