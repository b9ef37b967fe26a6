"""A career, how it is queried, and the loader's record of what it last wrote."""

import re

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..addresses import slug_url
from .display import ChoiceDisplay
from .vocabulary import RIASEC_NAMES, Cluster, RouteStart

# --- Careers ------------------------------------------------------------------------------


class CareerQuerySet(models.QuerySet):
    def published(self):
        return self.filter(Career.published_q())

    def for_display(self):
        """Careers with their cluster, without the columns no page shows; pages that show their
        sections then read them with ``section_cache.fill`` (compare, transition, plan)."""
        return self.select_related("cluster").defer(*self.model.UNSHOWN_FIELDS)

    def with_all_sections(self):
        """The career with its cluster and every section (one query per section): for export,
        completeness and the synthetic generator."""
        from ..sections import prefetches

        return self.select_related("cluster").prefetch_related(*prefetches())

    def with_sections(self):
        """Everything the career page shows: the career with its cluster, one query per section,
        and the published careers that list it as related (with their titles)."""
        return self.select_related("cluster").prefetch_related(*page_prefetches())


def page_prefetches():
    """The career page's prefetches (with ``prefetch_related`` or ``prefetch_related_objects``): one
    per section, and the published careers that list the career as related (with their titles)."""
    from ..sections import not_in_links, prefetches
    from .rows import RelatedCareer

    return [
        *prefetches(),
        models.Prefetch(
            "related_from",
            queryset=RelatedCareer.objects.filter(Career.published_q("career__"))
            .select_related("career")
            .defer(*(f"career__{name}" for name in not_in_links()))  # (a link: not their search or Hindi documents)
            .order_by("career__title"),
        ),
    ]


class Career(ChoiceDisplay, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    class TranslationStatus(models.TextChoices):
        MISSING = "missing", "Missing"
        PARTIAL = "partial", "Partial (core text only)"
        STALE = "stale", "Stale (the English changed since)"
        COMPLETE = "complete", "Complete"

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

    # Maintained by search reindexing (careers/changes.py, careers/search/index.py): the normalised
    # text searched on SQLite, the weighted full-text vector on PostgreSQL (GIN), the short names
    # (title and job titles) that typo matching compares (trigram GIN) and their own small vector
    # (GIN; ranked without reading the large one), and what each part of the
    # career says, for ranking and for "why it matched".
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # Maintained by the write hook too (catalogue.completeness.refresh): whether the career meets the
    # completeness bar, and the checks it falls short on, so the admin filters 5,000 careers in one query.
    complete = models.BooleanField(default=False, editable=False, db_index=True)
    falls_short = models.JSONField(default=list, blank=True, editable=False)
    search_names = models.TextField(blank=True, editable=False)
    search_names_vector = SearchVectorField(null=True, editable=False)
    # What ranking reads of every candidate, and what a hit shows of why it matched, as plain lines
    # (search/index.py, ``encode``): a search splits them, and reads the second for its hits only.
    search_parts = models.TextField(blank=True, default="", editable=False)
    search_shown = models.TextField(blank=True, default="", editable=False)
    # The starting salary range (the entry-level bands' lowest minimum and highest maximum), kept by
    # the write hook too (browse.store_entry_salaries), so that browse sorts and filters by it
    # through an index instead of reading every career's salary bands.
    entry_min_lpa = models.DecimalField(max_digits=6, decimal_places=2, null=True, editable=False)
    entry_max_lpa = models.DecimalField(max_digits=6, decimal_places=2, null=True, editable=False)
    SEARCH_FIELDS = [
        *("search_text", "search_vector", "search_names", "search_names_vector"),
        *("search_parts", "search_shown"),
    ]

    # Hindi (catalogue/localize.py). The approved translation document (the shape of
    # fixtures/translations/hi/careers/<slug>.yaml): the only source of the *_hi columns, which
    # therefore hold reviewed text only. An editor's working copy, public nowhere until a reviewer
    # approves it. And the translation's state, kept by the write hook: a Hindi page shows the
    # Hindi only when it is complete (every section, made from the English as it is now).
    translation_hi = models.TextField("approved Hindi translation", blank=True, editable=False)
    translation_hi_draft = models.TextField(
        "Hindi translation (draft)",
        blank=True,
        help_text="The Hindi document being written or corrected (YAML, as in fixtures/translations/hi/). "
        "Readers see it only after a reviewer approves it.",
    )
    translation_status_hi = models.CharField(
        "Hindi",
        max_length=10,
        choices=TranslationStatus,
        default=TranslationStatus.MISSING,
        editable=False,
        db_index=True,
    )

    # Columns no public page shows (search's own, the stored translation documents): pages that
    # read careers for display defer them (``CareerQuerySet.for_display``).
    UNSHOWN_FIELDS = (*SEARCH_FIELDS, "falls_short", "translation_hi", "translation_hi_draft")
    # What a link to a career shows (its address, title and whether it is published): all that is
    # read of a related career (``Section.prefetch``; ``title`` is one column per language).
    LINK_FIELDS = ("id", "slug", "status", "title")

    # Derived from the content by the write hook: not history, not content a revision copies.
    DERIVED_FIELDS = (
        *SEARCH_FIELDS,
        *("complete", "falls_short", "translation_status_hi", "entry_min_lpa", "entry_max_lpa"),
    )
    # History (django-simple-history) is registered in careers/translation.py, after the
    # translated columns exist, so that every version records both languages.
    HISTORY_OPTIONS = {"excluded_fields": list(DERIVED_FIELDS)}
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
        indexes = [
            # Lists reached through a career's rows (reverse and exam pages, their counts) join the
            # published careers and sort by title: this index answers both without reading the wide
            # career rows (search vector and document), and walks titles in order.
            models.Index(fields=["status", "title", "id"], name="career_status_title"),
            # (PostgreSQL also has an index in browse's order by starting salary: migration 0018.)
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("careers:career", self.slug)

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


class SearchName(models.Model):
    """One name a career goes by (its title or a job title), one row each, for typo matching: the
    trigram index (PostgreSQL, migration 0014) then compares a query with short names instead of
    every career's whole list of names. Maintained by search reindexing with ``search_names``."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="+")
    name = models.TextField()

    def __str__(self):
        return self.name
